package io.libsql.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The non-blocking form of {@link Client}: the same operations, each returning a
 * {@link CompletableFuture} that completes with the result or with a {@link LibsqlException}.
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
  CompletableFuture<ResultSet> execute(String sql, Object... args);

  CompletableFuture<ResultSet> execute(Statement statement);

  CompletableFuture<List<ResultSet>> batch(List<Statement> statements);

  CompletableFuture<List<ResultSet>> batch(TransactionMode mode, List<Statement> statements);

  CompletableFuture<Void> executeMultiple(String sqlScript);

  /** See {@link Client#migrate(List)}. */
  CompletableFuture<List<ResultSet>> migrate(List<Statement> statements);

  CompletableFuture<AsyncTransaction> transaction();

  CompletableFuture<AsyncTransaction> transaction(TransactionMode mode);

  /** Completes once the first rows are available; the stream then blocks while fetching more. */
  CompletableFuture<Stream<Row>> stream(Statement statement);

  /** As {@link Client#sync()}: completes once the replica's file holds the primary's latest state. */
  CompletableFuture<SyncResult> sync();

  boolean isClosed();

  String protocol();

  /** Closes the client; pending requests fail with {@link ErrorCode#CLIENT_CLOSED}. Idempotent. */
  @Override
  void close();
}
