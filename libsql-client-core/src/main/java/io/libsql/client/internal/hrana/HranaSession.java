package io.libsql.client.internal.hrana;

import io.libsql.client.Description;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.TransactionMode;
import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.engine.EngineSession;
import io.libsql.client.internal.call.Futures;
import io.libsql.client.internal.SessionState;
import io.libsql.client.internal.sql.Effect;
import io.libsql.client.internal.sql.SqlText;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A session on one Hrana stream. When the stream dies while the session holds nothing a new stream
 * would lack (no transaction, no connection state), the next call opens a new stream; a call that
 * the server refused because the stream had expired is retried once, since it never ran.
 */
final class HranaSession implements EngineSession {
  private final HranaEngine engine;
  private final HranaTransport transport;
  private final Object lock = new Object();
  /** Guarded by {@link #lock}. */
  private final SessionState state = new SessionState();
  /** The current stream; guarded by {@link #lock}. */
  private HranaStream stream;
  /** Guarded by {@link #lock}. */
  private boolean closed;

  HranaSession(HranaEngine engine, HranaTransport transport, HranaStream stream) {
    this.engine = engine;
    this.transport = transport;
    this.stream = stream;
  }

  private boolean resumable() {
    return !state.inTransaction() && !state.stateful();
  }

  private CompletableFuture<HranaStream> currentStream(Call call) {
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(new LibsqlException(ErrorCode.CLIENT_CLOSED, "the session is closed"));
      }
      if (!stream.isClosed()) {
        return CompletableFuture.completedFuture(stream);
      }
      if (!resumable()) {
        closed = true;
        return CompletableFuture.failedFuture(new LibsqlException(ErrorCode.TRANSACTION_CLOSED,
            "the session's stream was lost while a transaction or connection state was open; the server rolled it back"));
      }
    }
    return transport.openStream(call).thenApply(s -> {
      synchronized (lock) {
        stream = s;
      }
      return s;
    });
  }

  /**
   * Runs {@code op} on the session's stream; {@code sql} that may write, outside a transaction, goes
   * through the engine's write lane (inside one, the session may hold the write lock already).
   */
  private <T> CompletableFuture<T> run(Call call, String sql, Function<HranaStream, CompletableFuture<T>> op,
      Consumer<SessionState> onSuccess) {
    boolean writes;
    synchronized (lock) {
      writes = !state.inTransaction() && !SqlText.of(sql).certainlyReadOnly();
    }
    return engine.writeLane(call, writes, () -> run(call, op, onSuccess));
  }

  private <T> CompletableFuture<T> run(Call call, Function<HranaStream, CompletableFuture<T>> op,
      Consumer<SessionState> onSuccess) {
    if (call != null) {
      call.markSent();
      // Abandoned: the stream is closed behind the running statement. With nothing open on it the
      // next call opens a new stream; with a transaction or state open, the session ends.
      call.onStop(this::abandonStream);
    }
    return attempt(op, onSuccess, call, false).exceptionallyCompose(ConstraintCodes.refine(transport));
  }

  private void abandonStream() {
    HranaStream s;
    synchronized (lock) {
      s = stream;
      if (!resumable()) {
        closed = true;
      }
    }
    s.close();
  }

  private <T> CompletableFuture<T> attempt(
      Function<HranaStream, CompletableFuture<T>> op, Consumer<SessionState> onSuccess, Call call, boolean resent) {
    return currentStream(call).thenCompose(s -> HranaEngine.guard(() -> op.apply(s)).handle((v, t) -> {
      if (t == null) {
        synchronized (lock) {
          onSuccess.accept(state);
        }
        return CompletableFuture.completedFuture(v);
      }
      LibsqlException e = Futures.unwrap(t);
      boolean retry = false;
      synchronized (lock) {
        if (s.isClosed()) {
          if (!resumable()) {
            closed = true;
          } else {
            // sqld refused the expired stream before running anything.
            retry = e.is(ErrorCode.STREAM_EXPIRED) && Resend.mayResend(resent, call);
          }
        }
      }
      return retry ? attempt(op, onSuccess, call, true) : CompletableFuture.<T>failedFuture(e);
    }).thenCompose(f -> f));
  }

  @Override
  public CompletableFuture<ResultSet> execute(Call call, Statement statement) {
    return run(call, statement.sql(), s -> s.execute(HranaMapping.toStmt(statement)).thenApply(HranaMapping::toResultSet),
        st -> st.ran(statement.sql()));
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(Call call, List<Statement> statements) {
    int n = statements.size();
    boolean atomic;
    synchronized (lock) {
      atomic = !state.inTransaction();
    }
    Consumer<SessionState> after = st -> statements.forEach(x -> st.ran(x.sql()));
    if (atomic) {
      String all = String.join(";\n", statements.stream().map(Statement::sql).toList());
      return run(call, all, s -> s.batch(HranaMapping.atomicBatch(TransactionMode.DEFERRED, statements))
          .thenApply(r -> HranaMapping.atomicBatchResults(r, n)), after)
          .exceptionallyCompose(ParseErrors.locate(transport, statements));
    }
    return run(call, s -> s.batch(HranaMapping.sequentialBatch(null, statements)).thenApply(r -> HranaMapping.stepResults(r, 0, n)), after)
        .exceptionallyCompose(ParseErrors.locate(transport, statements));
  }

  @Override
  public CompletableFuture<Void> executeMultiple(Call call, String sql) {
    return run(call, sql, s -> s.sequence(sql), st -> st.ranScript(sql))
        .exceptionallyCompose(t -> scriptFailed(sql, Futures.unwrap(t)));
  }

  @Override
  public CompletableFuture<Description> describe(Call call, String sql) {
    return run(call, s -> s.describe(sql).thenApply(HranaMapping::toDescription), st -> {});
  }

  /**
   * A script failed part-way, so which of its statements ran is unknown. If it could begin or end a
   * transaction (or leave connection state), the stream's real state is unknown too: outside a
   * transaction, whatever the script opened is rolled back; inside one, the session ends (its
   * stream closed, so the server rolls back), rather than let later statements run outside the
   * transaction the caller believes open. Fails with {@code error} either way.
   */
  private CompletableFuture<Void> scriptFailed(String sql, LibsqlException error) {
    Effect effect = Effect.of(sql);
    HranaStream s;
    boolean endSession;
    synchronized (lock) {
      if (effect == Effect.NONE || closed) {
        return CompletableFuture.failedFuture(error);
      }
      if (effect == Effect.SESSION) {
        state.stateMayExist();
      }
      s = stream;
      endSession = state.inTransaction();
      if (endSession) {
        closed = true;
      }
    }
    if (endSession || s.isClosed()) {
      s.close();
      return CompletableFuture.failedFuture(error);
    }
    return s.execute(HranaMapping.toStmt(Statement.of("ROLLBACK"))).handle((r, t) -> {
      if (t != null && !String.valueOf(Futures.unwrap(t).getMessage()).contains("no transaction is active")) {
        synchronized (lock) {
          closed = true;
        }
        s.close();
      }
      return null;
    }).thenCompose(ignored -> CompletableFuture.failedFuture(error));
  }

  @Override
  public boolean inTransaction() {
    synchronized (lock) {
      return state.inTransaction();
    }
  }

  @Override
  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  @Override
  public CompletableFuture<Void> close() {
    HranaStream s;
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.completedFuture(null);
      }
      closed = true;
      s = stream;
    }
    // Closing the stream rolls back whatever transaction is open on it.
    return s.close();
  }
}
