package io.libsql.client.internal.replica;

import io.libsql.client.Description;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.engine.EngineSession;
import io.libsql.client.internal.sql.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A session on a replica. It reads on a local read-only connection of its own until its first
 * statement that needs the primary (a write, {@code BEGIN}/{@code SAVEPOINT}, {@code CREATE TEMP},
 * a script); from then on it is pinned to one primary stream for the rest of its life, so
 * connection state ({@code last_insert_rowid()}, temporary tables, open transactions) stays
 * consistent. {@code PRAGMA x = y} statements run locally before pinning are replayed on the
 * primary stream when it opens. With read-your-writes, a statement that leaves the primary
 * stream outside a transaction returns once the replica has caught up. Calls are issued one at a
 * time (the {@link EngineSession} contract); fields are guarded by {@code this}.
 */
final class ReplicaSession implements EngineSession {
  private final ReplicaEngine engine;
  private EngineSession local;
  private EngineSession remote;
  private boolean pinned;
  private final List<Statement> pragmas = new ArrayList<>();
  private boolean closed;

  ReplicaSession(ReplicaEngine engine) {
    this.engine = engine;
  }

  private synchronized boolean pinned() {
    return pinned;
  }

  private <T> CompletableFuture<T> onRemote(Call call, Function<EngineSession, CompletableFuture<T>> op) {
    CompletableFuture<EngineSession> session;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new LibsqlException(ErrorCode.CLIENT_CLOSED, "the session is closed"));
      }
      pinned = true;
      if (remote != null) {
        session = CompletableFuture.completedFuture(remote);
      } else {
        List<Statement> replay = List.copyOf(pragmas);
        try {
          session = engine.remote().openSession(call).thenCompose(s -> {
            synchronized (this) {
              if (closed) {
                s.close();
                throw new LibsqlException(ErrorCode.CLIENT_CLOSED, "the session is closed");
              }
              remote = s;
            }
            // One by one: a batch would run them in a transaction, where SQLite ignores some PRAGMAs.
            CompletableFuture<?> replayed = CompletableFuture.completedFuture(null);
            for (Statement pragma : replay) {
              replayed = replayed.thenCompose(x -> s.execute(call, pragma));
            }
            return replayed.thenApply(x -> s);
          });
        } catch (LibsqlException e) {
          return CompletableFuture.failedFuture(e);
        }
      }
    }
    return session.thenCompose(s -> {
      CompletableFuture<T> write = op.apply(s);
      // Inside a live transaction nothing is committed yet; otherwise (a session that just ended
      // included) the replica catches up with whatever reached the primary.
      return write.handle((v, t) -> s.inTransaction() && !s.isClosed() ? write : engine.caughtUp(write))
          .thenCompose(f -> f);
    });
  }

  private <T> CompletableFuture<T> onLocal(Call call, Function<EngineSession, CompletableFuture<T>> op) {
    return engine.read(l -> {
      EngineSession s;
      synchronized (this) {
        if (closed) {
          return CompletableFuture.failedFuture(new LibsqlException(ErrorCode.CLIENT_CLOSED, "the session is closed"));
        }
        if (local == null) {
          local = l.openSession(call).join();
        }
        s = local;
      }
      return op.apply(s);
    });
  }

  @Override
  public CompletableFuture<ResultSet> execute(Call call, Statement statement) {
    if (pinned() || Routing.classify(statement.sql()) != Routing.Kind.LOCAL_FIRST) {
      return onRemote(call, s -> s.execute(call, statement));
    }
    CompletableFuture<ResultSet> local = onLocal(call, s -> s.execute(call, statement));
    if (SqlText.of(statement.sql()).isPragmaAssignment()) {
      local = local.thenApply(r -> {
        synchronized (this) {
          pragmas.add(statement);
        }
        return r;
      });
    }
    return Routing.localOrForward(local, () -> onRemote(call, s -> s.execute(call, statement)));
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(Call call, List<Statement> statements) {
    if (pinned() || Routing.anyWrite(statements)) {
      return onRemote(call, s -> s.batch(call, statements));
    }
    return Routing.localOrForward(onLocal(call, s -> s.batch(call, statements)), () -> onRemote(call, s -> s.batch(call, statements)));
  }

  /** On the local replica until the session is pinned to the primary (its schema may be newer). */
  @Override
  public CompletableFuture<Description> describe(Call call, String sql) {
    return pinned() ? onRemote(call, s -> s.describe(call, sql)) : onLocal(call, s -> s.describe(call, sql));
  }

  @Override
  public CompletableFuture<Void> executeMultiple(Call call, String sql) {
    return onRemote(call, s -> s.executeMultiple(call, sql));
  }

  @Override
  public synchronized boolean inTransaction() {
    return remote != null && remote.inTransaction();
  }

  /** Closed by the caller, or ended with its primary session (lost or stopped inside a transaction). */
  @Override
  public synchronized boolean isClosed() {
    return closed || remote != null && remote.isClosed();
  }

  @Override
  public CompletableFuture<Void> close() {
    EngineSession l;
    EngineSession r;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.completedFuture(null);
      }
      closed = true;
      l = local;
      r = remote;
      local = null;
      remote = null;
    }
    CompletableFuture<Void> a = l == null ? CompletableFuture.completedFuture(null) : l.close();
    CompletableFuture<Void> b = r == null ? CompletableFuture.completedFuture(null) : r.close();
    return CompletableFuture.allOf(a, b);
  }
}
