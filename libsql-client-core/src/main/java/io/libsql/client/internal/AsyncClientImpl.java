package io.libsql.client.internal;

import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.call.Calls;
import io.libsql.client.internal.engine.Engine;
import io.libsql.client.internal.engine.RowCursor;
import io.libsql.client.AsyncClient;
import io.libsql.client.AsyncTransaction;
import io.libsql.client.ClientListener.CallKind;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Row;
import io.libsql.client.Statement;
import io.libsql.client.SyncResult;
import io.libsql.client.TransactionMode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The async client. A non-blocking engine is called directly; a blocking one (local files) runs on
 * a small executor this client owns. Not API.
 */
public final class AsyncClientImpl implements AsyncClient {
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();

  private final Engine engine;
  private final Calls calls;
  private final ExecutorService executor;
  private final AtomicBoolean closed = new AtomicBoolean();

  public AsyncClientImpl(Engine engine, long timeoutNanos) {
    this(engine, Calls.withTimeout(timeoutNanos));
  }

  public AsyncClientImpl(Engine engine, Calls calls) {
    this.engine = engine;
    this.calls = calls;
    this.executor = engine.blocking() ? Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "libsql-local-" + THREAD_IDS.incrementAndGet());
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /**
   * Runs {@code op} as {@code call}: on the caller's thread for a non-blocking engine, on this
   * client's executor for a blocking one (then the future waits for SQLite's own outcome once the
   * statement started: an interrupt makes it prompt).
   */
  <T> CompletableFuture<T> call(Call call, Function<Call, CompletableFuture<T>> op) {
    if (closed.get()) {
      LibsqlException e = new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed");
      call.failed(e);
      return CompletableFuture.failedFuture(e);
    }
    return calls.submit(call, () -> op.apply(call), executor, executor != null);
  }

  Calls calls() {
    return calls;
  }

  @Override
  public CompletableFuture<ResultSet> execute(String sql, Object... args) {
    Statement s;
    try {
      s = Statement.of(sql, args);
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
    return execute(s);
  }

  @Override
  public CompletableFuture<ResultSet> execute(Statement statement) {
    return call(calls.start(CallKind.EXECUTE, false, statement, statement.timeout()), c -> engine.execute(c, statement));
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(List<Statement> statements) {
    return batch(TransactionMode.DEFERRED, statements);
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(TransactionMode mode, List<Statement> statements) {
    List<Statement> copy = List.copyOf(statements);
    return call(calls.start(CallKind.BATCH, false, copy, Calls.timeoutOf(copy)), c -> engine.batch(c, mode, copy));
  }

  @Override
  public CompletableFuture<Void> executeMultiple(String sqlScript) {
    return call(calls.start(CallKind.EXECUTE_MULTIPLE, false, sqlScript, null), c -> engine.executeMultiple(c, sqlScript));
  }

  @Override
  public CompletableFuture<List<ResultSet>> migrate(List<Statement> statements) {
    List<Statement> copy = List.copyOf(statements);
    Call call = calls.start(CallKind.MIGRATE, false, copy, Calls.timeoutOf(copy));
    return call(call, c -> ClientImpl.migrate(engine, c, copy));
  }

  @Override
  public CompletableFuture<AsyncTransaction> transaction() {
    return transaction(TransactionMode.DEFERRED);
  }

  @Override
  public CompletableFuture<AsyncTransaction> transaction(TransactionMode mode) {
    return call(calls.start(CallKind.BEGIN, true, mode.beginSql(), null), c -> engine.beginTransaction(c, mode))
        .thenApply(tx -> new AsyncTransactionImpl(this, tx));
  }

  @Override
  public CompletableFuture<Stream<Row>> stream(Statement statement) {
    Call call = calls.start(CallKind.STREAM, false, statement, statement.timeout());
    CompletableFuture<RowCursor> cursor = call(call, c -> ClientImpl.openCursor(engine, c, statement));
    CompletableFuture<Stream<Row>> rows = cursor.thenApply(RowStreams::of);
    // As for every other call, cancelling the returned future stops the work (a query that has not
    // produced its first rows yet); a cursor that opened meanwhile is closed.
    rows.whenComplete((r, e) -> {
      if (rows.isCancelled() && !cursor.cancel(true)) {
        cursor.thenAccept(RowCursor::close);
      }
    });
    return rows;
  }

  @Override
  public CompletableFuture<SyncResult> sync() {
    return call(calls.start(CallKind.SYNC, false, null, java.time.Duration.ZERO), c -> engine.sync());
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public String protocol() {
    return engine.protocol();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      if (executor != null) {
        executor.shutdown();
        try {
          if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
          }
        } catch (InterruptedException e) {
          executor.shutdownNow();
          Thread.currentThread().interrupt();
        }
      }
      engine.close();
    }
  }

  boolean serialTransactions() {
    return executor != null;
  }

  @Override
  public String toString() {
    return "AsyncClient[" + engine + "]";
  }
}
