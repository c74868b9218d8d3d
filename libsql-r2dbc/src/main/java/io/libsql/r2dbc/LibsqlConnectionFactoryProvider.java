package io.libsql.r2dbc;

import static io.r2dbc.spi.ConnectionFactoryOptions.CONNECT_TIMEOUT;
import static io.r2dbc.spi.ConnectionFactoryOptions.DATABASE;
import static io.r2dbc.spi.ConnectionFactoryOptions.DRIVER;
import static io.r2dbc.spi.ConnectionFactoryOptions.HOST;
import static io.r2dbc.spi.ConnectionFactoryOptions.PASSWORD;
import static io.r2dbc.spi.ConnectionFactoryOptions.PORT;
import static io.r2dbc.spi.ConnectionFactoryOptions.PROTOCOL;
import static io.r2dbc.spi.ConnectionFactoryOptions.SSL;
import static io.r2dbc.spi.ConnectionFactoryOptions.STATEMENT_TIMEOUT;

import io.libsql.client.ClientListener;
import io.libsql.client.Config;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ConnectionFactoryProvider;
import io.r2dbc.spi.Option;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Finds the libSQL driver for {@code r2dbc:libsql:} URLs (registered as a
 * {@link ConnectionFactoryProvider} service).
 *
 * <table>
 *   <caption>URLs</caption>
 *   <tr><td>{@code r2dbc:libsql:file:///var/data/app.db}</td><td>the file {@code /var/data/app.db}</td></tr>
 *   <tr><td>{@code r2dbc:libsql:file:///./app.db}</td><td>{@code app.db} in the working directory</td></tr>
 *   <tr><td>{@code r2dbc:libsql:file:///:memory:}</td><td>an in-memory database</td></tr>
 *   <tr><td>{@code r2dbc:libsql:ws://127.0.0.1:8080}, {@code wss://}</td><td>sqld over WebSocket</td></tr>
 *   <tr><td>{@code r2dbc:libsql:http://127.0.0.1:8080}, {@code https://}</td><td>sqld over HTTP</td></tr>
 *   <tr><td>{@code r2dbc:libsql://db-org.turso.io}, {@code r2dbc:libsql:libsql://...}</td><td>TLS
 *       (WebSocket), as {@code libsql://} URLs of the client</td></tr>
 * </table>
 *
 * <p>Options: {@code authToken} (or the standard {@code password}, so that
 * {@code spring.r2dbc.password} works) for the token; {@code connectTimeout}; {@code requestTimeout}
 * (the client's timeout per call); {@code statementTimeout} (per statement); {@code ssl=false} with
 * {@code libsql:} for plain {@code ws}; {@link #LISTENER} (an object) for the client's listener.
 * Durations are ISO-8601 ({@code PT10S}) or a number with
 * {@code ms}, {@code s} or {@code m}. A bad option fails with a {@link LibsqlException}
 * ({@code CONFIG_INVALID}).
 */
public final class LibsqlConnectionFactoryProvider implements ConnectionFactoryProvider {
  /** The driver name in URLs: {@code r2dbc:libsql:...}. */
  public static final String DRIVER_NAME = "libsql";

  /** The auth token (a JWT); never logged. */
  public static final Option<CharSequence> AUTH_TOKEN = Option.sensitiveValueOf("authToken");

  /** The client's timeout for each call ({@link Config.Builder#requestTimeout}). */
  public static final Option<Duration> REQUEST_TIMEOUT = Option.valueOf("requestTimeout");

  /**
   * The client's {@link ClientListener} (an object: set it with
   * {@code ConnectionFactoryOptions.builder().option(LISTENER, listener)}, not in a URL), e.g.
   * libsql-micrometer's; the Spring Boot starter sets it from the application's listener bean.
   */
  public static final Option<ClientListener> LISTENER = Option.valueOf("listener");

  @Override
  public LibsqlConnectionFactory create(ConnectionFactoryOptions options) {
    Config.Builder config = Config.builder(clientUrl(options));
    Object token = options.getValue(AUTH_TOKEN);
    if (token == null) {
      token = options.getValue(PASSWORD);
    }
    if (token != null && !token.toString().isEmpty()) {
      config.authToken(token.toString());
    }
    Duration connect = duration(options, CONNECT_TIMEOUT);
    if (connect != null) {
      config.connectTimeout(connect);
    }
    Duration request = duration(options, REQUEST_TIMEOUT);
    if (request != null) {
      config.requestTimeout(request);
    }
    Object listener = options.getValue(LISTENER);
    if (listener instanceof ClientListener) {
      config.listener((ClientListener) listener);
    } else if (listener != null) {
      throw invalid("option listener takes a ClientListener object, set with ConnectionFactoryOptions.builder()"
          + ".option(LibsqlConnectionFactoryProvider.LISTENER, listener); it cannot be written in a URL");
    }
    Object ssl = options.getValue(SSL);
    String protocol = protocol(options);
    if (ssl != null && protocol.equals("libsql")) {
      config.tls(Boolean.parseBoolean(ssl.toString()));
    }
    return LibsqlConnectionFactory.create(config.build(), duration(options, STATEMENT_TIMEOUT));
  }

  @Override
  public boolean supports(ConnectionFactoryOptions options) {
    Object driver = options.getValue(DRIVER);
    return driver != null && DRIVER_NAME.equals(driver.toString());
  }

  @Override
  public String getDriver() {
    return DRIVER_NAME;
  }

  private static String protocol(ConnectionFactoryOptions options) {
    Object p = options.getValue(PROTOCOL);
    return p == null || p.toString().isEmpty() ? "libsql" : p.toString().toLowerCase(Locale.ROOT);
  }

  /** The client URL the options describe. */
  static String clientUrl(ConnectionFactoryOptions options) {
    String protocol = protocol(options);
    Object database = options.getValue(DATABASE);
    Object ssl = options.getValue(SSL);
    boolean tls = ssl != null && Boolean.parseBoolean(ssl.toString());
    switch (protocol) {
      case "file":
        if (options.getValue(HOST) != null) {
          throw invalid("a file: URL takes a path after three slashes: r2dbc:libsql:file:///path/to/app.db"
              + " (or file:///./relative.db)");
        }
        if (database == null || database.toString().isEmpty()) {
          throw invalid("the file: URL has no path: write r2dbc:libsql:file:///path/to/app.db");
        }
        return "file:" + filePath(database.toString());
      case "ws":
      case "wss":
      case "http":
      case "https":
      case "libsql":
        Object host = options.getValue(HOST);
        if (host == null || host.toString().isEmpty()) {
          throw invalid("the " + protocol + ": URL has no host: write e.g. r2dbc:libsql:" + protocol + "://127.0.0.1:8080");
        }
        if (database != null && !database.toString().isEmpty()) {
          throw invalid("a remote URL has no database path: the host names the database");
        }
        String scheme = tls && protocol.equals("ws") ? "wss" : tls && protocol.equals("http") ? "https" : protocol;
        Object port = options.getValue(PORT);
        return scheme + "://" + host + (port == null ? "" : ":" + port);
      default:
        throw new LibsqlException(ErrorCode.URL_SCHEME_NOT_SUPPORTED, "r2dbc:libsql: takes file:, ws:, wss:, http:,"
            + " https: or libsql: after the driver, not " + protocol + ":");
    }
  }

  /** {@code file:///tmp/x.db} parses to the database "tmp/x.db": put back the slash a file URL means. */
  private static String filePath(String database) {
    if (database.startsWith("/") || database.startsWith(".") || database.startsWith(":memory:")
        || database.matches("^[A-Za-z]:[/\\\\].*")) {
      return database;
    }
    return "/" + database;
  }

  private static Duration duration(ConnectionFactoryOptions options, Option<?> option) {
    Object v = options.getValue(option);
    if (v == null) {
      return null;
    }
    if (v instanceof Duration) {
      return (Duration) v;
    }
    if (v instanceof Number) {
      return Duration.ofMillis(((Number) v).longValue());
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    try {
      if (s.startsWith("pt") || s.startsWith("p")) {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      }
      if (s.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
      }
      if (s.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      }
      if (s.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1).trim()));
      }
      return Duration.ofMillis(Long.parseLong(s));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw invalid("option " + option.name() + " is not a duration: '" + v + "'; write PT10S, 10s or 10000ms");
    }
  }

  private static LibsqlException invalid(String message) {
    return new LibsqlException(ErrorCode.CONFIG_INVALID, message);
  }
}
