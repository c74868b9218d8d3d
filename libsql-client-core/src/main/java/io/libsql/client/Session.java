package io.libsql.client;

import java.util.List;

/**
 * A long-lived connection to the database: its statements run one after another on one server
 * stream (or one local SQLite connection), so connection state such as {@code last_insert_rowid()},
 * temporary tables, {@code PRAGMA}s and a {@code BEGIN} issued as SQL carry over between calls.
 * This is what a JDBC {@code Connection} needs; most programs want {@link Client#execute} or
 * {@link Client#transaction()} instead.
 *
 * <p>Not meant for concurrent use. Close it to release the stream or connection. If the server
 * drops the stream (an HTTP stream idles out after about 10 s, a socket breaks), the session opens a
 * new one transparently, but only when nothing would be lost: no transaction open and no
 * connection state created (temporary objects, {@code PRAGMA}, {@code ATTACH}). Otherwise the call
 * fails with {@link ErrorCode#STREAM_EXPIRED} or {@link ErrorCode#CONNECTION_LOST}, and the session
 * is closed.
 */
public interface Session extends AutoCloseable {
  /**
   * Executes one statement with positional arguments on this session's stream or connection.
   *
   * @param args the values of the placeholders, in order (null, numbers, strings, {@code byte[]}, ...)
   * @param sql the SQL text, with {@code ?} placeholders for the arguments
   * @return the statement's result
   */
  ResultSet execute(String sql, Object... args);

  /**
   * Executes one statement on this session's stream or connection.
   *
   * @param statement the statement to run
   * @return the statement's result
   */
  ResultSet execute(Statement statement);

  /**
   * Runs the statements in order in one round trip, stopping at the first failure (the exception
   * names it). Outside a transaction the batch is atomic (wrapped in BEGIN/COMMIT); inside one it
   * becomes part of that transaction.
   *
   * @param statements the statements, in order
   * @return one result per statement, in order
   */
  List<ResultSet> batch(List<Statement> statements);

  /**
   * Executes a script of semicolon-separated statements without arguments, not atomically.
   *
   * @param sqlScript statements separated by semicolons
   */
  void executeMultiple(String sqlScript);

  /**
   * Prepares {@code sql} (one statement) without running it: its parameter count and result
   * columns. Fails as running it would for a syntax error or a missing table, column or function.
   * Locally through SQLite's prepare, which also tells each column's table
   * ({@link Description#origin(int)}); remotely with Hrana's {@code describe} (one round trip), which
   * does not.
   *
   * @param sql one SQL statement
   * @return the statement's parameters and result columns
   * @throws LibsqlException as running the statement would fail to prepare, or on a connection failure
   */
  Description describe(String sql);

  /**
   * True while a transaction begun on this session (with {@code BEGIN}) is open.
   *
   * @return true inside a transaction
   */
  boolean inTransaction();

  /**
   * Whether the session is closed (by {@link #close()}, or because its stream was lost).
   *
   * @return true once closed
   */
  boolean isClosed();

  /** Rolls back an open transaction and releases the stream or connection. Idempotent. */
  @Override
  void close();
}
