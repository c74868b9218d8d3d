package io.libsql.client.internal;

import io.libsql.client.AsyncTransaction;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

  private <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> op) {
    if (tx.isClosed()) {
      return CompletableFuture.failedFuture(
          new LibsqlException(ErrorCode.TRANSACTION_CLOSED, "the transaction is already committed, rolled back or closed"));
    }
    if (!client.serialTransactions()) {
      return client.call(op);
    }
    synchronized (lock) {
      CompletableFuture<T> next = tail.handle((v, t) -> null).thenCompose(x -> client.call(op));
      tail = next;
      return next;
    }
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
    return call(() -> tx.execute(statement));
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(List<Statement> statements) {
    List<Statement> copy = List.copyOf(statements);
    return call(() -> tx.batch(copy));
  }

  @Override
  public CompletableFuture<Void> executeMultiple(String sqlScript) {
    return call(() -> tx.executeMultiple(sqlScript));
  }

  @Override
  public CompletableFuture<Void> commit() {
    return call(tx::commit);
  }

  @Override
  public CompletableFuture<Void> rollback() {
    return call(tx::rollback);
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
