package io.libsql.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver for {@code jdbc:libsql:} URLs: {@code jdbc:libsql:} followed by any URL the
 * libSQL client accepts.
 *
 * <pre>{@code
 * Connection local = DriverManager.getConnection("jdbc:libsql:file:app.db");
 * Connection remote = DriverManager.getConnection("jdbc:libsql:libsql://db.example.com?authToken=" + token);
 * }</pre>
 *
 * <p>Registered with {@link DriverManager} through {@code META-INF/services/java.sql.Driver} and
 * when this class loads. Connection properties are listed in {@link LibsqlProperty}. Each
 * {@link Connection} owns one client and one server stream (or local SQLite connection); pool them
 * (HikariCP) rather than opening one per request. Thread-safe.
 */
public final class LibsqlDriver implements Driver {
  static final String VERSION = loadVersion();
  static final int MAJOR_VERSION = versionPart(0);
  static final int MINOR_VERSION = versionPart(1);

  static {
    try {
      DriverManager.registerDriver(new LibsqlDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static String loadVersion() {
    try (InputStream in = LibsqlDriver.class.getResourceAsStream("driver.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      String v = p.getProperty("version");
      return v == null || v.startsWith("$") ? "0.0.0" : v;
    } catch (IOException e) {
      return "0.0.0";
    }
  }

  private static int versionPart(int index) {
    String[] parts = VERSION.split("[.-]");
    try {
      return index < parts.length ? Integer.parseInt(parts[index]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Connects to {@code url}; returns null when the URL is not a {@code jdbc:libsql:} URL (as
   * {@link DriverManager} expects).
   *
   * @throws SQLException with SQLState 08001 when the URL or a property is invalid or the server
   *     cannot be reached, 28000 when the token is refused
   */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    return LibsqlConnection.open(JdbcUrl.parse(url, info));
  }

  @Override
  public boolean acceptsURL(String url) {
    return JdbcUrl.accepts(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    Properties props = acceptsURL(url) ? JdbcUrl.parse(url, info).properties() : (info == null ? new Properties() : info);
    java.util.List<DriverPropertyInfo> out = new java.util.ArrayList<>();
    for (LibsqlProperty p : LibsqlProperty.values()) {
      out.add(p.toDriverPropertyInfo(props));
    }
    for (String name : SqliteJdbcProperties.names()) {
      out.add(SqliteJdbcProperties.propertyInfo(name, props));
    }
    return out.toArray(new DriverPropertyInfo[0]);
  }

  @Override
  public int getMajorVersion() {
    return MAJOR_VERSION;
  }

  @Override
  public int getMinorVersion() {
    return MINOR_VERSION;
  }

  /** False: SQLite does not pass the JDBC compliance tests' SQL-92 entry level requirements. */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("the driver does not log through java.util.logging");
  }
}
