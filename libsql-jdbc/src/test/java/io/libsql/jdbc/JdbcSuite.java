package io.libsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.LibsqlException;
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDBC conformance suite, written once and run against every kind of URL: each subclass gives
 * the {@code jdbc:libsql:} URL of a database (a local file, or a real sqld over WebSocket or HTTP).
 * Tables get names no other test uses, so suites can share one server.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class JdbcSuite {
  private static final AtomicInteger TABLES = new AtomicInteger();

  protected Connection conn;

  /** The JDBC URL of this suite's database. */
  protected abstract String url();

  @BeforeEach
  void open() throws SQLException {
    conn = DriverManager.getConnection(url());
  }

  @AfterEach
  void closeConnection() throws SQLException {
    conn.close();
  }

  /** Local files enforce read-only and allow temporary tables; sqld 0.24 rejects CREATE TEMP and PRAGMA query_only. */
  protected boolean local() {
    return url().startsWith("jdbc:libsql:file:");
  }

  static String table() {
    return "t" + TABLES.incrementAndGet() + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
  }

  static String state(ThrowingRunnable r) {
    SQLException e = assertThrows(SQLException.class, r::run);
    return e.getSQLState();
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private long count(String table) throws SQLException {
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @Test
  void aDataSourceListenerHearsItsConnectionsCalls() throws SQLException {
    List<String> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
    LibsqlDataSource ds = new LibsqlDataSource();
    ds.setUrl(url());
    ds.setClientListener(new io.libsql.client.ClientListener() {
      @Override
      public void callEnd(CallInfo call, java.time.Duration duration, long rows, long rowsAffected) {
        ended.add(call.sql());
      }
    });
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
      assertTrue(rs.next());
      assertEquals(42, rs.getInt(1));
    }
    assertTrue(ended.contains("SELECT 41 + 1"), ended.toString());
  }

  @Test
  void aDataSourceTakesThePropertiesAUrlTakes() {
    LibsqlDataSource ds = new LibsqlDataSource();
    ds.setProperty("requestTimeout", "30");
    ds.setProperty("transaction_mode", "IMMEDIATE");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ds.setProperty("no_such_name", "1"));
    assertTrue(e.getMessage().contains("no_such_name") && e.getMessage().contains("transaction_mode"), e.getMessage());
  }

  @Test
  void connectionDefaultsAndValidity() throws SQLException {
    assertTrue(conn.getAutoCommit());
    assertFalse(conn.isReadOnly());
    assertTrue(conn.isValid(5));
    assertEquals(Connection.TRANSACTION_SERIALIZABLE, conn.getTransactionIsolation());
    assertEquals("SQLite", conn.getMetaData().getDatabaseProductName());
    assertTrue(conn.getMetaData().getDatabaseProductVersion().startsWith("3."), conn.getMetaData().getDatabaseProductVersion());
    assertEquals(3, conn.getMetaData().getDatabaseMajorVersion());
  }

  @Test
  void closedConnectionFailsWith08003() throws SQLException {
    Statement s = conn.createStatement();
    conn.close();
    assertTrue(conn.isClosed());
    assertFalse(conn.isValid(1));
    assertEquals("08003", state(() -> conn.createStatement()));
    assertEquals("08003", state(() -> s.executeQuery("SELECT 1")));
    conn.close();
  }

  @Test
  void closedStatementAndResultSetFail() throws SQLException {
    Statement s = conn.createStatement();
    ResultSet rs = s.executeQuery("SELECT 1");
    rs.close();
    assertTrue(rs.isClosed());
    assertEquals("24000", state(rs::next));
    s.close();
    assertTrue(s.isClosed());
    assertEquals("HY010", state(() -> s.executeQuery("SELECT 1")));
    assertTrue(conn.isValid(2), "a closed statement must not hurt the connection");
  }

  @Test
  void preparedStatementRoundTripsEveryType() throws Exception {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (i INTEGER, l BIGINT, d REAL, f FLOAT, s TEXT, b BLOB, bool BOOLEAN,"
          + " dec NUMERIC, n TEXT, ts TIMESTAMP, dt DATE)");
    }
    Timestamp ts = Timestamp.valueOf("2024-05-01 13:45:07.123");
    java.sql.Date date = java.sql.Date.valueOf("2024-05-01");
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setInt(1, 42);
      ps.setLong(2, Long.MAX_VALUE);
      ps.setDouble(3, 2.5);
      ps.setFloat(4, 1.1f);
      ps.setString(5, "héllo ✓");
      ps.setBytes(6, new byte[] {0, 1, (byte) 0xff});
      ps.setBoolean(7, true);
      ps.setBigDecimal(8, new BigDecimal("12.50"));
      ps.setNull(9, Types.VARCHAR);
      ps.setTimestamp(10, ts);
      ps.setDate(11, date);
      assertEquals(1, ps.executeUpdate());
    }
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + t)) {
      assertTrue(rs.next());
      assertEquals(42, rs.getInt("i"));
      assertEquals(Integer.valueOf(42), rs.getObject("i"));
      assertEquals(Long.MAX_VALUE, rs.getLong("l"));
      assertEquals(Long.MAX_VALUE, rs.getObject("l"));
      assertEquals(2.5, rs.getDouble("d"));
      assertEquals(1.1, rs.getDouble("f"));
      assertEquals("héllo ✓", rs.getString("s"));
      assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, rs.getBytes("b"));
      assertTrue(rs.getBoolean("bool"));
      assertEquals(0, new BigDecimal("12.5").compareTo(rs.getBigDecimal("dec")));
      assertNull(rs.getString("n"));
      assertTrue(rs.wasNull());
      assertEquals(0, rs.getInt("n"));
      assertTrue(rs.wasNull());
      assertEquals(ts, rs.getTimestamp("ts"));
      assertEquals(String.valueOf(ts.getTime()), rs.getString("ts"), "epoch milliseconds, as sqlite-jdbc stores them by default");
      assertEquals(date, rs.getDate("dt"));
      assertEquals(LocalDate.of(2024, 5, 1), rs.getObject("dt", LocalDate.class));
      assertEquals(LocalDateTime.of(2024, 5, 1, 13, 45, 7, 123_000_000), rs.getObject("ts", LocalDateTime.class));
      assertFalse(rs.next());
    }
  }

  @Test
  void updateCountsAreExactForEveryStatementKind() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      assertFalse(s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, v INTEGER)"));
      assertEquals(0, s.getUpdateCount());
      assertEquals(3, s.executeUpdate("INSERT INTO " + t + " (v) VALUES (1), (2), (3)"));
      assertEquals(0, s.executeUpdate("CREATE INDEX " + t + "_v ON " + t + " (v)"));
      assertEquals(2, s.executeUpdate("UPDATE " + t + " SET v = v + 10 WHERE v >= 2"));
      assertFalse(s.execute("DELETE FROM " + t + " WHERE v = 1"));
      assertEquals(1, s.getUpdateCount());
      assertFalse(s.getMoreResults());
      assertEquals(-1, s.getUpdateCount());
      assertTrue(s.execute("SELECT v FROM " + t + " ORDER BY v"));
      assertEquals(-1, s.getUpdateCount());
      ResultSet rs = s.getResultSet();
      assertTrue(rs.next());
      assertEquals(12, rs.getInt(1));
      assertFalse(s.getMoreResults());
      assertTrue(rs.isClosed());
      assertNull(s.getResultSet());
      assertEquals(-1, s.getUpdateCount());
      assertEquals(0, s.executeUpdate("DROP TABLE " + t));
    }
  }

  @Test
  void generatedKeysThreeWays() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, code TEXT DEFAULT 'x', name TEXT)");
      s.execute("INSERT INTO " + t + " (id, name) VALUES (41, 'seed')");
    }
    // Spring's KeyHolder: RETURN_GENERATED_KEYS with exactly one key column.
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " (name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, "a");
      assertEquals(1, ps.executeUpdate());
      try (ResultSet keys = ps.getGeneratedKeys()) {
        assertEquals(1, keys.getMetaData().getColumnCount());
        assertTrue(keys.next());
        assertEquals(42, keys.getLong(1));
        assertFalse(keys.next());
      }
    }
    // jdbi / MyBatis: key column names.
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " (name) VALUES (?) -- trailing comment",
        new String[] {"id", "code"})) {
      ps.setString(1, "b");
      assertEquals(1, ps.executeUpdate());
      try (ResultSet keys = ps.getGeneratedKeys()) {
        assertTrue(keys.next());
        assertEquals(43, keys.getLong("id"));
        assertEquals("x", keys.getString("code"));
      }
    }
    // jOOQ: INSERT ... RETURNING as a query.
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " (name) VALUES (?), (?) RETURNING id, name")) {
      ps.setString(1, "c");
      ps.setString(2, "d");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(44, rs.getLong("id"));
        assertTrue(rs.next());
        assertEquals("d", rs.getString("name"));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void lastInsertRowidAndTempTablesLiveOnTheConnection() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, name TEXT)");
      s.executeUpdate("INSERT INTO " + t + " (id, name) VALUES (77, 'x')");
      // Hibernate reads each new id this way, in auto-commit mode.
      try (ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
        assertTrue(rs.next());
        assertEquals(77, rs.getLong(1));
      }
      if (!local()) {
        return;
      }
      s.execute("CREATE TEMP TABLE scratch_" + t + " (v)");
      s.execute("INSERT INTO scratch_" + t + " VALUES (1)");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM scratch_" + t)) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
    }
    try (Connection other = DriverManager.getConnection(url()); Statement s = other.createStatement()) {
      assertThrows(SQLSyntaxErrorException.class, () -> s.executeQuery("SELECT * FROM scratch_" + t),
          "a temporary table belongs to its connection");
    }
  }

  @Test
  void commitAndRollback() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (v INTEGER)");
    }
    conn.setAutoCommit(false);
    try (Statement s = conn.createStatement()) {
      s.executeUpdate("INSERT INTO " + t + " VALUES (1)");
      assertEquals(1, count(t));
      conn.rollback();
      assertEquals(0, count(t));
      s.executeUpdate("INSERT INTO " + t + " VALUES (2)");
      try (Connection other = DriverManager.getConnection(url()); Statement o = other.createStatement();
          ResultSet rs = o.executeQuery("SELECT count(*) FROM " + t)) {
        assertTrue(rs.next());
        assertEquals(0, rs.getInt(1), "uncommitted rows are invisible to other connections");
      }
      conn.commit();
    }
    conn.setAutoCommit(true);
    try (Connection other = DriverManager.getConnection(url()); Statement o = other.createStatement();
        ResultSet rs = o.executeQuery("SELECT v FROM " + t)) {
      assertTrue(rs.next());
      assertEquals(2, rs.getInt(1));
      assertFalse(rs.next());
    }
  }

  @Test
  void commitOutsideATransactionIsAnError() throws SQLException {
    assertEquals("25000", state(() -> conn.commit()));
    assertTrue(conn.isValid(2));
  }

  @Test
  void setAutoCommitTrueCommits() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (v INTEGER)");
      conn.setAutoCommit(false);
      s.executeUpdate("INSERT INTO " + t + " VALUES (1)");
      conn.setAutoCommit(true);
    }
    try (Connection other = DriverManager.getConnection(url()); Statement o = other.createStatement();
        ResultSet rs = o.executeQuery("SELECT count(*) FROM " + t)) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
    }
  }

  @Test
  void savepoints() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (v INTEGER)");
      conn.setAutoCommit(false);
      s.executeUpdate("INSERT INTO " + t + " VALUES (1)");
      Savepoint sp = conn.setSavepoint("before_two");
      s.executeUpdate("INSERT INTO " + t + " VALUES (2)");
      Savepoint unnamed = conn.setSavepoint();
      assertTrue(unnamed.getSavepointId() > 0);
      s.executeUpdate("INSERT INTO " + t + " VALUES (3)");
      conn.rollback(sp);
      assertEquals(1, count(t));
      Savepoint again = conn.setSavepoint();
      s.executeUpdate("INSERT INTO " + t + " VALUES (4)");
      conn.releaseSavepoint(again);
      conn.commit();
      assertEquals(2, count(t));
    }
  }

  @Test
  void readOnlyConnectionRejectsWritesButStaysUsable() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (v INTEGER)");
      s.execute("INSERT INTO " + t + " VALUES (1)");
    }
    conn.setReadOnly(true);
    conn.setAutoCommit(false);
    assertTrue(conn.isReadOnly());
    try (Statement s = conn.createStatement()) {
      assertEquals(1, count(t));
      if (local()) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO " + t + " VALUES (2)"));
        assertEquals("25006", e.getSQLState());
      }
      conn.rollback();
    }
    assertEquals("25000", state(() -> {
      try (Statement s = conn.createStatement()) {
        s.executeQuery("SELECT 1");
        conn.setReadOnly(false);
      }
    }), "read-only cannot change inside a transaction");
    conn.rollback();
    conn.setAutoCommit(true);
    conn.setReadOnly(false);
    try (Statement s = conn.createStatement()) {
      assertEquals(1, s.executeUpdate("INSERT INTO " + t + " VALUES (3)"));
    }
    assertEquals(2, count(t));
  }

  @Test
  void constraintViolationsMapTo23xxxAndKeepTheConnection() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT NOT NULL)");
      s.execute("INSERT INTO " + t + " VALUES (1, 'a@x', 'a')");
      SQLIntegrityConstraintViolationException pk = assertThrows(SQLIntegrityConstraintViolationException.class,
          () -> s.execute("INSERT INTO " + t + " VALUES (1, 'b@x', 'b')"));
      assertEquals("23505", pk.getSQLState());
      assertTrue(pk.getMessage().contains("SQLITE_CONSTRAINT"), pk.getMessage());
      assertEquals(19, pk.getErrorCode());
      assertInstanceOf(LibsqlException.class, pk.getCause());
      SQLIntegrityConstraintViolationException unique = assertThrows(SQLIntegrityConstraintViolationException.class,
          () -> s.execute("INSERT INTO " + t + " VALUES (2, 'a@x', 'b')"));
      assertEquals("23505", unique.getSQLState());
      SQLIntegrityConstraintViolationException notNull = assertThrows(SQLIntegrityConstraintViolationException.class,
          () -> s.execute("INSERT INTO " + t + " VALUES (3, 'c@x', NULL)"));
      assertEquals("23000", notNull.getSQLState());
    }
    assertTrue(conn.isValid(2));
    assertEquals(1, count(t));
  }

  @Test
  void sqlErrorsMapTo42000() throws SQLException {
    try (Statement s = conn.createStatement()) {
      SQLSyntaxErrorException syntax = assertThrows(SQLSyntaxErrorException.class, () -> s.execute("SELEC 1"));
      assertEquals("42000", syntax.getSQLState());
      SQLSyntaxErrorException noTable = assertThrows(SQLSyntaxErrorException.class,
          () -> s.executeQuery("SELECT * FROM no_such_table_" + table()));
      assertEquals("42000", noTable.getSQLState());
      assertTrue(noTable.getMessage().contains("no such table"), noTable.getMessage());
    }
    assertTrue(conn.isValid(2));
  }

  @Test
  void errorInsideATransactionThenRollback() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY)");
      conn.setAutoCommit(false);
      s.execute("INSERT INTO " + t + " VALUES (1)");
      assertThrows(SQLIntegrityConstraintViolationException.class, () -> s.execute("INSERT INTO " + t + " VALUES (1)"));
      conn.rollback();
      s.execute("INSERT INTO " + t + " VALUES (2)");
      conn.commit();
      conn.setAutoCommit(true);
      try (ResultSet rs = s.executeQuery("SELECT id FROM " + t)) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void preparedBatchIsOneAtomicCallWithCounts() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, v TEXT)");
    }
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " (id, v) VALUES (?, ?)")) {
      for (int i = 1; i <= 500; i++) {
        ps.setInt(1, i);
        ps.setString(2, "v" + i);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      assertEquals(500, counts.length);
      for (int c : counts) {
        assertEquals(1, c);
      }
      assertEquals(0, ps.executeBatch().length, "the batch is cleared after running");
      // A failing batch: nothing applies (auto-commit), and the counts say where it stopped.
      ps.setInt(1, 1000);
      ps.setString(2, "new");
      ps.addBatch();
      ps.setInt(1, 1001);
      ps.setString(2, "new");
      ps.addBatch();
      ps.setInt(1, 5);
      ps.setString(2, "duplicate");
      ps.addBatch();
      BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
      assertEquals("23505", e.getSQLState());
      assertEquals(2, e.getUpdateCounts().length);
    }
    assertEquals(500, count(t));
    assertTrue(conn.isValid(2));
  }

  @Test
  void statementBatchWithMixedKinds() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.addBatch("CREATE TABLE " + t + " (v INTEGER)");
      s.addBatch("INSERT INTO " + t + " VALUES (1), (2), (3)");
      s.addBatch("UPDATE " + t + " SET v = v * 2 WHERE v > 1");
      s.addBatch("DELETE FROM " + t + " WHERE v = 1");
      assertArrayEquals(new int[] {0, 3, 2, 1}, s.executeBatch());
    }
    assertEquals(2, count(t));
  }

  @Test
  void batchInsideATransactionJoinsIt() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (v INTEGER)");
    }
    conn.setAutoCommit(false);
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " VALUES (?)")) {
      for (int i = 0; i < 10; i++) {
        ps.setInt(1, i);
        ps.addBatch();
      }
      assertEquals(10, ps.executeBatch().length);
    }
    conn.rollback();
    assertEquals(0, count(t));
    conn.setAutoCommit(true);
  }

  @Test
  void resultSetMetaDataFromDeclaredTypes() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, name VARCHAR(20), price DECIMAL(10,2), data BLOB)");
      s.execute("INSERT INTO " + t + " VALUES (1, 'a', 9.99, x'00')");
      try (ResultSet rs = s.executeQuery("SELECT id, name AS label, price, data, 1.5 AS expr FROM " + t)) {
        ResultSetMetaData md = rs.getMetaData();
        assertEquals(5, md.getColumnCount());
        assertEquals("label", md.getColumnLabel(2));
        assertEquals(Types.INTEGER, md.getColumnType(1));
        assertEquals("INTEGER", md.getColumnTypeName(1));
        assertEquals(Types.VARCHAR, md.getColumnType(2));
        assertEquals(20, md.getPrecision(2));
        assertEquals(Types.DECIMAL, md.getColumnType(3));
        assertEquals(2, md.getScale(3));
        assertEquals(Types.BLOB, md.getColumnType(4));
        assertEquals(Types.REAL, md.getColumnType(5), "an expression column takes its value's storage class");
        assertEquals("java.lang.String", md.getColumnClassName(2));
        assertEquals(3, rs.findColumn("PRICE"));
      }
    }
  }

  @Test
  void scriptsRunAsOneStatement() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      assertFalse(s.execute("CREATE TABLE " + t + " (v INTEGER); INSERT INTO " + t + " VALUES (1);"
          + " CREATE TRIGGER " + t + "_tr AFTER INSERT ON " + t + " BEGIN UPDATE " + t + " SET v = v + 100"
          + " WHERE v = NEW.v; END; INSERT INTO " + t + " VALUES (2);"));
    }
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM " + t + " ORDER BY v")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
      assertTrue(rs.next());
      assertEquals(102, rs.getInt(1));
    }
    assertThrows(SQLSyntaxErrorException.class, () -> conn.prepareStatement("SELECT ?; SELECT 2"));
    // Without parameters a prepared script runs like Statement.execute (Flyway's SQLite clean needs it).
    try (PreparedStatement ps = conn.prepareStatement("PRAGMA foreign_keys = OFF; DROP TABLE " + t + "; PRAGMA foreign_keys = ON")) {
      assertFalse(ps.execute());
      assertEquals(0, ps.getUpdateCount());
      assertThrows(SQLSyntaxErrorException.class, ps::addBatch);
    }
    assertEquals(0, count("sqlite_master WHERE name = '" + t + "'"));
  }

  @Test
  void maxRowsScrollingAndLenientExecutes() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY)) {
      s.execute("CREATE TABLE " + t + " (v INTEGER)");
      assertEquals(5, s.executeUpdate("INSERT INTO " + t + " VALUES (1), (2), (3), (4), (5)"));
      s.setMaxRows(3);
      try (ResultSet rs = s.executeQuery("SELECT v FROM " + t + " ORDER BY v")) {
        assertTrue(rs.last());
        assertEquals(3, rs.getRow());
        assertEquals(3, rs.getInt(1));
        assertTrue(rs.first());
        assertEquals(1, rs.getInt(1));
        assertTrue(rs.absolute(-2));
        assertEquals(2, rs.getInt(1));
      }
      // A query through executeUpdate counts 0; an update through executeQuery gives no rows.
      assertEquals(0, s.executeUpdate("SELECT * FROM " + t));
      try (ResultSet rs = s.executeQuery("DELETE FROM " + t + " WHERE v = 5")) {
        assertFalse(rs.next());
      }
    }
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      assertEquals("HY106", state(rs::previous));
    }
    assertEquals(4, count(t));
  }

  @Test
  void largeIntegersAndNamedParameters() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT :a + 0 AS a, @b AS b, :a AS again")) {
      ps.setLong(1, Long.MIN_VALUE);
      ps.setString(2, "two");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(Long.MIN_VALUE, rs.getLong("a"));
        assertEquals(Long.MIN_VALUE, rs.getObject("a"));
        assertEquals("two", rs.getString("b"));
        assertEquals(Long.MIN_VALUE, rs.getLong("again"));
        assertEquals("22003", state(() -> rs.getInt("a")));
      }
      assertEquals(2, ps.getParameterMetaData().getParameterCount());
    }
    try (PreparedStatement ps = conn.prepareStatement("SELECT ?2 AS b, ?1 AS a")) {
      ps.setInt(1, 1);
      ps.setInt(2, 2);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt("b"));
        assertEquals(1, rs.getInt("a"));
      }
    }
  }

  @Test
  void networkTimeoutIsKept() throws SQLException {
    assertEquals(0, conn.getNetworkTimeout());
    conn.setNetworkTimeout(Runnable::run, 30_000);
    assertEquals(30_000, conn.getNetworkTimeout());
    assertTrue(conn.isValid(5));
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT 7")) {
      assertTrue(rs.next());
      assertEquals(7, rs.getInt(1));
    }
  }

  @Test
  void metadataWorksOnEveryTransport() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + "_p (id INTEGER PRIMARY KEY)");
      s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, p INTEGER REFERENCES " + t + "_p (id), name TEXT NOT NULL)");
      s.execute("CREATE UNIQUE INDEX " + t + "_name ON " + t + " (name)");
    }
    java.sql.DatabaseMetaData md = conn.getMetaData();
    try (ResultSet rs = md.getTables(null, null, t, new String[] {"TABLE"})) {
      assertTrue(rs.next());
      assertEquals(t, rs.getString("TABLE_NAME"));
      assertFalse(rs.next());
    }
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, null, t, null)) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("ORDINAL_POSITION") + ":" + rs.getString("IS_NULLABLE"));
      }
    }
    // A rowid alias takes NULL (SQLite assigns the rowid): nullable, as sqlite-jdbc says.
    assertEquals(List.of("id:1:YES", "p:2:YES", "name:3:NO"), columns);
    try (ResultSet rs = md.getPrimaryKeys(null, null, t)) {
      assertTrue(rs.next());
      assertEquals("id", rs.getString("COLUMN_NAME"));
    }
    try (ResultSet rs = md.getIndexInfo(null, null, t, true, true)) {
      assertTrue(rs.next());
      assertEquals(t + "_name", rs.getString("INDEX_NAME"));
    }
    try (ResultSet rs = md.getImportedKeys(null, null, t)) {
      assertTrue(rs.next());
      assertEquals(t + "_p", rs.getString("PKTABLE_NAME"));
      assertEquals("p", rs.getString("FKCOLUMN_NAME"));
    }
  }

  @Test
  void connectionsAreIndependentSessions() throws SQLException {
    String t = table();
    List<Connection> more = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        more.add(DriverManager.getConnection(url()));
      }
      try (Statement s = conn.createStatement()) {
        s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, who INTEGER)");
      }
      for (int i = 0; i < more.size(); i++) {
        try (PreparedStatement ps = more.get(i).prepareStatement("INSERT INTO " + t + " (who) VALUES (?)")) {
          ps.setInt(1, i);
          ps.executeUpdate();
        }
      }
      for (int i = 0; i < more.size(); i++) {
        try (Statement s = more.get(i).createStatement();
            ResultSet rs = s.executeQuery("SELECT who FROM " + t + " WHERE id = last_insert_rowid()")) {
          assertTrue(rs.next());
          assertEquals(i, rs.getInt(1), "each connection sees its own last_insert_rowid()");
        }
      }
    } finally {
      for (Connection c : more) {
        c.close();
      }
    }
    assertNotNull(conn.getMetaData());
  }

  @Test
  void vectorsPassThroughSetObjectAndGetObject() throws SQLException {
    String t = table();
    float[] e = {1f, 2.5f, -3.25f};
    double[] d = {0.1, 1e-3, 12345.678};
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, e F32_BLOB(3), d F64_BLOB(3), note TEXT)");
    }
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " (e, d, note) VALUES (?, ?, 'x')")) {
      ps.setObject(1, e);
      ps.setObject(2, d);
      assertEquals(1, ps.executeUpdate());
      ps.setObject(1, null);
      ps.setObject(2, null);
      assertEquals(1, ps.executeUpdate());
    }
    try (PreparedStatement ps = conn.prepareStatement("SELECT e, d, vector_extract(e), vector_extract(d), length(d),"
        + " vector16('[1.5, -2, 3]') AS h, note, vector_distance_cos(e, ?) FROM " + t + " WHERE e IS NOT NULL")) {
      ps.setObject(1, new float[] {2f, 5f, -6.5f});
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertArrayEquals(e, rs.getObject(1, float[].class), "float[] is stored as a float32 vector blob");
        assertArrayEquals(e, rs.getObject("e", float[].class));
        assertEquals(12, rs.getBytes(1).length);
        assertEquals("[1,2.5,-3.25]", rs.getString(3));
        assertEquals(25, rs.getInt(5), "double[] is stored as a float64 vector blob (vector64: 3 x 8 bytes + type byte)");
        assertEquals("[0.1,0.001,12345.7]", rs.getString(4));
        java.nio.ByteBuffer f64 = java.nio.ByteBuffer.wrap(rs.getBytes(2)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double x : d) {
          assertEquals(x, f64.getDouble(), "float64 components are exact");
        }
        // Any layout reads as float32, as Row.getVector and vector_extract read it.
        float[] dAsFloats = rs.getObject(2, float[].class);
        for (int i = 0; i < d.length; i++) {
          assertEquals((float) d[i], dAsFloats[i]);
        }
        assertArrayEquals(new float[] {1.5f, -2f, 3f}, rs.getObject("h", float[].class), "vector16 blob");
        assertFalse(rs.wasNull());
        assertEquals(0.0, rs.getDouble(8), 1e-6, "same direction: cosine distance 0");
        SQLException notVector = assertThrows(SQLException.class, () -> rs.getObject("note", float[].class));
        assertTrue(notVector.getSQLState().startsWith("22"), notVector.getSQLState());
        assertFalse(rs.next());
      }
    }
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT e, d FROM " + t + " WHERE e IS NULL")) {
      assertTrue(rs.next());
      assertNull(rs.getObject(1, float[].class));
      assertTrue(rs.wasNull());
      assertNull(rs.getObject(2, float[].class));
    }
    // Vectors among generated keys (RETURNING rows copied from a batch) still read through the client.
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " (e, d) VALUES (?, ?)", new String[] {"id", "d"})) {
      ps.setObject(1, e);
      ps.setObject(2, d);
      ps.addBatch();
      ps.setObject(1, new float[] {4f, 5f, 6f});
      ps.setObject(2, new double[] {4, 5, 6});
      ps.addBatch();
      assertArrayEquals(new int[] {1, 1}, ps.executeBatch());
      try (ResultSet keys = ps.getGeneratedKeys()) {
        assertTrue(keys.next());
        assertArrayEquals(new float[] {0.1f, 0.001f, 12345.678f}, keys.getObject("d", float[].class));
        assertTrue(keys.next());
        assertArrayEquals(new float[] {4f, 5f, 6f}, keys.getObject(2, float[].class));
      }
    }
    // A vector bound with a text target type becomes libSQL's vector text.
    try (PreparedStatement ps = conn.prepareStatement("SELECT vector_extract(vector32(?))")) {
      ps.setObject(1, new float[] {1f, 2f}, Types.VARCHAR);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals("[1,2]", rs.getString(1));
      }
    }
  }
}
