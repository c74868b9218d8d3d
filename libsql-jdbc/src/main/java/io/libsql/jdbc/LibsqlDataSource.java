package io.libsql.jdbc;

import io.libsql.client.ClientListener;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for one libSQL database: set the URL (with or without the
 * {@code jdbc:libsql:} prefix) and, for remote databases, the token.
 *
 * <pre>{@code
 * LibsqlDataSource ds = new LibsqlDataSource();
 * ds.setUrl("libsql://db.example.com");
 * ds.setAuthToken(System.getenv("LIBSQL_AUTH_TOKEN"));
 * HikariConfig config = new HikariConfig();
 * config.setDataSource(ds);
 * }</pre>
 *
 * <p>Each {@link #getConnection()} opens a new connection (one client, one server stream): wrap it
 * in a pool. The setters are not thread-safe; configure it before sharing it.
 */
public class LibsqlDataSource implements DataSource {
  private String url;
  private final Properties properties = new Properties();
  private int loginTimeout;
  private ClientListener listener;
  private PrintWriter logWriter;

  /**
   * The database URL: {@code jdbc:libsql:...} or a client URL such as {@code file:app.db}.
   *
   * @param url a {@code jdbc:libsql:} URL, or a client URL without the prefix
   */
  public void setUrl(String url) {
    this.url = url;
  }

  /**
   * The URL with the {@code jdbc:libsql:} prefix.
   *
   * @return the {@code jdbc:libsql:} URL
   */
  public String getUrl() {
    return jdbcUrl();
  }

  /**
   * The auth token for sqld or Turso (not shown by any getter or {@code toString}).
   *
   * @param authToken the token (a JWT) for sqld or Turso; never logged
   */
  public void setAuthToken(String authToken) {
    setProperty(LibsqlProperty.AUTH_TOKEN, authToken);
  }

  /**
   * Seconds to wait for a connection to a remote server.
   *
   * @param seconds seconds to connect to a server
   */
  public void setConnectTimeout(int seconds) {
    setProperty(LibsqlProperty.CONNECT_TIMEOUT, Integer.toString(seconds));
  }

  /**
   * Seconds one request may take; 0 for no limit.
   *
   * @param seconds seconds one request may take; 0 for no limit
   */
  public void setRequestTimeout(int seconds) {
    setProperty(LibsqlProperty.REQUEST_TIMEOUT, Integer.toString(seconds));
  }

  /**
   * {@code json} or {@code protobuf}; null for the fastest the server speaks.
   *
   * @param encoding {@code json} or {@code protobuf}
   */
  public void setEncoding(String encoding) {
    setProperty(LibsqlProperty.ENCODING, encoding);
  }

  /**
   * A listener for the calls of every connection this data source opens (for metrics or tracing,
   * e.g. libsql-micrometer's); null for none. It has no URL form, so it is set here.
   *
   * @param listener the listener, shared by the connections' clients; null for none
   */
  public void setClientListener(ClientListener listener) {
    this.listener = listener;
  }

  /**
   * The listener given to {@link #setClientListener}, or null.
   *
   * @return the listener, or null
   */
  public ClientListener getClientListener() {
    return listener;
  }

  /**
   * Sets a connection property by name: a {@link LibsqlProperty} or one of sqlite-jdbc's (its
   * pragmas, {@code limit_*}, {@code open_mode}, ...), exactly as a URL parameter would.
   *
   * @param name the property name, as in a URL
   * @param value its value, as in a URL; null removes it
   * @throws IllegalArgumentException if the driver takes no property of that name
   */
  public void setProperty(String name, String value) {
    LibsqlProperty p = LibsqlProperty.forName(name);
    if (p != null) {
      setProperty(p, value);
    } else if (SqliteJdbcProperties.accepts(name)) {
      if (value == null) {
        properties.remove(name);
      } else {
        properties.setProperty(name, value);
      }
    } else {
      throw new IllegalArgumentException("unknown libSQL connection property " + name + "; this driver accepts: "
          + SqliteJdbcProperties.acceptedNames());
    }
  }

  private void setProperty(LibsqlProperty p, String value) {
    if (value == null) {
      properties.remove(p.getName());
    } else {
      properties.setProperty(p.getName(), value);
    }
  }

  private String jdbcUrl() {
    if (url == null) {
      return null;
    }
    return JdbcUrl.accepts(url) ? url : JdbcUrl.PREFIX + url;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connect(properties);
  }

  /** {@code username} is ignored; {@code password} is used as the token when none is set. */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    Properties p = new Properties();
    p.putAll(properties);
    if (password != null) {
      p.setProperty(LibsqlProperty.PASSWORD.getName(), password);
    }
    return connect(p);
  }

  private Connection connect(Properties p) throws SQLException {
    String u = jdbcUrl();
    if (u == null) {
      throw new java.sql.SQLNonTransientConnectionException("the data source has no URL: call setUrl first",
          SqlState.CONNECTION_UNABLE_TO_CONNECT.state());
    }
    Properties copy = new Properties();
    copy.putAll(p);
    if (loginTimeout > 0 && !LibsqlProperty.CONNECT_TIMEOUT.isPresent(copy)) {
      copy.setProperty(LibsqlProperty.CONNECT_TIMEOUT.getName(), Integer.toString(loginTimeout));
    }
    return LibsqlConnection.open(JdbcUrl.parse(u, copy), listener);
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("the driver does not log through java.util.logging");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "LibsqlDataSource[" + (url == null ? "no url" : JdbcUrl.PREFIX + "...") + "]";
  }
}
