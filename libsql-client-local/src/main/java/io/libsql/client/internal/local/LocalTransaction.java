package io.libsql.client.internal.local;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.TransactionMode;
import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.engine.EngineTransaction;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** An interactive transaction on a connection of its own. */
final class LocalTransaction implements EngineTransaction, Lease {
  private final LocalEngine engine;
  private final LocalConnection conn;
  private final TransactionMode mode;
  /** Set once, under {@code this}, when the transaction ends. */
  private volatile boolean closed;

  LocalTransaction(LocalEngine engine, LocalConnection conn, TransactionMode mode) {
    this.engine = engine;
    this.conn = conn;
    this.mode = mode;
  }

  private synchronized <T> CompletableFuture<T> run(Call call, Function<LocalConnection, T> op) {
    if (closed) {
      return CompletableFuture.failedFuture(
          new LibsqlException(ErrorCode.TRANSACTION_CLOSED, "the transaction is already committed, rolled back or closed"));
    }
    try {
      return CompletableFuture.completedFuture(Interrupts.run(conn, call, () -> op.apply(conn)));
    } catch (LibsqlException e) {
      if (stopped(e)) {
        // Timed out or cancelled: SQLite may have rolled back the whole transaction already; make
        // sure it did, and let no later call run in a transaction that lost statements.
        conn.rollbackQuietly(mode);
        finish(false);
      }
      return CompletableFuture.failedFuture(e);
    }
  }

  static boolean stopped(LibsqlException e) {
    return e.is(ErrorCode.TIMEOUT) || e.is(ErrorCode.CANCELLED);
  }

  @Override
  public CompletableFuture<ResultSet> execute(Call call, Statement statement) {
    return run(call, c -> c.execute(statement));
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(Call call, List<Statement> statements) {
    return run(call, c -> c.sequence(statements));
  }

  @Override
  public CompletableFuture<Void> executeMultiple(Call call, String sql) {
    return run(call, c -> {
      c.executeScript(sql);
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> commit(Call call) {
    return run(call, c -> {
      try {
        c.commit(mode);
      } catch (LibsqlException e) {
        // A failed COMMIT (e.g. a deferred constraint) leaves SQLite's transaction open: end it.
        c.rollbackQuietly(mode);
        finish(false);
        throw e;
      }
      finish(false);
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> rollback(Call call) {
    return run(call, c -> {
      boolean broken = false;
      try {
        c.rollback(mode);
      } catch (LibsqlException e) {
        broken = true;
        throw e;
      } finally {
        finish(broken);
      }
      return null;
    });
  }

  private void finish(boolean broken) {
    closed = true;
    engine.released(this);
    engine.giveBack(conn, broken);
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  /** Called when the client closes: roll back and release. */
  @Override
  public synchronized void forceClose() {
    if (!closed) {
      conn.rollbackQuietly(mode);
      finish(true);
    }
  }
}
