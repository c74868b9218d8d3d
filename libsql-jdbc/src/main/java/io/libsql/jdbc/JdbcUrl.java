package io.libsql.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Properties;

/**
 * A {@code jdbc:libsql:} URL split into the client URL and the driver's properties: every query
 * parameter that names a {@link LibsqlProperty} moves into the properties (overriding the ones
 * given), and the rest stays in the client URL, where the client rejects what it does not know.
 */
final class JdbcUrl {
  static final String PREFIX = "jdbc:libsql:";
  /** URL parameters the client reads itself (embedded replicas). */
  private static final java.util.Set<String> CLIENT_PARAMETERS = java.util.Set.of("syncUrl", "syncInterval", "readYourWrites");

  private final String clientUrl;
  private final Properties properties;

  private JdbcUrl(String clientUrl, Properties properties) {
    this.clientUrl = clientUrl;
    this.properties = properties;
  }

  static boolean accepts(String url) {
    return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  /** Parses {@code url}; {@code info} is copied, never modified. */
  static JdbcUrl parse(String url, Properties info) throws SQLException {
    if (!accepts(url)) {
      throw new SQLNonTransientConnectionException("not a libSQL JDBC URL (it must start with " + PREFIX + ")", "08001");
    }
    String rest = url.substring(PREFIX.length());
    if (rest.isEmpty()) {
      throw new SQLNonTransientConnectionException(
          "the URL names no database: use jdbc:libsql:file:app.db, jdbc:libsql:ws://host:port or jdbc:libsql:libsql://host",
          "08001");
    }
    Properties props = new Properties();
    if (info != null) {
      for (String key : info.stringPropertyNames()) {
        LibsqlProperty p = LibsqlProperty.forName(key);
        String name = p != null ? p.getName() : SqliteJdbcProperties.accepts(key) ? key.toLowerCase(java.util.Locale.ROOT) : key;
        props.setProperty(name, info.getProperty(key));
      }
    }
    int q = rest.indexOf('?');
    if (q < 0) {
      return new JdbcUrl(rest, props);
    }
    StringBuilder kept = new StringBuilder();
    for (String pair : rest.substring(q + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      LibsqlProperty p = LibsqlProperty.forName(key);
      if (p != null) {
        props.setProperty(p.getName(), value);
      } else if (SqliteJdbcProperties.accepts(key)) {
        props.setProperty(key.toLowerCase(java.util.Locale.ROOT), value);
      } else if (CLIENT_PARAMETERS.contains(key)) {
        kept.append(kept.length() == 0 ? '?' : '&').append(pair);
      } else {
        throw new SQLNonTransientConnectionException("[" + io.libsql.client.ErrorCode.URL_PARAM_NOT_SUPPORTED
            + "] unsupported URL parameter '" + key + "'; this driver accepts: " + SqliteJdbcProperties.acceptedNames(),
            SqlState.CONNECTION_UNABLE_TO_CONNECT.state());
      }
    }
    return new JdbcUrl(rest.substring(0, q) + kept, props);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The URL for the client, without the driver's parameters (it may still hold unknown ones). */
  String clientUrl() {
    return clientUrl;
  }

  Properties properties() {
    return properties;
  }
}
