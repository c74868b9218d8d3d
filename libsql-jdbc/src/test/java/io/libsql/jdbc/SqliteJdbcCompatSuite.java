package io.libsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Savepoint;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What programs written against sqlite-jdbc ({@code org.xerial:sqlite-jdbc}) expect where JDBC
 * allows either behavior, written once and run on every kind of URL (a local file, a real sqld over
 * WebSocket and over HTTP).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class SqliteJdbcCompatSuite {
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

  static String table() {
    return "c" + TABLES.incrementAndGet() + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
  }

  private long count(String table) throws SQLException {
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  // ---- statements ----

  @Test
  void executeUpdateOfSeveralStatementsReturnsTheirTotalChanges() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      assertEquals(0, s.executeUpdate("CREATE TABLE " + t + " (v INTEGER); CREATE INDEX " + t + "_v ON " + t + " (v)"));
      assertEquals(5, s.executeUpdate("INSERT INTO " + t + " VALUES (1), (2); INSERT INTO " + t
          + " VALUES (3), (4), (5); SELECT 1"));
      assertEquals(3, s.executeUpdate("UPDATE " + t + " SET v = v + 1 WHERE v > 2; DELETE FROM " + t + " WHERE v = 99"));
      assertEquals(3, s.getUpdateCount());
      assertEquals(5, count(t));
      conn.setAutoCommit(false);
      assertEquals(2, s.executeUpdate("DELETE FROM " + t + " WHERE v = 1; DELETE FROM " + t + " WHERE v = 2"));
      conn.rollback();
      assertEquals(5, count(t));
    }
  }

  @Test
  void executeBatchWithAQueryThrowsBatchUpdateException() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (v INTEGER)");
      s.addBatch("INSERT INTO " + t + " VALUES (1)");
      s.addBatch("SELECT v FROM " + t);
      s.addBatch("INSERT INTO " + t + " VALUES (2)");
      BatchUpdateException e = assertThrows(BatchUpdateException.class, s::executeBatch);
      assertArrayEquals(new int[0], e.getUpdateCounts(), "nothing ran");
      assertTrue(e.getMessage().contains("SELECT"), e.getMessage());
      assertEquals(0, count(t));
      // the batch is cleared, as after any executeBatch
      assertArrayEquals(new int[0], s.executeBatch());
      try (var ps = conn.prepareStatement("SELECT ? FROM " + t)) {
        ps.setInt(1, 1);
        ps.addBatch();
        assertThrows(BatchUpdateException.class, ps::executeBatch);
      }
      s.addBatch("INSERT INTO " + t + " VALUES (3) RETURNING v");
      assertThrows(BatchUpdateException.class, s::executeBatch);
      s.addBatch("PRAGMA user_version");
      assertThrows(BatchUpdateException.class, s::executeBatch);
      assertEquals(0, count(t));
    }
  }

  // ---- prepared statements ----

  @Test
  void prepareStatementPreparesTheStatement() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL, score REAL)");
    }
    SQLException missingTable = assertThrows(SQLException.class, () -> conn.prepareStatement("SELECT * FROM missing_" + t));
    assertEquals(1, missingTable.getErrorCode());
    assertEquals("42000", missingTable.getSQLState());
    assertTrue(missingTable.getMessage().contains("missing_" + t), missingTable.getMessage());
    assertThrows(SQLSyntaxErrorException.class, () -> conn.prepareStatement("SELECT missing FROM " + t));
    assertThrows(SQLSyntaxErrorException.class, () -> conn.prepareStatement("INSERT INTO " + t + " (missing) VALUES (?)"));
    assertThrows(SQLSyntaxErrorException.class, () -> conn.prepareStatement("SELEC 1"));
    try (PreparedStatement ps = conn.prepareStatement("SELECT id, name, score * ? AS weighted FROM " + t + " WHERE name = ?")) {
      ResultSetMetaData md = ps.getMetaData();
      assertEquals(3, md.getColumnCount(), "columns known before the first execution");
      assertEquals("id", md.getColumnLabel(1));
      assertEquals("name", md.getColumnName(2));
      assertEquals("weighted", md.getColumnLabel(3));
      assertEquals(Types.INTEGER, md.getColumnType(1));
      assertEquals(Types.VARCHAR, md.getColumnType(2));
      assertEquals("VARCHAR", md.getColumnTypeName(2));
      ParameterMetaData pmd = ps.getParameterMetaData();
      assertEquals(2, pmd.getParameterCount());
      ps.setDouble(1, 2.0);
      ps.setString(2, "x");
      try (ResultSet rs = ps.executeQuery()) {
        assertFalse(rs.next());
        assertEquals(3, rs.getMetaData().getColumnCount());
      }
    }
    // Statements that only make sense when run prepare as well as they run
    for (String sql : new String[] {"BEGIN IMMEDIATE", "CREATE TABLE IF NOT EXISTS " + t + "_x (v)", "INSERT INTO " + t
        + "_x VALUES (1)", "SAVEPOINT s1", "RELEASE s1", "COMMIT", "PRAGMA foreign_keys = ON", "DROP TABLE IF EXISTS missing_"
        + t, "DROP TABLE " + t + "_x"}) {
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        ps.execute();
      }
    }
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " (name, score) VALUES (:name, :score)")) {
      assertEquals(null, ps.getMetaData(), "no result columns");
      assertEquals(2, ps.getParameterMetaData().getParameterCount());
      ps.setString(1, "a");
      ps.setDouble(2, 1.5);
      assertEquals(1, ps.executeUpdate());
    }
  }

  @Test
  void preparedDescriptionsFollowThisConnectionsSchemaChanges() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (a INTEGER)");
      try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM " + t)) {
        assertEquals(1, ps.getMetaData().getColumnCount());
      }
      s.execute("ALTER TABLE " + t + " ADD COLUMN b TEXT");
      try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM " + t)) {
        assertEquals(2, ps.getMetaData().getColumnCount(), "the cached description was dropped by the DDL");
      }
      s.execute("DROP TABLE " + t);
      assertThrows(SQLSyntaxErrorException.class, () -> conn.prepareStatement("SELECT * FROM " + t));
      conn.setAutoCommit(false);
      s.execute("CREATE TABLE " + t + " (c INTEGER)");
      conn.prepareStatement("SELECT c FROM " + t).close();
      conn.rollback();
      assertThrows(SQLSyntaxErrorException.class, () -> conn.prepareStatement("SELECT c FROM " + t),
          "the rollback undid the table");
    }
  }

  // ---- schema metadata ----

  private static String[] schema(String p) {
    return new String[] {
      "CREATE TABLE " + p + "_parent (id INTEGER PRIMARY KEY AUTOINCREMENT, a INT NOT NULL, b TEXT,"
          + " CONSTRAINT " + p + "_uq UNIQUE (a, b))",
      "CREATE TABLE " + p + "_child (x INTEGER, y TEXT DEFAULT 'q', z, n NUMERIC(10,2), d DATETIME, bo BOOLEAN,"
          + " vc VARCHAR(30) NOT NULL, CONSTRAINT " + p + "_pk PRIMARY KEY (x, y), CONSTRAINT " + p + "_fk FOREIGN KEY (x, y)"
          + " REFERENCES " + p + "_parent (a, b) ON DELETE CASCADE)",
      "CREATE TABLE " + p + "_other (id INTEGER PRIMARY KEY, p INTEGER REFERENCES " + p + "_parent(id), bl BLOB, r REAL,"
          + " big BIGINT, ch CHAR(3), dt DATE, dc DECIMAL(10,5), js JSON)",
      "CREATE INDEX " + p + "_idx ON " + p + "_child (z DESC, n)",
      "CREATE UNIQUE INDEX " + p + "_uidx ON " + p + "_other (r)",
      "CREATE VIEW " + p + "_v AS SELECT id, a FROM " + p + "_parent",
      "CREATE TRIGGER " + p + "_trg AFTER INSERT ON " + p + "_parent BEGIN UPDATE " + p + "_parent SET b = 'x'"
          + " WHERE id = new.id; END"
    };
  }

  /** The rows of {@code rs} as "label=value" lists of the given labels, sorted. */
  private static List<String> rows(ResultSet rs, String... labels) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (String l : labels) {
          b.append(l).append('=').append(l.equals("NON_UNIQUE") ? String.valueOf(rs.getBoolean(l)) : rs.getString(l)).append(' ');
        }
        out.add(b.toString());
      }
    }
    out.sort(null);
    return out;
  }

  /** What a database tool reads, walking the schema as DBeaver does; the same from either driver. */
  private static Map<String, List<String>> walk(Connection c, String p) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put("tableTypes", rows(md.getTableTypes(), "TABLE_TYPE"));
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = md.getTables(null, null, p + "%", null)) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    out.put("tables", rows(md.getTables(null, null, p + "\\_%", new String[] {"TABLE", "VIEW"}), "TABLE_NAME", "TABLE_TYPE"));
    out.put("systemTables", rows(md.getTables(null, null, "sqlite\\_s%", new String[] {"SYSTEM TABLE"}), "TABLE_NAME",
        "TABLE_TYPE"));
    for (String t : tables) {
      out.put(t + " columns", rows(md.getColumns(null, null, t, "%"), "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME",
          "COLUMN_SIZE", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "COLUMN_DEF", "ORDINAL_POSITION", "IS_NULLABLE",
          "IS_AUTOINCREMENT"));
      out.put(t + " primaryKeys", rows(md.getPrimaryKeys(null, null, t), "COLUMN_NAME", "KEY_SEQ", "PK_NAME"));
      // FK_NAME only for named constraints: sqlite-jdbc names the unnamed ones "", this driver fk_<table>_<id>.
      out.put(t + " importedKeys", rows(md.getImportedKeys(null, null, t), "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_NAME",
          "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE"));
      out.put(t + " exportedKeys", rows(md.getExportedKeys(null, null, t), "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_NAME",
          "FKCOLUMN_NAME", "KEY_SEQ"));
      out.put(t + " indexes", rows(md.getIndexInfo(null, null, t, false, false), "INDEX_NAME", "NON_UNIQUE",
          "ORDINAL_POSITION", "COLUMN_NAME"));
    }
    try (Statement s = c.createStatement()) {
      out.put("triggers", rows(s.executeQuery("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'"
          + " AND name LIKE '" + p + "%'"), "name", "tbl_name"));
    }
    return out;
  }

  @Test
  void schemaMetadataIsWhatSqliteJdbcReports() throws Exception {
    String p = table();
    try (Statement s = conn.createStatement()) {
      for (String sql : schema(p)) {
        s.execute(sql);
      }
    }
    Path reference = Files.createTempFile("sqlite-jdbc-reference", ".db");
    try {
      Map<String, List<String>> expected;
      try (Connection x = DriverManager.getConnection("jdbc:sqlite:" + reference); Statement s = x.createStatement()) {
        for (String sql : schema(p)) {
          s.execute(sql);
        }
        expected = walk(x, p);
      }
      Map<String, List<String>> actual = walk(conn, p);
      assertEquals(expected.keySet(), actual.keySet());
      assertTrue(expected.get("tables").size() == 4 && expected.get(p + "_child columns").size() == 7, expected.toString());
      for (String k : expected.keySet()) {
        assertEquals(expected.get(k), actual.get(k), k);
      }
    } finally {
      Files.deleteIfExists(reference);
    }
    try (ResultSet rs = conn.getMetaData().getImportedKeys(null, null, p + "_child")) {
      assertTrue(rs.next());
      assertEquals(p + "_fk", rs.getString("FK_NAME"), "named constraints keep their name");
    }
  }

  @Test
  void schemasAreSqlitesDatabases() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY)");
    }
    DatabaseMetaData md = conn.getMetaData();
    assertEquals(List.of("TABLE_SCHEM=main "), rows(md.getSchemas(null, "main"), "TABLE_SCHEM"));
    assertEquals(List.of(), rows(md.getCatalogs(), "TABLE_CAT"));
    // main's objects have a null TABLE_SCHEM, as in sqlite-jdbc (Liquibase relies on it)
    assertEquals(List.of("TABLE_SCHEM=null TABLE_NAME=" + t + " "), rows(md.getTables(null, "main", t, null), "TABLE_SCHEM",
        "TABLE_NAME"));
    assertEquals(List.of("TABLE_NAME=" + t + " "), rows(md.getTables(null, "MAIN", t, null), "TABLE_NAME"));
    assertEquals(List.of(), rows(md.getTables(null, "other", t, null), "TABLE_NAME"));
    assertEquals(List.of("COLUMN_NAME=id "), rows(md.getColumns(null, "main", t, "id"), "COLUMN_NAME"));
    assertEquals(List.of(), rows(md.getColumns(null, "other", t, "id"), "COLUMN_NAME"));
    if (url().startsWith("jdbc:libsql:file:")) { // sqld refuses ATTACH
      try (Statement s = conn.createStatement()) {
        s.execute("ATTACH ':memory:' AS aux");
        s.execute("CREATE TABLE aux." + t + "_a (k TEXT PRIMARY KEY, v INTEGER NOT NULL)");
        s.execute("CREATE INDEX aux." + t + "_ai ON " + t + "_a (v)");
      }
      assertEquals(List.of("TABLE_SCHEM=aux ", "TABLE_SCHEM=main "), rows(md.getSchemas(), "TABLE_SCHEM"));
      assertEquals(List.of("TABLE_SCHEM=aux TABLE_NAME=" + t + "_a "), rows(md.getTables(null, "aux", "%", new String[] {"TABLE"}),
          "TABLE_SCHEM", "TABLE_NAME"));
      assertEquals(List.of("COLUMN_NAME=k IS_NULLABLE=YES ", "COLUMN_NAME=v IS_NULLABLE=NO "),
          rows(md.getColumns(null, "aux", t + "_a", "%"), "COLUMN_NAME", "IS_NULLABLE"));
      assertEquals(List.of("COLUMN_NAME=k "), rows(md.getPrimaryKeys(null, "aux", t + "_a"), "COLUMN_NAME"));
      assertEquals(List.of(), rows(md.getPrimaryKeys(null, "main", t + "_a"), "COLUMN_NAME"));
      assertEquals(List.of("INDEX_NAME=" + t + "_ai ", "INDEX_NAME=sqlite_autoindex_" + t + "_a_1 "),
          rows(md.getIndexInfo(null, "aux", t + "_a", false, false), "INDEX_NAME"));
    }
  }

  // ---- dates and times ----

  private String withParams(String params) {
    return url() + (url().contains("?") ? "&" : "?") + params;
  }

  private static final Timestamp TS = Timestamp.valueOf("2024-05-01 13:45:07.123456789");
  private static final java.sql.Date DATE = java.sql.Date.valueOf("2024-05-01");
  private static final Time TIME = Time.valueOf("13:45:07");

  /** Writes the same values with each setter through {@code c}; returns each stored value and its SQLite type. */
  private static List<String> writeDates(Connection c, String t) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + t + " (k TEXT, v)");
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?)")) {
      Object[][] values = {{"ts", TS}, {"date", DATE}, {"time", TIME}, {"utilDate", new java.util.Date(TS.getTime())},
          {"ldt", LocalDateTime.of(2024, 5, 1, 13, 45, 7, 123_000_000)}, {"ld", LocalDate.of(2024, 5, 1)}};
      for (Object[] v : values) {
        ps.setString(1, (String) v[0]);
        if (v[1] instanceof Timestamp) {
          ps.setTimestamp(2, (Timestamp) v[1]);
        } else if (v[1] instanceof java.sql.Date) {
          ps.setDate(2, (java.sql.Date) v[1]);
        } else if (v[1] instanceof Time) {
          ps.setTime(2, (Time) v[1]);
        } else {
          ps.setObject(2, v[1]);
        }
        ps.executeUpdate();
      }
    }
    // The stored value as Java sees it (a REAL as a Double, whichever SQLite formats it), and its type
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT k, v, typeof(v) FROM " + t + " ORDER BY k")) {
      while (rs.next()) {
        Object v = rs.getObject(2);
        out.add(rs.getString(1) + "=" + (v instanceof Number && !(v instanceof Double) ? ((Number) v).longValue() : v)
            + " (" + rs.getString(3) + ")");
      }
    }
    return out;
  }

  @Test
  void datesAreWrittenAsSqliteJdbcWritesThem() throws Exception {
    String[] settings = {"", "date_class=TEXT", "date_class=REAL", "date_precision=SECONDS",
        "date_class=TEXT&date_string_format=yyyy/MM/dd HH:mm"};
    for (String setting : settings) {
      String t = table();
      Properties props = new Properties();
      for (String kv : setting.split("&")) {
        if (!kv.isEmpty()) {
          props.setProperty(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
      }
      Path reference = Files.createTempFile("sqlite-jdbc-dates", ".db");
      try {
        List<String> expected;
        try (Connection x = DriverManager.getConnection("jdbc:sqlite:" + reference, props)) {
          expected = writeDates(x, t);
        }
        Properties ours = new Properties();
        ours.putAll(props);
        try (Connection c = DriverManager.getConnection(url(), ours)) {
          assertEquals(expected, writeDates(c, t), "as sqlite-jdbc writes with " + setting);
        }
      } finally {
        Files.deleteIfExists(reference);
      }
    }
  }

  /**
   * Values sqlite-jdbc wrote with each date_class read back as written: on a file sqlite-jdbc wrote,
   * and copied as stored to this suite's database (remote ones too). sqlite-jdbc itself reads its
   * REAL values a millisecond early (it truncates); this driver rounds.
   */
  @Test
  void datesWrittenBySqliteJdbcReadBackTheSame() throws Exception {
    String t = table();
    java.util.Date[] written = {TS, DATE, TIME};
    List<String> expected = new ArrayList<>();
    Path reference = Files.createTempFile("sqlite-jdbc-dates", ".db");
    try (Connection x = DriverManager.getConnection("jdbc:sqlite:" + reference)) {
      try (Statement s = x.createStatement()) {
        s.execute("CREATE TABLE d (v)");
      }
      for (String dateClass : new String[] {"INTEGER", "TEXT", "REAL"}) {
        Properties p = new Properties();
        p.setProperty("date_class", dateClass);
        try (Connection w = DriverManager.getConnection("jdbc:sqlite:" + reference, p);
            PreparedStatement ps = w.prepareStatement("INSERT INTO d VALUES (?)")) {
          for (java.util.Date v : written) {
            ps.setObject(1, v);
            ps.executeUpdate();
            Timestamp millis = new Timestamp(v.getTime());
            expected.add(millis + " | " + new java.sql.Date(v.getTime()) + " | " + new Time(v.getTime()) + " | "
                + millis.toLocalDateTime().toLocalDate());
          }
        }
      }
      try (Statement s = x.createStatement()) {
        s.execute("INSERT INTO d VALUES ('2024-05-01 13:45:07'), ('')");
        try (ResultSet rs = s.executeQuery("SELECT v FROM d WHERE rowid > 9 ORDER BY rowid")) {
          while (rs.next()) {
            expected.add(readDate(rs)); // as sqlite-jdbc reads these
          }
        }
        try (ResultSet rs = s.executeQuery("SELECT v FROM d WHERE rowid <= 6 ORDER BY rowid")) {
          for (int i = 0; rs.next(); i++) {
            assertEquals(expected.get(i), readDate(rs), "sqlite-jdbc reads its INTEGER and TEXT dates as written");
          }
        }
      }
      List<Object> raw = new ArrayList<>();
      try (Statement s = x.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM d ORDER BY rowid")) {
        while (rs.next()) {
          raw.add(rs.getObject(1));
        }
      }
      // The file sqlite-jdbc wrote, opened by this driver.
      List<String> fromFile = new ArrayList<>();
      try (Connection c = DriverManager.getConnection("jdbc:libsql:file:" + reference); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT v FROM d ORDER BY rowid")) {
        while (rs.next()) {
          fromFile.add(readDate(rs));
        }
      }
      assertEquals(11, expected.size());
      assertEquals(expected, fromFile);
      // The same stored values copied to this suite's database.
      try (Statement s = conn.createStatement()) {
        s.execute("CREATE TABLE " + t + " (v)");
      }
      try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " VALUES (?)")) {
        for (Object v : raw) {
          ps.setObject(1, v instanceof Integer ? Long.valueOf((Integer) v) : v);
          ps.executeUpdate();
        }
      }
      List<String> actual = new ArrayList<>();
      try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM " + t + " ORDER BY rowid")) {
        while (rs.next()) {
          actual.add(readDate(rs));
        }
      }
      assertEquals(expected, actual);
    } finally {
      Files.deleteIfExists(reference);
    }
  }

  private static String readDate(ResultSet rs) throws SQLException {
    return rs.getTimestamp(1) + " | " + rs.getDate(1) + " | " + rs.getTime(1) + " | " + rs.getObject(1, LocalDate.class);
  }

  @Test
  void datePropertiesReadToo() throws SQLException {
    String t = table();
    try (Connection c = DriverManager.getConnection(withParams("date_precision=SECONDS"));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + t + " (v)");
      s.execute("INSERT INTO " + t + " VALUES (1714571107), ('')");
      try (ResultSet rs = s.executeQuery("SELECT v FROM " + t + " ORDER BY rowid")) {
        assertTrue(rs.next());
        assertEquals(Instant.ofEpochSecond(1714571107), rs.getTimestamp(1).toInstant(), "integers are seconds");
        assertTrue(rs.next());
        assertEquals(null, rs.getTimestamp(1), "an empty string is null, as in sqlite-jdbc");
        assertEquals(null, rs.getObject(1, LocalDateTime.class));
      }
    }
    try (Connection c = DriverManager.getConnection(withParams("date_class=TEXT&date_string_format=dd.MM.yyyy"));
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM " + t);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " VALUES (?)")) {
        ps.setDate(1, DATE);
        ps.executeUpdate();
      }
      try (ResultSet rs = s.executeQuery("SELECT v FROM " + t)) {
        assertTrue(rs.next());
        assertEquals("01.05.2024", rs.getString(1));
        assertEquals(DATE, rs.getDate(1));
      }
    }
    SQLException bad = assertThrows(SQLException.class, () -> DriverManager.getConnection(withParams("date_class=DAYS")));
    assertEquals("08001", bad.getSQLState());
    assertTrue(bad.getMessage().contains("date_class"), bad.getMessage());
  }

  // ---- connection properties ----

  private static String pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  @Test
  void sqliteJdbcConnectionProperties() throws SQLException {
    boolean local = url().startsWith("jdbc:libsql:file:");
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, v TEXT)");
    }
    SQLException unknown = assertThrows(SQLException.class, () -> DriverManager.getConnection(withParams("no_such_option=1")));
    assertEquals("08001", unknown.getSQLState());
    assertTrue(unknown.getMessage().startsWith("[URL_PARAM_NOT_SUPPORTED]") && unknown.getMessage().contains("'no_such_option'")
        && unknown.getMessage().contains("journal_mode") && unknown.getMessage().contains("date_class")
        && unknown.getMessage().contains("authToken"), unknown.getMessage());
    String pragmas = "foreign_keys=true&journal_mode=WAL&busy_timeout=3000&synchronous=NORMAL&cache_size=-4000";
    if (local) {
      try (Connection c = DriverManager.getConnection(withParams(pragmas))) {
        assertEquals("1", pragma(c, "foreign_keys"));
        assertEquals("wal", pragma(c, "journal_mode"));
        assertEquals("3000", pragma(c, "busy_timeout"));
        assertEquals("1", pragma(c, "synchronous"));
        assertEquals("-4000", pragma(c, "cache_size"));
      }
      Properties props = new Properties();
      props.setProperty("foreign_keys", "true");
      props.setProperty("recursive_triggers", "on");
      try (Connection c = DriverManager.getConnection(url(), props)) {
        assertEquals("1", pragma(c, "foreign_keys"));
        assertEquals("1", pragma(c, "recursive_triggers"));
      }
      assertEquals("08001", assertThrows(SQLException.class,
          () -> DriverManager.getConnection(withParams("cache_size=1;DROP TABLE x"))).getSQLState());
      try (Connection ro = DriverManager.getConnection(withParams("mode=ro&cache=shared")); Statement s = ro.createStatement()) {
        assertTrue(ro.isReadOnly());
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
          assertTrue(rs.next());
          assertEquals(0, rs.getInt(1));
        }
        assertEquals("25006", assertThrows(SQLException.class, () -> s.execute("INSERT INTO " + t + " (v) VALUES ('x')"))
            .getSQLState());
      }
    } else {
      SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(withParams(pragmas)));
      assertEquals("08001", e.getSQLState());
      assertTrue(e.getMessage().contains("file: URLs only"), e.getMessage());
      try (Connection ro = DriverManager.getConnection(withParams("mode=ro"))) {
        assertTrue(ro.isReadOnly(), "remotely a hint, as setReadOnly is");
      }
    }
    try (Connection c = DriverManager.getConnection(withParams("jdbc.get_generated_keys=false"));
        PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (v) VALUES ('k')", Statement.RETURN_GENERATED_KEYS)) {
      assertEquals(1, ps.executeUpdate());
      try (ResultSet keys = ps.getGeneratedKeys()) {
        assertFalse(keys.next(), "generated keys are off, as in sqlite-jdbc");
      }
    }
  }

  // ---- errors ----

  private static int vendorCode(Statement s, String sql) {
    return assertThrows(SQLException.class, () -> s.execute(sql), sql).getErrorCode();
  }

  @Test
  void errorCodeIsSqlitesPrimaryResultCode() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, e TEXT UNIQUE, n TEXT NOT NULL, c INTEGER CHECK (c > 0))");
      s.execute("INSERT INTO " + t + " VALUES (1, 'a', 'x', 1)");
      assertEquals(19, vendorCode(s, "INSERT INTO " + t + " VALUES (1, 'b', 'x', 1)"));
      assertEquals(19, vendorCode(s, "INSERT INTO " + t + " VALUES (2, 'a', 'x', 1)"));
      assertEquals(19, vendorCode(s, "INSERT INTO " + t + " VALUES (2, 'b', NULL, 1)"));
      assertEquals(19, vendorCode(s, "INSERT INTO " + t + " VALUES (2, 'b', 'x', 0)"));
      // sqld reports these with its own codes (SQL_INPUT_ERROR, SQL_PARSE_ERROR); SQLite says SQLITE_ERROR
      for (String sql : new String[] {"SELECT * FROM missing_" + t, "SELECT missing FROM " + t, "SELEC 1",
          "CREATE TABLE " + t + " (x)", "SELECT missing_function(1)", "SELECT abs(1, 2)", "DROP TABLE missing_" + t,
          "INSERT INTO " + t + " (id) VALUES (1, 2)"}) {
        assertEquals(1, vendorCode(s, sql), sql);
      }
      assertEquals(20, vendorCode(s, "SELECT * FROM " + t + " LIMIT 'x'"));
    }
    try (var ps = conn.prepareStatement("INSERT INTO " + t + " VALUES (?, 'q', 'x', 1)")) {
      ps.setInt(1, 1);
      assertEquals(19, assertThrows(SQLException.class, ps::executeUpdate).getErrorCode());
    }
  }

  /** sqld makes a second writer wait for the lock (and takes it from a transaction idle for 5 s): local only. */
  @Test
  void busyIsVendorCode5() throws SQLException {
    Assumptions.assumeTrue(url().startsWith("jdbc:libsql:file:"), "sqld queues writers instead of failing them");
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (v INTEGER)");
    }
    try (Connection other = DriverManager.getConnection(url()); Statement o = other.createStatement();
        Statement s = conn.createStatement()) {
      o.execute("PRAGMA busy_timeout = 0");
      s.execute("BEGIN IMMEDIATE");
      s.execute("INSERT INTO " + t + " VALUES (1)");
      SQLException e = assertThrows(SQLException.class, () -> o.execute("INSERT INTO " + t + " VALUES (2)"));
      assertEquals(5, e.getErrorCode(), e.toString());
      assertEquals("40001", e.getSQLState());
      s.execute("COMMIT");
    }
  }

  @Test
  void databaseVersionIsSqlite3() throws SQLException {
    assertEquals(3, conn.getMetaData().getDatabaseMajorVersion());
    assertTrue(conn.getMetaData().getDatabaseMinorVersion() >= 40);
  }

  // ---- savepoints ----

  @Test
  void savepointInAutoCommitModeStartsATransaction() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (v INTEGER)");
      Savepoint sp = conn.setSavepoint("outer");
      assertFalse(conn.getAutoCommit(), "as sqlite-jdbc: the savepoint's transaction turns auto-commit off");
      s.executeUpdate("INSERT INTO " + t + " VALUES (1)");
      Savepoint inner = conn.setSavepoint();
      s.executeUpdate("INSERT INTO " + t + " VALUES (2)");
      conn.rollback(inner);
      assertEquals(1, count(t));
      conn.rollback(sp);
      assertEquals(0, count(t));
      s.executeUpdate("INSERT INTO " + t + " VALUES (3)");
      conn.releaseSavepoint(sp); // the outermost savepoint opened the transaction: releasing it commits
      try (Connection other = DriverManager.getConnection(url())) {
        try (Statement o = other.createStatement(); ResultSet rs = o.executeQuery("SELECT v FROM " + t)) {
          assertTrue(rs.next());
          assertEquals(3, rs.getInt(1));
          assertFalse(rs.next());
        }
      }
      conn.commit(); // nothing open: does nothing (sqlite-jdbc fails here)
      conn.setAutoCommit(true);
      Savepoint again = conn.setSavepoint();
      assertTrue(again.getSavepointId() > 0);
      s.executeUpdate("INSERT INTO " + t + " VALUES (4)");
      conn.rollback();
      assertEquals(1, count(t));
      assertFalse(conn.getAutoCommit());
      conn.setAutoCommit(true);
      conn.setSavepoint();
      s.executeUpdate("INSERT INTO " + t + " VALUES (5)");
      conn.commit();
      assertEquals(2, count(t));
      assertEquals("25000", assertThrows(SQLException.class, () -> {
        conn.setAutoCommit(true);
        conn.rollback(again);
      }).getSQLState());
    }
  }

  // ---- result set metadata ----

  private boolean local() {
    return url().startsWith("jdbc:libsql:file:");
  }

  /** Table name, nullability and auto-increment of each column, as one line per column. */
  private static List<String> origins(ResultSetMetaData md) throws SQLException {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      out.add(md.getColumnLabel(i) + " table=" + md.getTableName(i) + " nullable=" + md.isNullable(i) + " auto="
          + md.isAutoIncrement(i) + " class=" + md.getColumnClassName(i));
    }
    return out;
  }

  @Test
  void resultSetMetaDataNamesEachColumnsTable() throws SQLException {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, note VARCHAR(10))");
      s.execute("CREATE VIEW " + t + "_v AS SELECT id AS key, name FROM " + t);
      s.execute("INSERT INTO " + t + " (name, note) VALUES ('a', 'n')");
    }
    // note AS name: renamed to another column's name; SQLite tells Java only the result name
    String sql = "SELECT id, name, note, name AS alias, length(name) AS len, note AS name FROM " + t;
    List<String> expected = local()
        ? List.of("id table=" + t + " nullable=1 auto=true class=java.lang.Integer",
            "name table=" + t + " nullable=0 auto=false class=java.lang.String",
            "note table=" + t + " nullable=1 auto=false class=java.lang.String",
            "alias table=" + t + " nullable=2 auto=false class=java.lang.String",
            "len table= nullable=2 auto=false class=java.lang.Integer",
            "name table=" + t + " nullable=2 auto=false class=java.lang.String")
        : List.of("id table= nullable=2 auto=false class=java.lang.Integer",
            "name table= nullable=2 auto=false class=java.lang.String",
            "note table= nullable=2 auto=false class=java.lang.String",
            "alias table= nullable=2 auto=false class=java.lang.String",
            "len table= nullable=2 auto=false class=java.lang.Integer",
            "name table= nullable=2 auto=false class=java.lang.String");
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertEquals(expected, origins(rs.getMetaData()), "a Statement's result");
    }
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      List<String> unrun = new ArrayList<>(expected);
      unrun.set(4, unrun.get(4).replace("Integer", "Object")); // an expression's class is its first value's
      assertEquals(unrun, origins(ps.getMetaData()), "before the first execution");
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(expected, origins(rs.getMetaData()), "a prepared statement's result");
      }
    }
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT key, name FROM " + t + "_v")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(local() ? t : "", md.getTableName(1), "through a view, the table beneath it");
      assertEquals(local() ? ResultSetMetaData.columnNoNulls : ResultSetMetaData.columnNullableUnknown, md.isNullable(2));
      assertEquals(ResultSetMetaData.columnNullableUnknown, md.isNullable(1), "renamed by the view: not matched");
      assertFalse(md.isAutoIncrement(1));
    }
    if (local()) {
      // sqlite-jdbc's own answers for the columns it can match, on the same file
      String file = url().substring("jdbc:libsql:".length());
      try (Connection x = DriverManager.getConnection("jdbc:sqlite:" + file.substring("file:".length()));
          Statement s = x.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= 3; i++) {
          assertEquals(t, md.getTableName(i));
        }
        assertEquals(List.of(ResultSetMetaData.columnNullable, ResultSetMetaData.columnNoNulls,
            ResultSetMetaData.columnNullable), List.of(md.isNullable(1), md.isNullable(2), md.isNullable(3)));
        assertTrue(md.isAutoIncrement(1));
        assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(6), "sqlite-jdbc takes note AS name for name");
      }
    }
  }

  // ---- limits, open modes, transaction modes ----

  @Test
  void sqliteJdbcLimitsAndOpenModes() throws Exception {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (v TEXT)");
    }
    if (!local()) {
      for (String p : new String[] {"limit_length=100", "open_mode=6", "limit_sql_length=1000&foreign_keys=on"}) {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(withParams(p)), p);
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().startsWith("[URL_PARAM_NOT_SUPPORTED]") && e.getMessage().contains("file: URLs only")
            && e.getMessage().contains(p.substring(0, p.indexOf('='))), e.getMessage());
      }
      Properties props = new Properties();
      props.setProperty("limit_column", "10");
      assertEquals("08001", assertThrows(SQLException.class, () -> DriverManager.getConnection(url(), props)).getSQLState());
      SQLException config = assertThrows(SQLException.class,
          () -> DriverManager.getConnection(url(), new org.sqlite.SQLiteConfig().toProperties()));
      assertTrue(config.getMessage().contains("busy_timeout") && config.getMessage().contains("open_mode"), config.getMessage());
      return;
    }
    // what sqlite-jdbc users pass: its SQLiteConfig's properties (open_mode=70, transaction_mode, busy_timeout, ...)
    org.sqlite.SQLiteConfig sqliteConfig = new org.sqlite.SQLiteConfig();
    sqliteConfig.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
    try (Connection c = DriverManager.getConnection(url(), sqliteConfig.toProperties())) {
      assertFalse(c.isReadOnly());
      assertEquals("3000", pragma(c, "busy_timeout"));
    }
    sqliteConfig.setReadOnly(true);
    try (Connection c = DriverManager.getConnection(url(), sqliteConfig.toProperties())) {
      assertTrue(c.isReadOnly(), "SQLiteConfig.setReadOnly(true) sets open_mode READONLY");
    }
    try (Connection c = DriverManager.getConnection(withParams("limit_length=1000")); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO " + t + " VALUES ('" + "x".repeat(900) + "')");
      SQLException big = assertThrows(SQLException.class,
          () -> s.executeUpdate("INSERT INTO " + t + " VALUES ('" + "x".repeat(1001) + "')"));
      assertEquals(18, big.getErrorCode(), "SQLITE_TOOBIG: " + big.getMessage());
    }
    Properties props = new Properties();
    props.setProperty("limit_column", "10");
    try (Connection c = DriverManager.getConnection(url(), props); Statement s = c.createStatement()) {
      assertEquals(10, s.executeQuery("SELECT 1, 2, 3, 4, 5, 6, 7, 8, 9, 10").getMetaData().getColumnCount());
      assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11"),
          "more columns than limit_column");
    }
    try (Connection c = DriverManager.getConnection(withParams("limit_length=x"))) {
      throw new AssertionError("a bad limit connects");
    } catch (SQLException e) {
      assertEquals("08001", e.getSQLState());
    }
    try (Connection ro = DriverManager.getConnection(withParams("open_mode=65")); Statement s = ro.createStatement()) {
      assertTrue(ro.isReadOnly(), "READONLY");
      assertEquals("25006", assertThrows(SQLException.class, () -> s.execute("INSERT INTO " + t + " VALUES ('x')"))
          .getSQLState());
    }
    try (Connection rw = DriverManager.getConnection(withParams("open_mode=2")); Statement s = rw.createStatement()) {
      assertEquals(1, s.executeUpdate("INSERT INTO " + t + " VALUES ('y')"), "READWRITE opens an existing file");
    }
    String file = url().substring("jdbc:libsql:file:".length());
    Path missing = Path.of(file).resolveSibling("missing-" + t + ".db");
    for (String mode : new String[] {"2", "1", "65"}) {
      SQLException e = assertThrows(SQLException.class,
          () -> DriverManager.getConnection("jdbc:libsql:file:" + missing + "?open_mode=" + mode), mode);
      assertEquals("08001", e.getSQLState(), e.getMessage());
      assertFalse(Files.exists(missing), "without CREATE nothing is created (open_mode=" + mode + ")");
      // sqlite-jdbc fails the same way
      assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:sqlite:" + missing + "?open_mode=" + mode));
    }
    try (Connection c = DriverManager.getConnection("jdbc:libsql:file:" + missing + "?open_mode=6")) {
      assertTrue(Files.exists(missing), "READWRITE | CREATE creates the file");
    }
    for (String bad : new String[] {"0", "3", "128", "x", "1048576"}) {
      SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(withParams("open_mode=" + bad)));
      assertEquals("08001", e.getSQLState());
      assertTrue(e.getMessage().contains("open_mode"), e.getMessage());
    }
  }

  @Test
  void transactionModeChoosesTheBegin() throws Exception {
    String t = table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (v TEXT)");
    }
    assertEquals("08001", assertThrows(SQLException.class,
        () -> DriverManager.getConnection(withParams("transaction_mode=LAZY"))).getSQLState());
    String wal = local() ? "journal_mode=WAL&" : "";
    // DEFERRED (the default): the transaction reads first, another connection commits a write, and
    // the transaction cannot then write on its old snapshot (SQLITE_BUSY_SNAPSHOT)
    try (Connection a = DriverManager.getConnection(withParams(wal + "transaction_mode=deferred"));
        Connection b = DriverManager.getConnection(url());
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      a.setAutoCommit(false);
      assertEquals(0, count(sa, t));
      sb.executeUpdate("INSERT INTO " + t + " VALUES ('b')");
      SQLException busy = assertThrows(SQLException.class, () -> sa.executeUpdate("INSERT INTO " + t + " VALUES ('a')"));
      assertEquals(5, busy.getErrorCode(), busy.getMessage());
      a.rollback();
    }
    // IMMEDIATE: the first statement's BEGIN takes the write lock, so the other connection's write
    // waits for the commit and the transaction's own write succeeds
    for (String mode : new String[] {"IMMEDIATE", "exclusive"}) {
      try (Connection a = DriverManager.getConnection(withParams(wal + "transaction_mode=" + mode));
          Connection b = DriverManager.getConnection(url());
          Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
        a.setAutoCommit(false);
        long before = count(sa, t);
        java.util.concurrent.CompletableFuture<Integer> other = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return sb.executeUpdate("INSERT INTO " + t + " VALUES ('b-" + mode + "')");
          } catch (SQLException e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        });
        assertThrows(java.util.concurrent.TimeoutException.class, () -> other.get(300, TimeUnit.MILLISECONDS),
            "the other connection's write waits for this transaction");
        assertEquals(1, sa.executeUpdate("INSERT INTO " + t + " VALUES ('a-" + mode + "')"), mode);
        a.commit();
        assertEquals(1, other.get(60, TimeUnit.SECONDS));
        try (ResultSet rs = sa.executeQuery("SELECT v FROM " + t + " WHERE rowid > (SELECT max(rowid) - 2 FROM " + t
            + ") ORDER BY rowid")) {
          assertTrue(rs.next());
          assertEquals("a-" + mode, rs.getString(1), "the transaction wrote first");
          assertTrue(rs.next());
          assertEquals("b-" + mode, rs.getString(1));
        }
        assertEquals(before + 2, count(sa, t));
        a.commit();
      }
    }
  }

  private static long count(Statement s, String table) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }
}
