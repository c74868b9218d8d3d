package io.libsql.client.internal.local;

import io.libsql.client.Description;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.TransactionMode;
import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.engine.EngineSession;
import io.libsql.client.internal.SessionState;
import io.libsql.client.internal.sql.Effect;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A session on a connection of its own, returned to the pool unless it holds connection state. */
final class LocalSession implements EngineSession, Lease {
  private final LocalEngine engine;
  private final LocalConnection conn;
  /** Guarded by {@code this}. */
  private final SessionState state = new SessionState();
  private volatile boolean closed;

  LocalSession(LocalEngine engine, LocalConnection conn) {
    this.engine = engine;
    this.conn = conn;
  }

  private synchronized <T> CompletableFuture<T> run(Call call, Function<LocalConnection, T> op) {
    if (closed) {
      return CompletableFuture.failedFuture(new LibsqlException(ErrorCode.CLIENT_CLOSED, "the session is closed"));
    }
    try {
      return CompletableFuture.completedFuture(Interrupts.run(conn, call, () -> op.apply(conn)));
    } catch (LibsqlException e) {
      if (LocalTransaction.stopped(e) && state.inTransaction()) {
        // As a remote session's stream is closed: the transaction is rolled back, the session ends.
        forceClose();
      }
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<ResultSet> execute(Call call, Statement statement) {
    return run(call, c -> {
      ResultSet r = c.execute(statement);
      state.ran(statement.sql());
      return r;
    });
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(Call call, List<Statement> statements) {
    return run(call, c -> {
      List<ResultSet> results = state.inTransaction() ? c.sequence(statements) : c.batch(TransactionMode.DEFERRED, statements);
      for (Statement s : statements) {
        state.ran(s.sql());
      }
      return results;
    });
  }

  @Override
  public CompletableFuture<Void> executeMultiple(Call call, String sql) {
    return run(call, c -> {
      try {
        c.executeScript(sql);
      } catch (LibsqlException e) {
        scriptFailed(c, sql);
        throw e;
      }
      state.ranScript(sql);
      return null;
    });
  }

  @Override
  public CompletableFuture<Description> describe(Call call, String sql) {
    return run(call, c -> c.describe(sql));
  }

  /**
   * A script failed part-way, so which of its statements ran is unknown. If it could begin or end a
   * transaction (or leave connection state), the connection's real state is unknown too: outside a
   * transaction, whatever the script opened is rolled back; inside one, the session ends (its
   * connection closed, so SQLite rolls back), rather than let later statements run outside the
   * transaction the caller believes open.
   */
  private void scriptFailed(LocalConnection c, String sql) {
    Effect effect = Effect.of(sql);
    if (effect == Effect.NONE) {
      return;
    }
    if (effect == Effect.SESSION) {
      state.stateMayExist();
    }
    if (!state.inTransaction()) {
      try {
        c.rollback(TransactionMode.DEFERRED);
        return;
      } catch (LibsqlException rollbackFailed) {
        // e.g. still interrupted: closing the connection rolls back instead
      }
    }
    state.stateMayExist();
    forceClose();
  }

  @Override
  public synchronized boolean inTransaction() {
    return state.inTransaction();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public CompletableFuture<Void> close() {
    forceClose();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized void forceClose() {
    if (!closed) {
      closed = true;
      if (state.inTransaction()) {
        conn.rollbackQuietly(TransactionMode.DEFERRED);
      }
      engine.released(this);
      engine.giveBack(conn, state.stateful());
    }
  }
}
