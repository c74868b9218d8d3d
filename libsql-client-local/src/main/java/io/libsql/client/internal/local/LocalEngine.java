package io.libsql.client.internal.local;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.TransactionMode;
import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.url.DatabaseUrl;
import io.libsql.client.internal.engine.Engine;
import io.libsql.client.internal.engine.EngineSession;
import io.libsql.client.internal.engine.EngineTransaction;
import io.libsql.client.internal.engine.RowCursor;
import io.libsql.client.internal.StatementChecks;
import io.libsql.client.internal.sql.Effect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * A local SQLite database through sqlite-jdbc. Plain calls are serialised on one main connection;
 * each interactive transaction and each row stream gets a connection of its own (from a small
 * idle pool) so that its statements are isolated from the rest of the client. {@code :memory:}
 * uses a named shared-cache database so all connections see the same data. Blocking: calls run on
 * the caller's thread.
 */
public final class LocalEngine implements Engine {
  private static final int MAX_IDLE = 4;
  private static final int BUSY_TIMEOUT_MS = 5000;

  private final String jdbcUrl;
  private final String displayName;
  private final ReentrantLock mainLock = new ReentrantLock();
  /** Guarded by {@link #mainLock}; replaced if a failure had to close it. */
  private LocalConnection main;
  private final ConcurrentLinkedDeque<LocalConnection> idle = new ConcurrentLinkedDeque<>();
  private final Set<Lease> leased = ConcurrentHashMap.newKeySet();
  /** Connections opened read-only with memory mapping off (embedded replicas). */
  private final boolean readOnly;
  /** SQLite's run-time limits for every connection, by name (Config.sqliteLimits). */
  private final Map<String, Integer> limits;
  /** False: a missing file fails to open (no SQLITE_OPEN_CREATE). */
  private final boolean create;
  private volatile boolean closed;

  private LocalEngine(String jdbcUrl, String displayName, boolean readOnly, Map<String, Integer> limits,
      boolean create) {
    this.jdbcUrl = jdbcUrl;
    this.displayName = displayName;
    this.readOnly = readOnly;
    this.limits = limits;
    this.create = create;
    this.main = connect();
  }

  /**
   * An existing file opened read-only, memory mapping off: SQLite refuses every write with
   * {@code SQLITE_READONLY} before changing anything. For embedded replicas, whose syncer rewrites
   * the file underneath these connections.
   */
  public static LocalEngine openReadOnly(String path) {
    return new LocalEngine("jdbc:sqlite:" + path, "file:" + path, true, Map.of(), true);
  }

  /** A local database whose connections get SQLite's run-time {@code limits}; {@code create} false: the file must exist. */
  public static LocalEngine open(DatabaseUrl url, Map<String, Integer> limits, boolean create) {
    if (url.memory()) {
      String name = "libsql-memory-" + UUID.randomUUID();
      return new LocalEngine("jdbc:sqlite:file:" + name + "?mode=memory&cache=shared", "file::memory:", false, limits,
          true);
    }
    return new LocalEngine("jdbc:sqlite:" + url.path(), "file:" + url.path(), false, limits, create);
  }

