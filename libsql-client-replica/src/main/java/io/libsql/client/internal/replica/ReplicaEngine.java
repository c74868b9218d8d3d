package io.libsql.client.internal.replica;

import io.libsql.client.Config;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.SyncResult;
import io.libsql.client.TransactionMode;
import io.libsql.client.internal.engine.BufferedCursor;
import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.engine.Engine;
import io.libsql.client.internal.engine.EngineSession;
import io.libsql.client.internal.engine.EngineTransaction;
import io.libsql.client.internal.call.Futures;
import io.libsql.client.internal.engine.RowCursor;
import io.libsql.client.internal.call.SafeListener;
import io.libsql.client.internal.hrana.HranaErrors;
import io.libsql.client.internal.local.LocalEngine;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * An embedded replica: a local SQLite file kept in sync with a remote primary.
 *
 * <p>Reads (statements that SQLite runs on a read-only connection, {@code stream}, READ
 * transactions, read-only batches) run on the local file through a read-only {@link LocalEngine}
 * at file speed, with no network. Writes, write batches, scripts and WRITE/DEFERRED transactions
 * go to the primary through the Hrana engine for the {@code syncUrl}; with read-your-writes the
 * call returns once the replica has synced past the write. {@link Routing} says how statements
 * are told apart. A fresh replica syncs on first use.
 *
 * <p>Syncs (explicit, after writes, background) run one at a time on the replica's own daemon
 * thread (see {@link Replica}, shared by the clients of one file in this JVM). Thread-safe.
 */
public final class ReplicaEngine implements Engine {
  private final Replica replica;
  private final boolean readYourWrites;
  private final SafeListener listener;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ReplicaEngine(Replica replica, boolean readYourWrites, SafeListener listener) {
    this.replica = replica;
    this.readYourWrites = readYourWrites;
    this.listener = listener;
    replica.addListener(listener);
  }

  /** Opens the replica for a {@code file:} config with a {@code syncUrl}; no network until needed. */
  public static ReplicaEngine open(Config config) {
    return new ReplicaEngine(Replica.acquire(config), config.readYourWrites(), SafeListener.of(config.listener()));
  }

  @Override
  public String protocol() {
    return "file";
  }

  @Override
  public boolean blocking() {
    return true;
  }

  <T> CompletableFuture<T> read(Function<LocalEngine, CompletableFuture<T>> op) {
    if (closed.get()) {
      return Replica.closedFuture();
    }
    return replica.read(op);
  }

  Engine remote() {
    if (closed.get()) {
      throw new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed");
    }
    return replica.remote();
  }

  /** With read-your-writes, completes with {@code value} once the replica has synced past the write. */
  <T> CompletableFuture<T> afterWrite(T value) {
    if (!readYourWrites) {
      return CompletableFuture.completedFuture(value);
    }
    return replica.requestSync().handle((r, t) -> {
      if (t != null) {
        LibsqlException e = Futures.unwrap(t);
        throw new LibsqlException(ErrorCode.SYNC_FAILED.name(), "the write was applied on the primary, but the replica"
            + " could not catch up with it (" + e.code() + ": " + e.getMessage() + "); sync() again to see it locally", -1, e);
      }
      return value;
    });
  }

  /**
   * {@link #afterWrite} for a write the primary refused with an SQL error: part of it may have
   * committed (a script stops at its failing statement), so the replica catches up before the
   * failure is reported. Other failures (the primary unreachable, a timeout) are reported at once.
   */
  <T> CompletableFuture<T> afterFailedWrite(Throwable failure) {
    LibsqlException e = Futures.unwrap(failure);
    if (!readYourWrites || !HranaErrors.isStatementError(e)) {
      return CompletableFuture.failedFuture(e);
    }
    return replica.requestSync().handle((r, t) -> {
      throw e;
    });
  }

  /** Sends {@code op} to the primary, then catches up: {@link #afterWrite}, {@link #afterFailedWrite}. */
  <T> CompletableFuture<T> caughtUp(CompletableFuture<T> write) {
    return write.handle((v, t) -> t == null ? afterWrite(v) : this.<T>afterFailedWrite(t)).thenCompose(f -> f);
  }

  private <T> CompletableFuture<T> forward(Function<Engine, CompletableFuture<T>> op) {
    try {
      return caughtUp(op.apply(remote()));
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<ResultSet> execute(Call call, Statement statement) {
    if (Routing.classify(statement.sql()) != Routing.Kind.LOCAL_FIRST) {
      return forward(r -> r.execute(call, statement));
    }
    return Routing.localOrForward(read(l -> l.execute(call, statement)), () -> forward(r -> r.execute(call, statement)));
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(Call call, TransactionMode mode, List<Statement> statements) {
    if (mode == TransactionMode.READ) {
      return read(l -> l.batch(call, mode, statements));
    }
    if (mode == TransactionMode.WRITE || Routing.anyWrite(statements)) {
      return forward(r -> r.batch(call, mode, statements));
    }
    return Routing.localOrForward(read(l -> l.batch(call, mode, statements)), () -> forward(r -> r.batch(call, mode, statements)));
  }

  @Override
  public CompletableFuture<Void> executeMultiple(Call call, String sql) {
    return forward(r -> r.executeMultiple(call, sql));
  }

  @Override
  public CompletableFuture<EngineTransaction> beginTransaction(Call call, TransactionMode mode) {
    if (mode == TransactionMode.READ) {
      return read(l -> l.beginTransaction(call, mode));
    }
    try {
      return remote().beginTransaction(call, mode).thenApply(tx -> new ReplicaTransaction(this, tx));
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<RowCursor> openCursor(Call call, Statement statement) {
    if (Routing.classify(statement.sql()) != Routing.Kind.LOCAL_FIRST) {
      return forward(r -> r.execute(call, statement)).thenApply(BufferedCursor::new);
    }
    return Routing.localOrForward(read(l -> l.openCursor(call, statement)),
        () -> forward(r -> r.execute(call, statement)).thenApply(BufferedCursor::new));
  }

  @Override
  public CompletableFuture<EngineSession> openSession(Call call) {
    if (closed.get()) {
      return Replica.closedFuture();
    }
    return CompletableFuture.completedFuture(new ReplicaSession(this));
  }

  @Override
  public CompletableFuture<SyncResult> sync() {
    if (closed.get()) {
      return Replica.closedFuture();
    }
    return replica.requestSync();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      replica.removeListener(listener);
      replica.release();
    }
  }

  @Override
  public String toString() {
    return "ReplicaEngine[file:" + replica.path() + " <- " + replica.primary().redacted() + "]";
  }
}
