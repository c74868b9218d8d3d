package io.libsql.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The non-blocking form of {@link Client}: the same operations, each returning a
 * {@link CompletableFuture} that completes with the result or with a {@link LibsqlException}.
 *
 * <pre>{@code
 * try (AsyncClient db = Libsql.createAsyncClient("ws://127.0.0.1:8080")) {
 *   db.execute("INSERT INTO users (name) VALUES (?)", "Ada")
 *       .thenCompose(r -> db.execute("SELECT count(*) FROM users"))
 *       .thenAccept(r -> System.out.println(r.rows().get(0).getLong(0)))
 *       .join();
 * }
 * }</pre>
 *
 * <p>Thread-safe and meant to be shared. Futures never complete on the caller's thread while it
 * waits on I/O; do not block inside their callbacks (over WebSocket they run on the connection's
 * reader thread, where a blocking call of this client, or {@code join()}/{@code get()} on one of its
 * unfinished futures, fails at once with {@code BLOCKING_ON_IO_THREAD} rather than stall the
 * connection: chain with {@code thenCompose}, or use {@code thenApplyAsync}). Local files run on a small executor the client owns and shuts down on
 * {@link #close()}.
 *
 * <p>{@code cancel(true)} on a returned future stops the call's work: a local statement is
 * interrupted (SQLite rolls it back), a remote one abandoned (the server may still run what it
 * received). The same happens when the call passes its deadline ({@link Config#requestTimeout()},
 * {@link Statement#withTimeout}), failing the future with {@code TIMEOUT}.
 */
public interface AsyncClient extends AutoCloseable {
  /**
   * Executes one statement with positional arguments; see {@link Client#execute(String, Object...)}.
   *
   * @param args the values of the placeholders, in order (null, numbers, strings, {@code byte[]}, ...)
   * @param sql the SQL text, with {@code ?} placeholders for the arguments
   * @return completes with the statement's result
   */
  CompletableFuture<ResultSet> execute(String sql, Object... args);

  /**
   * Executes one statement; see {@link Client#execute(Statement)}.
   *
   * @param statement the statement to run
   * @return completes with the statement's result
   */
  CompletableFuture<ResultSet> execute(Statement statement);

  /**
   * Executes the statements atomically in a {@link TransactionMode#DEFERRED} transaction.
   *
   * @param statements the statements, in order
   * @return completes with one result per statement, in order
   */
  CompletableFuture<List<ResultSet>> batch(List<Statement> statements);

  /**
   * Executes the statements atomically; see {@link Client#batch(TransactionMode, List)}.
   *
   * @param mode how the transaction begins ({@code BEGIN DEFERRED}, {@code IMMEDIATE} or a read-only one)
   * @param statements the statements, in order
   * @return completes with one result per statement, in order
   */
  CompletableFuture<List<ResultSet>> batch(TransactionMode mode, List<Statement> statements);

  /**
   * Executes a script of semicolon-separated statements without arguments, not atomically.
   *
   * @param sqlScript statements separated by semicolons
   * @return completes when the whole script has run
   */
  CompletableFuture<Void> executeMultiple(String sqlScript);

  /**
   * See {@link Client#migrate(List)}.
   *
   * @param statements the statements, in order
   * @return completes with one result per statement, in order
   */
  CompletableFuture<List<ResultSet>> migrate(List<Statement> statements);

  /**
   * Starts an interactive {@link TransactionMode#DEFERRED} transaction.
   *
   * @return completes with the open transaction
   */
  CompletableFuture<AsyncTransaction> transaction();

  /**
   * Starts an interactive transaction; it owns a server stream (or local connection) until it ends.
   *
   * @param mode how the transaction begins ({@code BEGIN DEFERRED}, {@code IMMEDIATE} or a read-only one)
   * @return completes with the open transaction
   */
  CompletableFuture<AsyncTransaction> transaction(TransactionMode mode);

  /**
   * Completes once the first rows are available; the stream then blocks while fetching more.
   *
   * @param statement the statement to run
   * @return completes with the rows; close the stream
   */
  CompletableFuture<Stream<Row>> stream(Statement statement);

  /**
   * As {@link Client#sync()}: completes once the replica's file holds the primary's latest state.
   *
   * @return completes with the frames applied and the frame number reached
   */
  CompletableFuture<SyncResult> sync();

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

  /** Closes the client; pending requests fail with {@link ErrorCode#CLIENT_CLOSED}. Idempotent. */
  @Override
  void close();
}