  private LocalConnection connect() {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    // The engine reads last_insert_rowid itself; sqlite-jdbc's own generated-keys support would
    // scan every statement's text and query the rowid after every INSERT.
    config.setGetGeneratedKeys(false);
    if (readOnly) {
      config.setReadOnly(true);
      config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, "0");
    }
    if (!create) {
      config.resetOpenMode(SQLiteOpenMode.CREATE);
    }
    java.util.Properties props = config.toProperties();
    // sqlite-jdbc applies its limit_* properties with sqlite3_limit when it opens the connection
    limits.forEach((name, value) -> props.setProperty("limit_" + name, Integer.toString(value)));
    try {
      Connection c = DriverManager.getConnection(jdbcUrl, props);
      VectorFunctions.register(c);
      return new LocalConnection(c);
    } catch (SQLException e) {
      throw new LibsqlException(SqliteErrors.map(e).code(),
          "cannot open " + displayName + ": " + SqliteErrors.sqliteMessage(e.getMessage()), -1, e);
    }
  }

  @Override
  public String protocol() {
    return "file";
  }

  @Override
  public boolean blocking() {
    return true;
  }

  private void checkOpen() {
    if (closed) {
      throw new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed");
    }
  }

  private <T> CompletableFuture<T> onMain(Call call, Function<LocalConnection, T> op) {
    try {
      checkOpen();
      lockMain(call);
      try {
        checkOpen();
        if (main.isClosed()) {
          main = connect();
        }
        LocalConnection c = main;
        return CompletableFuture.completedFuture(Interrupts.run(c, call, () -> op.apply(c)));
      } finally {
        mainLock.unlock();
      }
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Takes the main connection, waiting no longer than {@code call} may (and not past an interrupt). */
  private void lockMain(Call call) {
    if (call == null) {
      mainLock.lock();
      return;
    }
    long remaining = call.remainingNanos();
    try {
      if (remaining == Long.MAX_VALUE) {
        mainLock.lockInterruptibly();
      } else if (!mainLock.tryLock(Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
        call.stop(Call.Stop.TIMEOUT);
        throw call.stoppedError();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.stop(Call.Stop.INTERRUPTED);
      throw call.stoppedError();
    }
  }

  /**
   * A plain call runs in autocommit mode, as on a server where its stream ends with it: a
   * transaction it opened (a bare {@code BEGIN}, or a script that failed inside one) is rolled back
   * rather than left open on the connection every later call shares.
   */
  @Override
  public CompletableFuture<ResultSet> execute(Call call, Statement statement) {
    return onMain(call, c -> {
      try {
        return c.execute(statement);
      } finally {
        if (Effect.of(statement.sql()) != Effect.NONE) {
          c.rollbackOrClose(TransactionMode.DEFERRED);
        }
      }
    });
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(Call call, TransactionMode mode, List<Statement> statements) {
    return onMain(call, c -> c.batch(mode, statements));
  }

  @Override
  public CompletableFuture<Void> executeMultiple(Call call, String sql) {
    return onMain(call, c -> {
      try {
        c.executeScript(sql);
      } finally {
        if (Effect.of(sql) != Effect.NONE) {
          c.rollbackOrClose(TransactionMode.DEFERRED);
        }
      }
      return null;
    });
  }

  @Override
  public CompletableFuture<EngineTransaction> beginTransaction(Call call, TransactionMode mode) {
    try {
      checkOpen();
      LocalConnection c = borrow();
      try {
        Interrupts.run(c, call, () -> {
          c.begin(mode);
          return null;
        });
      } catch (LibsqlException e) {
        giveBack(c, true);
        throw e;
      }
      LocalTransaction tx = new LocalTransaction(this, c, mode);
      leased.add(tx);
      return CompletableFuture.completedFuture(tx);
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<RowCursor> openCursor(Call call, Statement statement) {
    try {
      checkOpen();
      StatementChecks.check(statement);
      LocalConnection c = borrow();
      try {
        LocalCursor cursor = Interrupts.run(c, call, () -> new LocalCursor(this, c, statement));
        leased.add(cursor);
        return CompletableFuture.completedFuture(cursor);
      } catch (LibsqlException e) {
        giveBack(c, false);
        throw e;
      }
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<EngineSession> openSession(Call call) {
    try {
      checkOpen();
      LocalSession session = new LocalSession(this, borrow());
      leased.add(session);
      return CompletableFuture.completedFuture(session);
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private LocalConnection borrow() {
    LocalConnection c;
    while ((c = idle.pollFirst()) != null) {
      if (!c.isClosed()) {
        return c;
      }
    }
    return connect();
  }

  /** Returns a connection after a transaction or cursor; {@code broken} ones are closed. */
  void giveBack(LocalConnection c, boolean broken) {
    if (broken || closed || idle.size() >= MAX_IDLE) {
      c.close();
    } else {
      idle.addFirst(c);
      if (closed && idle.remove(c)) {
        c.close();
      }
    }
  }

  void released(Lease owner) {
    leased.remove(owner);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Lease owner : leased) {
      owner.forceClose();
    }
    LocalConnection c;
    while ((c = idle.pollFirst()) != null) {
      c.close();
    }
    mainLock.lock();
    try {
      main.close();
    } finally {
      mainLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "LocalEngine[" + displayName + "]";
  }
}
