package io.libsql.jdbc;

import io.libsql.client.Client;
import io.libsql.client.ClientListener;
import io.libsql.client.Config;
import io.libsql.client.Description;
import io.libsql.client.Encoding;
import io.libsql.client.ErrorCode;
import io.libsql.client.Libsql;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Session;
import io.libsql.client.Statement;
import io.libsql.client.TransactionMode;
import io.libsql.client.internal.sql.SqlText;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.ClientInfoStatus;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Struct;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A JDBC connection: one {@link Client} and one {@link Session} on it, so that everything this
 * connection runs shares one server stream (or one local SQLite connection) for its whole life:
 * {@code last_insert_rowid()}, temporary tables, PRAGMAs and transactions behave as on any SQLite
 * connection. With auto-commit off, the driver sends {@code BEGIN DEFERRED} (or the mode
 * sqlite-jdbc's {@code transaction_mode} names; {@code BEGIN TRANSACTION READONLY} remotely when
 * read-only) before the first statement of each transaction, and {@code COMMIT}/{@code ROLLBACK}
 * on {@link #commit()}/{@link #rollback()}.
 *
 * <p>Calls are serialised by one lock; {@link #close()} and {@link #abort} do not wait for it.
 */
final class LibsqlConnection implements Connection {
  /** Fires network timeouts and scripts' query timeouts; one daemon thread for all connections. */
  /** Distinct SQL texts whose descriptions a connection keeps. */
  private static final int DESCRIPTION_CACHE_SIZE = 256;
  static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "libsql-jdbc-timer");
    t.setDaemon(true);
    return t;
  });

  private final Client client;
  private final Session session;
  private final String url;
  private final boolean local;
  private final String sqliteVersion;
  private final DateStyle dateStyle;
  /** False with sqlite-jdbc's {@code jdbc.get_generated_keys=false}: RETURN_GENERATED_KEYS gives no keys. */
  private final boolean generatedKeys;
  /** The {@code requestTimeout} property: the client's limit per call, 0 for none. */
  private final int requestTimeoutSeconds;
  private final ReentrantLock lock = new ReentrantLock();
  private final Set<LibsqlStatement> statements = ConcurrentHashMap.newKeySet();
  private final Properties clientInfo = new Properties();

  /** Guarded by {@link #lock}. */
  private boolean autoCommit = true;
  /** Guarded by {@link #lock}. */
  private boolean readOnly;
  /** Whether {@code PRAGMA query_only} is on (local read-only); guarded by {@link #lock}. */
  private boolean queryOnly;
  /** Guarded by {@link #lock}. */
  private int savepoints;
  /** Guarded by {@link #lock}. */
  private SQLWarning warnings;
  /**
   * Prepared statements' descriptions by SQL text, most recently used last; guarded by
   * {@link #lock}. Cleared when this connection may have changed the schema.
   */
  private final Map<String, Description> descriptions = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Description> eldest) {
      return size() > DESCRIPTION_CACHE_SIZE;
    }
  };
  /** What begins a transaction when auto-commit is off ({@code transaction_mode}). */
  private final String beginSql;
  /** Set when the server cannot describe statements (Hrana 1); guarded by {@link #lock}. */
  private boolean describeUnsupported;
  private volatile int networkTimeoutMillis;
  private volatile boolean closed;
  /** Set when the session was lost for good; every later call fails with it. */
  private volatile SQLException broken;
  /** Set by the network-timeout timer when it closed the connection. */
  private volatile boolean timedOut;
  /**
   * Set when a stopped statement (timeout, cancel) ended the session inside a transaction: that
   * transaction is rolled back, so {@link #rollback()} has nothing left to do.
   */
  private volatile boolean rolledBackByStop;

  private LibsqlConnection(Client client, Session session, String url, String sqliteVersion, int requestTimeoutSeconds,
      DateStyle dateStyle, boolean generatedKeys, String beginSql) {
    this.dateStyle = dateStyle;
    this.beginSql = beginSql;
    this.generatedKeys = generatedKeys;
    this.client = client;
    this.session = session;
    this.url = url;
    this.local = "file".equals(client.protocol());
    this.sqliteVersion = sqliteVersion;
    this.requestTimeoutSeconds = requestTimeoutSeconds;
  }

  /** Opens a connection: builds the client, opens the session and checks it with one round trip. */
  static LibsqlConnection open(JdbcUrl jdbcUrl) throws SQLException {
    return open(jdbcUrl, null);
  }

  /** As {@link #open(JdbcUrl)}, with a listener for the connection's client (null for none). */
  static LibsqlConnection open(JdbcUrl jdbcUrl, ClientListener listener) throws SQLException {
    Properties p = jdbcUrl.properties();
    Config config;
    int requestTimeout;
    DateStyle dateStyle = DateStyle.of(p);
    List<String> pragmas = SqliteJdbcProperties.pragmaStatements(p);
    Map<String, Integer> limits = SqliteJdbcProperties.limits(p);
    int openMode = SqliteJdbcProperties.openMode(p);
    boolean readOnlyMode = SqliteJdbcProperties.readOnly(p) || SqliteJdbcProperties.openReadOnly(openMode);
    String beginSql = SqliteJdbcProperties.beginSql(p);
    try {
      Config.Builder b = Config.builder(jdbcUrl.clientUrl());
      String token = LibsqlProperty.AUTH_TOKEN.get(p);
      if (token == null || token.isEmpty()) {
        token = LibsqlProperty.PASSWORD.get(p);
      }
      if (token != null && !token.isBlank()) {
        b.authToken(token);
      }
      Boolean tls = LibsqlProperty.TLS.getBoolean(p);
      if (tls != null) {
        b.tls(tls);
      }
      int connectTimeout = LibsqlProperty.CONNECT_TIMEOUT.getInt(p);
      if (!LibsqlProperty.CONNECT_TIMEOUT.isPresent(p) && java.sql.DriverManager.getLoginTimeout() > 0) {
        connectTimeout = java.sql.DriverManager.getLoginTimeout();
      }
      if (connectTimeout > 0) {
        b.connectTimeout(Duration.ofSeconds(connectTimeout));
      }
      requestTimeout = LibsqlProperty.REQUEST_TIMEOUT.getInt(p);
      if (requestTimeout < 0) {
        throw new SQLNonTransientConnectionException("requestTimeout must not be negative", SqlState.CONNECTION_UNABLE_TO_CONNECT.state());
      }
      b.requestTimeout(Duration.ofSeconds(requestTimeout));
      String encoding = LibsqlProperty.ENCODING.get(p);
      if (encoding != null && !encoding.isEmpty()) {
        try {
          b.encoding(Encoding.valueOf(encoding.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new SQLNonTransientConnectionException(
              "encoding must be json or protobuf, not '" + encoding + "'", SqlState.CONNECTION_UNABLE_TO_CONNECT.state());
        }
      }
      b.hranaVersion(LibsqlProperty.HRANA_VERSION.getInt(p));
      if (listener != null) {
        b.listener(listener);
      }
      config = b.build();
      List<String> fileOnly = SqliteJdbcProperties.fileOnly(p);
      if (!fileOnly.isEmpty() && !config.redactedUrl().startsWith("file:")) {
        throw new SQLNonTransientConnectionException("[" + ErrorCode.URL_PARAM_NOT_SUPPORTED + "] the connection"
            + " properties " + fileOnly + " apply to file: URLs only: a server's connections are its own (sqld"
            + " already enforces foreign keys); run PRAGMA statements on the connection if the server allows them",
            SqlState.CONNECTION_UNABLE_TO_CONNECT.state());
      }
      if (!limits.isEmpty() || !SqliteJdbcProperties.openCreates(openMode)) {
        Config.Builder local = config.toBuilder().createIfMissing(SqliteJdbcProperties.openCreates(openMode));
        limits.forEach(local::sqliteLimit);
        config = local.build();
      }
    } catch (LibsqlException e) {
      throw Errors.map(e, true);
    }
    Client client;
    try {
      client = Libsql.createClient(config);
    } catch (LibsqlException e) {
      throw Errors.map(e, true);
    }
    Session session = null;
    try {
      session = client.session();
      String version = session.execute("SELECT sqlite_version()").rows().get(0).getString(0);
      for (String pragma : pragmas) {
        session.execute(pragma);
      }
      LibsqlConnection c = new LibsqlConnection(client, session, JdbcUrl.PREFIX + config.redactedUrl(), version,
          requestTimeout, dateStyle, SqliteJdbcProperties.generatedKeys(p), beginSql);
      if (readOnlyMode) {
        c.setReadOnly(true);
      }
      return c;
    } catch (SQLException e) {
      session.close();
      client.close();
      throw e;
    } catch (LibsqlException e) {
      if (session != null) {
        session.close();
      }
      client.close();
      throw Errors.map(e, true);
    } catch (RuntimeException e) {
      if (session != null) {
        session.close();
      }
      client.close();
      throw e;
    }
  }

  /** A unit of work on the session. */
  interface SessionCall<T> {
    T call(Session session);
  }

  /**
   * Runs {@code call} on the session under the connection lock, after beginning a transaction if
   * auto-commit is off and none is open; failures become {@link SQLException}s.
   */
  <T> T run(SessionCall<T> call) throws SQLException {
    lock.lock();
    try {
      checkUsable();
      return guarded(s -> {
        prepareSession(s);
        return call.call(s);
      });
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code call} with the network timeout armed, mapping failures. Caller holds the lock. */
  private <T> T guarded(SessionCall<T> call) throws SQLException {
    int timeout = networkTimeoutMillis;
    ScheduledFuture<?> timer = timeout > 0 && !local
        ? TIMER.schedule(() -> expire(timeout), timeout, TimeUnit.MILLISECONDS) : null;
    try {
      return call.call(session);
    } catch (LibsqlException e) {
      throw failure(e);
    } finally {
      if (timer != null) {
        timer.cancel(false);
      }
    }
  }

  /** Called by the timer: closes the connection so the blocked call fails. */
  private void expire(int timeoutMillis) {
    timedOut = true;
    broken = new SQLNonTransientConnectionException("the network timeout of " + timeoutMillis
        + " ms expired; the connection was closed", SqlState.CONNECTION_FAILURE.state());
    closeResources(true);
  }

  private SQLException failure(LibsqlException e) {
    if (timedOut) {
      SQLException b = broken;
      SQLException out = new SQLNonTransientConnectionException(b.getMessage(), b.getSQLState(), e);
      return out;
    }
    if (!closed && session.isClosed() && (e.is(ErrorCode.TIMEOUT) || e.is(ErrorCode.CANCELLED))) {
      // Stopping the statement ended the session: locally or remotely inside a transaction (rolled
      // back), or remotely with connection state open. The statement reports its timeout or cancel.
      rolledBackByStop = session.inTransaction();
      broken = Errors.sessionEndedByStop(e);
      SQLException stopped = Errors.map(e, false, ". The connection can no longer be used: its session ended");
      // 08006 next in the chain: pools that read it (HikariCP) evict the connection at once
      stopped.setNextException(broken);
      return stopped;
    }
    if (!closed && session.isClosed()) {
      // The stream died while the session held a transaction or connection state: gone for good.
      SQLException lost = Errors.sessionLost(e);
      broken = lost;
      return lost;
    }
    return Errors.map(e, false);
  }

  private void prepareSession(Session s) {
    if (local && queryOnly != readOnly && !s.inTransaction()) {
      s.execute(readOnly ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0");
      queryOnly = readOnly;
    }
    if (!autoCommit && !s.inTransaction()) {
      s.execute(!readOnly ? beginSql : local ? "BEGIN DEFERRED" : TransactionMode.READ.beginSql());
    }
  }

  private void checkUsable() throws SQLException {
    if (closed) {
      SQLException b = broken;
      throw b != null ? new SQLNonTransientConnectionException(b.getMessage(), b.getSQLState(), b) : Errors.connectionClosed();
    }
    SQLException b = broken;
    if (b != null) {
      throw new SQLNonTransientConnectionException(b.getMessage(), b.getSQLState(), b);
    }
  }

  void checkOpen() throws SQLException {
    if (closed) {
      throw Errors.connectionClosed();
    }
  }

  ResultSet execute(Statement statement) throws SQLException {
    return run(s -> s.execute(statement));
  }

  List<ResultSet> batch(List<Statement> batch) throws SQLException {
    return run(s -> s.batch(batch));
  }

  /** Runs a script; returns the rows its statements changed ({@code total_changes()} before and after). */
  long executeScript(String sql) throws SQLException {
    return run(s -> {
      long before = totalChanges(s);
      s.executeMultiple(sql);
      // A stream reopened in between (nothing lost) starts counting at 0 again.
      return Math.max(0, totalChanges(s) - before);
    });
  }

  private static long totalChanges(Session s) {
    return s.execute("SELECT total_changes()").rows().get(0).getLong(0);
  }

  /**
   * Prepares {@code sql} on the session without running it (SQLite's prepare, or Hrana's
   * {@code describe}), cached per SQL text; null when the server cannot describe (Hrana 1). Fails
   * as running the statement would for a syntax error or a missing table or column.
   */
  Description describe(String sql) throws SQLException {
    lock.lock();
    try {
      checkUsable();
      Description d = describeUnsupported ? null : descriptions.get(sql);
      if (d != null || describeUnsupported) {
        return d;
      }
      try {
        d = guarded(s -> s.describe(sql));
      } catch (SQLException e) {
        if (Errors.causedBy(e, ErrorCode.PROTOCOL_VERSION_ERROR)) {
          describeUnsupported = true;
          return null;
        }
        throw e;
      }
      descriptions.put(sql, d);
      return d;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The description of {@code sql} for result set metadata: the cached one, else, locally, a fresh
   * one (remote descriptions carry no column origins, so no round trip is spent on them); null when
   * there is none or the statement can no longer be prepared.
   */
  Description describeForMetadata(String sql) {
    lock.lock();
    try {
      Description d = descriptions.get(sql);
      if (d != null || !local || closed || broken != null) {
        return d;
      }
      return describe(sql);
    } catch (SQLException e) {
      return null;
    } finally {
      lock.unlock();
    }
  }

  /** This connection ran DDL (or something that may be): cached descriptions may be stale. */
  void schemaMayHaveChanged() {
    lock.lock();
    try {
      descriptions.clear();
    } finally {
      lock.unlock();
    }
  }

  /** A metadata query: runs like any statement (inside the open transaction, if any). */
  ResultSet query(String sql, Object... args) throws SQLException {
    return execute(Statement.of(sql, args));
  }

  String sqliteVersion() {
    return sqliteVersion;
  }

  DateStyle dateStyle() {
    return dateStyle;
  }

  boolean generatedKeys() {
    return generatedKeys;
  }

  String url() {
    return url;
  }

  int requestTimeoutSeconds() {
    return requestTimeoutSeconds;
  }

  boolean isLocal() {
    return local;
  }

  void register(LibsqlStatement s) {
    statements.add(s);
  }

  void unregister(LibsqlStatement s) {
    statements.remove(s);
  }

  void addWarning(SQLWarning w) {
    lock.lock();
    try {
      if (warnings == null) {
        warnings = w;
      } else {
        warnings.setNextWarning(w);
      }
    } finally {
      lock.unlock();
    }
  }

  // ---- statements ----

  @Override
  public java.sql.Statement createStatement() throws SQLException {
    return createStatement(java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY);
  }

  @Override
  public java.sql.Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
    return createStatement(resultSetType, resultSetConcurrency, java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT);
  }

  @Override
  public java.sql.Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    checkOpen();
    LibsqlStatement s = new LibsqlStatement(this, resultType(resultSetType, resultSetConcurrency));
    register(s);
    return s;
  }

  /** The result set type we give: scroll-sensitive and updatable requests are downgraded, with a warning. */
  private int resultType(int type, int concurrency) throws SQLException {
    if (type != java.sql.ResultSet.TYPE_FORWARD_ONLY && type != java.sql.ResultSet.TYPE_SCROLL_INSENSITIVE
        && type != java.sql.ResultSet.TYPE_SCROLL_SENSITIVE) {
      throw Errors.error(SqlState.INVALID_ARGUMENT, "unknown result set type " + type);
    }
    if (concurrency != java.sql.ResultSet.CONCUR_READ_ONLY && concurrency != java.sql.ResultSet.CONCUR_UPDATABLE) {
      throw Errors.error(SqlState.INVALID_ARGUMENT, "unknown result set concurrency " + concurrency);
    }
    if (type == java.sql.ResultSet.TYPE_SCROLL_SENSITIVE) {
      addWarning(new SQLWarning("TYPE_SCROLL_SENSITIVE is not supported; using TYPE_SCROLL_INSENSITIVE", "01000"));
      type = java.sql.ResultSet.TYPE_SCROLL_INSENSITIVE;
    }
    if (concurrency == java.sql.ResultSet.CONCUR_UPDATABLE) {
      addWarning(new SQLWarning("updatable result sets are not supported; using CONCUR_READ_ONLY", "01000"));
    }
    return type;
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    return prepare(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY, false, null);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
    return prepare(sql, resultSetType, resultSetConcurrency, false, null);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return prepare(sql, resultSetType, resultSetConcurrency, false, null);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    LibsqlStatement.checkKeysFlag(autoGeneratedKeys);
    return prepare(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY,
        autoGeneratedKeys == java.sql.Statement.RETURN_GENERATED_KEYS, null);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    throw Errors.unsupported("generated keys by column index (use column names or RETURN_GENERATED_KEYS)");
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    return prepare(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY,
        false, columnNames == null || columnNames.length == 0 ? null : columnNames.clone());
  }

  private PreparedStatement prepare(String sql, int type, int concurrency, boolean rowidKeys, String[] keyColumns)
      throws SQLException {
    checkOpen();
    if (sql == null) {
      throw Errors.error(SqlState.INVALID_ARGUMENT, "sql must not be null");
    }
    LibsqlPreparedStatement ps = new LibsqlPreparedStatement(this, resultType(type, concurrency), sql, rowidKeys, keyColumns);
    register(ps);
    return ps;
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    throw Errors.unsupported("stored procedures (prepareCall)");
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
    throw Errors.unsupported("stored procedures (prepareCall)");
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    throw Errors.unsupported("stored procedures (prepareCall)");
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    checkOpen();
    return sql;
  }

  // ---- transactions ----

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    lock.lock();
    try {
      checkUsable();
      if (this.autoCommit == autoCommit) {
        return;
      }
      if (autoCommit && session.inTransaction()) {
        commitLocked();
      }
      this.autoCommit = autoCommit;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    lock.lock();
    try {
      return autoCommit;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void commit() throws SQLException {
    lock.lock();
    try {
      checkUsable();
      if (autoCommit) {
        throw Errors.error(SqlState.INVALID_TRANSACTION_STATE, "commit() needs auto-commit off");
      }
      commitLocked();
    } finally {
      lock.unlock();
    }
  }

  private void commitLocked() throws SQLException {
    if (!session.inTransaction()) {
      return;
    }
    try {
      guarded(s -> s.execute("COMMIT"));
    } catch (SQLException e) {
      if (noTransactionActive(e)) {
        resync();
        throw new SQLTransactionRollbackException("the transaction was already rolled back by SQLite after an earlier error;"
            + " nothing was committed", SqlState.TRANSACTION_ROLLBACK.state(), e);
      }
      throw e;
    }
    savepoints = 0;
  }

  /**
   * Rolls back the open transaction. Also succeeds, doing nothing, on a connection whose transaction
   * was already rolled back because one of its statements timed out or was cancelled (so that a
   * framework's rollback after the timeout does not hide it); the connection stays unusable.
   */
  @Override
  public void rollback() throws SQLException {
    lock.lock();
    try {
      if (rolledBackByStop && !closed) {
        return;
      }
      checkUsable();
      if (autoCommit) {
        throw Errors.error(SqlState.INVALID_TRANSACTION_STATE, "rollback() needs auto-commit off");
      }
      rollbackLocked();
    } finally {
      lock.unlock();
    }
  }

  private void rollbackLocked() throws SQLException {
    savepoints = 0;
    descriptions.clear(); // DDL may be undone
    if (!session.inTransaction()) {
      return;
    }
    try {
      guarded(s -> s.execute("ROLLBACK"));
    } catch (SQLException e) {
      if (!noTransactionActive(e)) {
        throw e;
      }
      resync();
    }
  }

  private static boolean noTransactionActive(SQLException e) {
    return String.valueOf(e.getMessage()).contains("no transaction is active");
  }

  /**
   * SQLite ended the transaction on its own (after an error) while the session still believes one
   * is open: a BEGIN/ROLLBACK pair sets both straight in one round trip.
   */
  private void resync() throws SQLException {
    guarded(s -> s.batch(List.of(Statement.of("BEGIN"), Statement.of("ROLLBACK"))));
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return savepoint(null);
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    if (name == null || name.isEmpty()) {
      throw Errors.error(SqlState.INVALID_ARGUMENT, "a savepoint name must not be empty");
    }
    return savepoint(name);
  }

  /**
   * With auto-commit on, as sqlite-jdbc: auto-commit turns off and the {@code SAVEPOINT} itself
   * opens the transaction (no {@code BEGIN}), so releasing that outermost savepoint commits it, as
   * does {@link #commit()}.
   */
  private Savepoint savepoint(String name) throws SQLException {
    lock.lock();
    try {
      checkUsable();
      int id = ++savepoints;
      LibsqlSavepoint sp = new LibsqlSavepoint(id, name);
      String sql = "SAVEPOINT " + SqlText.quoteIdentifier(sp.sqlName());
      if (autoCommit) {
        guarded(s -> {
          prepareSession(s);
          return s.execute(sql);
        });
        autoCommit = false;
      } else {
        run(s -> s.execute(sql));
      }
      return sp;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    String name = savepointName(savepoint);
    lock.lock();
    try {
      checkUsable();
      if (autoCommit) {
        throw Errors.error(SqlState.INVALID_TRANSACTION_STATE, "rollback to a savepoint needs auto-commit off (no savepoint"
            + " is open: setting one turns auto-commit off)");
      }
      descriptions.clear(); // DDL may be undone
      run(s -> s.execute("ROLLBACK TO SAVEPOINT " + SqlText.quoteIdentifier(name)));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    String name = savepointName(savepoint);
    lock.lock();
    try {
      checkUsable();
      run(s -> s.execute("RELEASE SAVEPOINT " + SqlText.quoteIdentifier(name)));
    } finally {
      lock.unlock();
    }
  }

  private static String savepointName(Savepoint savepoint) throws SQLException {
    if (!(savepoint instanceof LibsqlSavepoint)) {
      throw Errors.error(SqlState.INVALID_ARGUMENT, "not a savepoint of this driver");
    }
    return ((LibsqlSavepoint) savepoint).sqlName();
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checkOpen();
    switch (level) {
      case TRANSACTION_READ_UNCOMMITTED:
      case TRANSACTION_READ_COMMITTED:
      case TRANSACTION_REPEATABLE_READ:
      case TRANSACTION_SERIALIZABLE:
        // SQLite transactions are always serializable; JDBC lets a driver use a stricter level.
        return;
      default:
        throw Errors.error(SqlState.INVALID_ARGUMENT, "unknown transaction isolation level " + level);
    }
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    checkOpen();
    return TRANSACTION_SERIALIZABLE;
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    lock.lock();
    try {
      checkUsable();
      if (this.readOnly == readOnly) {
        return;
      }
      if (session.inTransaction()) {
        throw Errors.error(SqlState.INVALID_TRANSACTION_STATE, "setReadOnly cannot be called inside a transaction");
      }
      this.readOnly = readOnly;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    lock.lock();
    try {
      return readOnly;
    } finally {
      lock.unlock();
    }
  }

  // ---- life cycle ----

  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (timeout < 0) {
      throw Errors.error(SqlState.INVALID_ARGUMENT, "timeout must not be negative");
    }
    if (closed || broken != null) {
      return false;
    }
    try {
      if (timeout == 0) {
        lock.lock();
      } else if (!lock.tryLock(timeout, TimeUnit.SECONDS)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    int saved = networkTimeoutMillis;
    try {
      if (timeout > 0 && (saved == 0 || saved > timeout * 1000)) {
        networkTimeoutMillis = timeout * 1000;
      }
      checkUsable();
      guarded(s -> s.execute("SELECT 1"));
      return true;
    } catch (SQLException e) {
      return false;
    } finally {
      networkTimeoutMillis = saved;
      lock.unlock();
    }
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closeResources(false);
  }

  /**
   * Releases the session and the client. A normal close ends the session first (rolling back what
   * is open); an abort closes the client first, so that a hung call fails at once.
   */
  private void closeResources(boolean abort) {
    closed = true;
    for (LibsqlStatement s : statements) {
      s.closeQuietly();
    }
    statements.clear();
    if (abort) {
      client.close();
    }
    try {
      session.close();
    } catch (RuntimeException ignored) {
      // Best effort: closing the client releases everything anyway.
    }
    client.close();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    if (executor == null) {
      throw Errors.error(SqlState.INVALID_ARGUMENT, "executor must not be null");
    }
    if (closed) {
      return;
    }
    closed = true;
    executor.execute(() -> closeResources(true));
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    checkOpen();
    if (milliseconds < 0) {
      throw Errors.error(SqlState.INVALID_ARGUMENT, "the network timeout must not be negative");
    }
    networkTimeoutMillis = milliseconds;
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    checkOpen();
    return networkTimeoutMillis;
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    checkOpen();
    return new LibsqlDatabaseMetaData(this);
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    lock.lock();
    try {
      return warnings;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    lock.lock();
    try {
      warnings = null;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    checkOpen();
    // SQLite has no catalogs; JDBC says to ignore the call.
  }

  @Override
  public String getCatalog() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    checkOpen();
    // Attached databases are addressed in SQL (schema.table); JDBC says to ignore the call.
  }

  @Override
  public String getSchema() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    checkOpen();
    if (holdability != java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT && holdability != java.sql.ResultSet.CLOSE_CURSORS_AT_COMMIT) {
      throw Errors.error(SqlState.INVALID_ARGUMENT, "unknown holdability " + holdability);
    }
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    // Results are read completely when a statement runs, so they outlive commits.
    return java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    checkOpen();
    return new java.util.HashMap<>();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    checkOpen();
    if (map != null && !map.isEmpty()) {
      throw Errors.unsupported("user-defined type maps");
    }
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    if (closed) {
      throw new SQLClientInfoException("the connection is closed", SqlState.CONNECTION_DOES_NOT_EXIST.state(), 0,
          Map.of(String.valueOf(name), ClientInfoStatus.REASON_UNKNOWN));
    }
    if (name != null) {
      if (value == null) {
        clientInfo.remove(name);
      } else {
        clientInfo.setProperty(name, value);
      }
    }
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    if (closed) {
      throw new SQLClientInfoException("the connection is closed", SqlState.CONNECTION_DOES_NOT_EXIST.state(), 0, Map.of());
    }
    clientInfo.clear();
    if (properties != null) {
      for (String key : properties.stringPropertyNames()) {
        clientInfo.setProperty(key, properties.getProperty(key));
      }
    }
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    checkOpen();
    return clientInfo.getProperty(name);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    checkOpen();
    Properties copy = new Properties();
    copy.putAll(clientInfo);
    return copy;
  }

  @Override
  public Clob createClob() throws SQLException {
    throw Errors.unsupported("createClob (bind a String instead)");
  }

  @Override
  public Blob createBlob() throws SQLException {
    throw Errors.unsupported("createBlob (bind a byte[] instead)");
  }

  @Override
  public NClob createNClob() throws SQLException {
    throw Errors.unsupported("createNClob (bind a String instead)");
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    throw Errors.unsupported("SQLXML");
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    throw Errors.unsupported("SQL arrays");
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    throw Errors.unsupported("SQL structured types");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw Errors.error(SqlState.INVALID_ARGUMENT, "not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "LibsqlConnection[" + url + (closed ? ", closed" : "") + "]";
  }
}
