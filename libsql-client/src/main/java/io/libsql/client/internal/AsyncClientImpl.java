package io.libsql.client.internal;

import io.libsql.client.AsyncClient;
import io.libsql.client.AsyncTransaction;
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
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The async client. A non-blocking engine is called directly; a blocking one (local files) runs on
 * a small executor this client owns. Not API.
 */
public final class AsyncClientImpl implements AsyncClient {
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();

  private final Engine engine;
  private final long timeoutNanos;
  private final ExecutorService executor;
  private final AtomicBoolean closed = new AtomicBoolean();

  public AsyncClientImpl(Engine engine, long timeoutNanos) {
    this.engine = engine;
    this.timeoutNanos = timeoutNanos;
    this.executor = engine.blocking() ? Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "libsql-local-" + THREAD_IDS.incrementAndGet());
      t.setDaemon(true);
      return t;
    }) : null;
  }

  <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> op) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed"));
    }
    CompletableFuture<T> f;
    if (executor == null) {
      try {
        f = op.get();
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
    } else {
      try {
        f = CompletableFuture.supplyAsync(op, executor).thenCompose(x -> x);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        f = CompletableFuture.failedFuture(new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed"));
      }
    }
    if (timeoutNanos > 0) {
      f = f.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
    }
    return Futures.normalize(f);
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
    return call(() -> engine.execute(statement));
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(List<Statement> statements) {
    return batch(TransactionMode.DEFERRED, statements);
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(TransactionMode mode, List<Statement> statements) {
    List<Statement> copy = List.copyOf(statements);
    return call(() -> engine.batch(mode, copy));
  }

  @Override
  public CompletableFuture<Void> executeMultiple(String sqlScript) {
    return call(() -> engine.executeMultiple(sqlScript));
  }

  @Override
  public CompletableFuture<List<ResultSet>> migrate(List<Statement> statements) {
    List<Statement> copy = List.copyOf(statements);
    return call(() -> engine.openSession().thenCompose(s -> Migrations.run(s, copy)));
  }

  @Override
  public CompletableFuture<AsyncTransaction> transaction() {
    return transaction(TransactionMode.DEFERRED);
  }

  @Override
  public CompletableFuture<AsyncTransaction> transaction(TransactionMode mode) {
    return call(() -> engine.beginTransaction(mode)).thenApply(tx -> new AsyncTransactionImpl(this, tx));
  }

  @Override
  public CompletableFuture<Stream<Row>> stream(Statement statement) {
    return call(() -> engine.openCursor(statement)).thenApply(RowStreams::of);
  }

  @Override
  public CompletableFuture<SyncResult> sync() {
    return call(engine::sync);
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
