package io.libsql.client.internal;

import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.call.Calls;
import io.libsql.client.internal.engine.EngineTransaction;
import io.libsql.client.AsyncTransaction;
import io.libsql.client.ClientListener.CallKind;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The async transaction. Over a blocking engine its calls are chained so they run in the order
 * issued; a remote engine keeps the order itself (requests on one stream are pipelined). Not API.
 */
final class AsyncTransactionImpl implements AsyncTransaction {
  private final AsyncClientImpl client;
  private final EngineTransaction tx;
  private final Object lock = new Object();
  /** The last call issued; guarded by {@link #lock}. Only used for blocking engines. */
  private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

  AsyncTransactionImpl(AsyncClientImpl client, EngineTransaction tx) {
    this.client = client;
    this.tx = tx;
  }

  private <T> CompletableFuture<T> call(CallKind kind, Object source, Duration timeout, Function<Call, CompletableFuture<T>> op) {
    if (tx.isClosed()) {
      return CompletableFuture.failedFuture(
          new LibsqlException(ErrorCode.TRANSACTION_CLOSED, "the transaction is already committed, rolled back or closed"));
    }
    Call call = client.calls().start(kind, true, source, timeout);
    if (!client.serialTransactions()) {
      return client.call(call, op);
    }
    // Cancelling the caller's future stops the call, as for every other call (the queue's own
    // future would not pass the cancel on); the next call still waits for this one to end.
    CompletableFuture<T> caller = new CompletableFuture<>();
    AtomicReference<CompletableFuture<T>> running = new AtomicReference<>();
    synchronized (lock) {
      // The call's clock runs from here: time spent waiting for the calls before it counts.
      CompletableFuture<T> next = tail.handle((v, t) -> null).thenCompose(x -> {
        CompletableFuture<T> f = client.call(call, op);
        running.set(f);
        if (caller.isCancelled()) {
          f.cancel(true);
        }
        return f;
      });
      tail = next;
      next.whenComplete((v, t) -> {
        if (t == null) {
          caller.complete(v);
        } else {
          caller.completeExceptionally(t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
        }
      });
    }
    caller.whenComplete((v, t) -> {
      CompletableFuture<T> f = running.get();
      if (caller.isCancelled() && f != null) {
        f.cancel(true);
      }
    });
    return caller;
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
    return call(CallKind.EXECUTE, statement, statement.timeout(), c -> tx.execute(c, statement));
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(List<Statement> statements) {
    List<Statement> copy = List.copyOf(statements);
    return call(CallKind.BATCH, copy, Calls.timeoutOf(copy), c -> tx.batch(c, copy));
  }

  @Override
  public CompletableFuture<Void> executeMultiple(String sqlScript) {
    return call(CallKind.EXECUTE_MULTIPLE, sqlScript, null, c -> tx.executeMultiple(c, sqlScript));
  }

  @Override
  public CompletableFuture<Void> commit() {
    return call(CallKind.COMMIT, "COMMIT", null, tx::commit);
  }

  @Override
  public CompletableFuture<Void> rollback() {
    return call(CallKind.ROLLBACK, "ROLLBACK", null, tx::rollback);
  }

  @Override
  public boolean isClosed() {
    return tx.isClosed();
  }

  @Override
  public void close() {
    if (!tx.isClosed()) {
      rollback();
    }
  }
}
