package io.libsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URLs, properties, registration and the DataSource. */
class DriverTest {
  @TempDir
  Path dir;

  @Test
  void registeredThroughServiceLoader() {
    boolean found = ServiceLoader.load(Driver.class).stream().anyMatch(p -> p.type() == LibsqlDriver.class);
    assertTrue(found, "META-INF/services/java.sql.Driver must list LibsqlDriver");
  }

  @Test
  void acceptsOnlyLibsqlUrls() throws SQLException {
    LibsqlDriver d = new LibsqlDriver();
    assertTrue(d.acceptsURL("jdbc:libsql:file:x.db"));
    assertTrue(d.acceptsURL("jdbc:libsql:ws://127.0.0.1:8080"));
    assertFalse(d.acceptsURL("jdbc:sqlite:x.db"));
    assertFalse(d.acceptsURL(null));
    assertNull(d.connect("jdbc:postgresql://x/y", new Properties()), "other drivers' URLs give null");
    assertFalse(d.jdbcCompliant());
    assertInstanceOf(LibsqlDriver.class, DriverManager.getDriver("jdbc:libsql:file:x.db"));
  }

  @Test
  void propertyInfoComesFromTheEnumAndHidesSecrets() throws SQLException {
    Properties p = new Properties();
    p.setProperty("authToken", "secret-token");
    DriverPropertyInfo[] info = new LibsqlDriver().getPropertyInfo("jdbc:libsql:ws://h:1?requestTimeout=7", p);
    assertEquals(LibsqlProperty.values().length + SqliteJdbcProperties.names().size(), info.length);
    String names = Arrays.stream(info).map(i -> i.name).collect(Collectors.joining(","));
    assertTrue(names.startsWith("authToken,password,user,tls,connectTimeout,requestTimeout,encoding,hranaVersion,date_class,"
        + "date_precision,date_string_format,"), names);
    for (String sqliteJdbc : new String[] {"foreign_keys", "journal_mode", "limit_length", "limit_variable_number",
        "open_mode", "transaction_mode", "mode", "cache", "jdbc.get_generated_keys"}) {
      DriverPropertyInfo i = Arrays.stream(info).filter(x -> x.name.equals(sqliteJdbc)).findFirst().orElseThrow();
      assertTrue(i.description != null && !i.description.isEmpty(), sqliteJdbc);
    }
    for (DriverPropertyInfo i : info) {
      assertTrue(SqliteJdbcProperties.acceptedNames().contains(i.name), "every listed name is accepted: " + i.name);
    }
    assertNull(info[0].value, "the token is never shown");
    assertEquals("7", info[5].value, "URL parameters are read");
    assertEquals("10", info[4].value, "defaults are shown");
    assertEquals(2, info[6].choices.length);
  }

  @Test
  void urlParametersMoveToProperties() throws SQLException {
    Properties given = new Properties();
    given.setProperty("requestTimeout", "1");
    given.setProperty("AUTHTOKEN", "from-props");
    JdbcUrl u = JdbcUrl.parse("jdbc:libsql:libsql://db.example.com?requestTimeout=9&tls=0&syncInterval=5&Foreign_Keys=on",
        given);
    assertEquals("libsql://db.example.com?syncInterval=5", u.clientUrl(), "the client's own parameters stay in its URL");
    assertEquals("on", u.properties().getProperty("foreign_keys"), "sqlite-jdbc's pragmas are properties");
    SQLException unknown = assertThrows(SQLException.class, () -> JdbcUrl.parse("jdbc:libsql:file:a.db?foo=bar", null));
    assertEquals("08001", unknown.getSQLState());
    assertTrue(unknown.getMessage().startsWith("[URL_PARAM_NOT_SUPPORTED] unsupported URL parameter 'foo'"), unknown.getMessage());
    for (String name : new String[] {"limit_length", "limit_worker_threads", "open_mode", "transaction_mode", "journal_mode"}) {
      assertTrue(unknown.getMessage().contains(name), "the error lists every accepted name: " + unknown.getMessage());
      assertEquals("1", JdbcUrl.parse("jdbc:libsql:file:a.db?" + name.toUpperCase(java.util.Locale.ROOT) + "=1", null)
          .properties().getProperty(name), "sqlite-jdbc's names are taken, case-insensitively");
    }
    assertEquals("9", u.properties().getProperty("requestTimeout"), "the URL wins");
    assertEquals("0", u.properties().getProperty("tls"));
    assertEquals("from-props", u.properties().getProperty("authToken"), "property names are case-insensitive");
    assertEquals("file:a.db", JdbcUrl.parse("jdbc:libsql:file:a.db", null).clientUrl());
  }

  @Test
  void badUrlsAndPropertiesFailWith08001() {
    SQLException empty = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:libsql:"));
    assertEquals("08001", empty.getSQLState());
    SQLException scheme = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:libsql:ftp://x"));
    assertEquals("08001", scheme.getSQLState());
    assertTrue(scheme.getMessage().contains("URL_"), scheme.getMessage());
    SQLException param = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:libsql:file:" + dir.resolve("a.db") + "?nope=1"));
    assertEquals("08001", param.getSQLState());
    SQLException timeout = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:libsql:file:" + dir.resolve("a.db") + "?requestTimeout=soon"));
    assertEquals("08001", timeout.getSQLState());
    SQLException encoding = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:libsql:file:" + dir.resolve("a.db") + "?encoding=xml"));
    assertEquals("08001", encoding.getSQLState());
  }

  @Test
  void unreachableServerFailsWith08001() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:libsql:http://127.0.0.1:1?connectTimeout=2&requestTimeout=5"));
    assertTrue(e.getSQLState().startsWith("08"), e.getSQLState() + " " + e.getMessage());
  }

  @Test
  void dataSourceWithOrWithoutPrefix() throws SQLException {
    LibsqlDataSource ds = new LibsqlDataSource();
    ds.setUrl("file:" + dir.resolve("ds.db"));
    assertTrue(ds.getUrl().startsWith("jdbc:libsql:file:"));
    ds.setAuthToken("ignored-locally");
    ds.setRequestTimeout(30);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (v)");
      s.execute("INSERT INTO t VALUES (1)");
    }
    ds.setUrl("jdbc:libsql:file:" + dir.resolve("ds.db"));
    try (Connection c = ds.getConnection("user", "pw"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM t")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
    }
    assertFalse(ds.toString().contains("ignored-locally"));
    assertThrows(IllegalArgumentException.class, () -> ds.setProperty("nope", "1"));
    LibsqlDataSource none = new LibsqlDataSource();
    assertEquals("08001", assertThrows(SQLException.class, none::getConnection).getSQLState());
  }

  @Test
  void memoryDatabasesArePrivateToTheirConnection() throws SQLException {
    try (Connection a = DriverManager.getConnection("jdbc:libsql::memory:");
        Connection b = DriverManager.getConnection("jdbc:libsql::memory:");
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      sa.execute("CREATE TABLE only_in_a (v)");
      sa.execute("INSERT INTO only_in_a VALUES (1)");
      try (ResultSet rs = sa.executeQuery("SELECT count(*) FROM only_in_a")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
      assertThrows(SQLException.class, () -> sb.executeQuery("SELECT * FROM only_in_a"));
    }
  }

  @Test
  void metaDataUrlHidesTheToken() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:libsql:file:" + dir.resolve("t.db") + "?authToken=abc123")) {
      assertFalse(c.getMetaData().getURL().contains("abc123"), c.getMetaData().getURL());
    }
  }
}
