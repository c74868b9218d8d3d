package io.libsql.client;

import java.util.List;
import java.util.stream.Stream;

/**
 * A blocking client for one libSQL database: a local file or a remote sqld/Turso server.
 *
 * <p>Create one with {@link Libsql#createClient(String)}, share it between threads (all methods are
 * thread-safe; concurrent calls on a remote client run concurrently), and close it when done.
 *
 * <pre>{@code
 * try (Client client = Libsql.createClient("file:app.db")) {
 *   client.execute("CREATE TABLE IF NOT EXISTS users(id INTEGER PRIMARY KEY, name TEXT)");
 *   client.execute("INSERT INTO users(name) VALUES (?)", "Ada");
 *   for (Row row : client.execute("SELECT id, name FROM users")) {
 *     System.out.println(row.getLong("id") + " " + row.getString("name"));
 *   }
 * }
 * }</pre>
 *
 * <p>Every method throws {@link LibsqlException}. After a network failure
 * ({@link ErrorCode#CONNECTION_LOST}, {@link ErrorCode#TIMEOUT}) a write may or may not have been
 * applied; a {@link #batch} is atomic either way.
 *
 * <p>Each call ends by its deadline ({@link Config#requestTimeout()}, or the statement's
 * {@link Statement#withTimeout}) with {@code TIMEOUT}; interrupting the calling thread ends it with
 * {@code CANCELLED} (the interrupt flag kept). Either way the work is stopped: a local statement is
 * interrupted and rolled back, a remote one abandoned, and the message says which.
 */
public interface Client extends AutoCloseable {
  /**
   * Executes one statement with positional arguments.
   *
   * @param args the values of the placeholders, in order (null, numbers, strings, {@code byte[]}, ...)
   * @param sql the SQL text, with {@code ?} placeholders for the arguments
   * @return the statement's result
   */
  ResultSet execute(String sql, Object... args);

  /**
   * Executes one statement.
   *
   * @param statement the statement to run
   * @return the statement's result
   */
  ResultSet execute(Statement statement);

  /**
   * Executes the statements atomically in a {@link TransactionMode#DEFERRED} transaction.
   *
   * @param statements the statements, in order
   * @return one result per statement, in order
   */
  List<ResultSet> batch(List<Statement> statements);

  /**
   * Executes the statements atomically: all apply or, if one fails, none do; the exception's
   * {@link LibsqlException#statementIndex()} says which failed. Remote batches take one round trip.
   *
   * @param mode how the transaction begins ({@code BEGIN DEFERRED}, {@code IMMEDIATE} or a read-only one)
   * @param statements the statements, in order
   * @return one result per statement, in order
   */
  List<ResultSet> batch(TransactionMode mode, List<Statement> statements);

  /**
   * Executes a script of semicolon-separated statements without arguments, not atomically.
   *
   * @param sqlScript statements separated by semicolons
   */
  void executeMultiple(String sqlScript);

  /**
   * Runs schema changes atomically with foreign-key enforcement off, so that tables other tables
   * reference can be rebuilt: {@code PRAGMA foreign_keys=OFF}, the statements in one write
   * transaction, {@code PRAGMA foreign_key_check}, COMMIT (or ROLLBACK if any foreign key is left
   * broken, failing with {@code SQLITE_CONSTRAINT_FOREIGNKEY}), then enforcement back on.
   *
   * @param statements the statements, in order
   * @return one result per statement, in order
   */
  List<ResultSet> migrate(List<Statement> statements);

  /**
   * Starts an interactive {@link TransactionMode#DEFERRED} transaction.
   *
   * @return the open transaction; close it
   */
  Transaction transaction();

  /**
   * Starts an interactive transaction; it owns a server stream (or local connection) until it ends.
   *
   * @param mode how the transaction begins ({@code BEGIN DEFERRED}, {@code IMMEDIATE} or a read-only one)
   * @return the open transaction; close it
   */
  Transaction transaction(TransactionMode mode);

  /**
   * Opens a {@link Session}: one server stream or local connection kept for the session's life, so
   * that connection state carries over between statements (what JDBC drivers need).
   *
   * @return the open session; close it
   */
  Session session();

  /**
   * Streams the rows of a query as they arrive; close the stream to release the server cursor.
   *
   * @param args the values of the placeholders, in order (null, numbers, strings, {@code byte[]}, ...)
   * @param sql the SQL text, with {@code ?} placeholders for the arguments
   * @return the rows, in order; close the stream
   */
  Stream<Row> stream(String sql, Object... args);

  /**
   * Streams the rows of a query with bounded memory (Hrana 3 cursors remotely). The stream must be
   * closed (try-with-resources); iterating blocks while the next rows are fetched.
   *
   * @param statement the statement to run
   * @return the rows, in order; close the stream
   */
  Stream<Row> stream(Statement statement);

  /**
   * Pulls the primary's new transactions into an embedded replica's local file (a client created
   * with a {@code file:} URL and a {@code syncUrl}); reads see them once this returns. Readers in
   * this and other processes see either the state before or after each applied transaction.
   *
   * @return the frames applied and the frame number reached
   * @throws LibsqlException {@code SYNC_NOT_SUPPORTED} when this client is not a replica;
   *     {@code CONNECTION_FAILED} when the primary cannot be reached, {@code AUTH_FAILED} when it
   *     rejects the token, {@code SYNC_FAILED} otherwise. The local file then keeps its last state.
   */
  SyncResult sync();

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  boolean isClosed();

  /**
   * The transport in use: {@code "file"}, {@code "ws"} or {@code "http"}.
   *
   * @return the transport's name
   */
  String protocol();

  /** Closes the client, its connections and threads. Idempotent. */
  @Override
  void close();
}
