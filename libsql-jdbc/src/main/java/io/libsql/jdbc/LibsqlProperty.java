package io.libsql.jdbc;

import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Locale;
import java.util.Properties;

/**
 * The connection properties the driver understands: the one list behind URL parameters,
 * {@code Properties} passed to {@code DriverManager}, {@link LibsqlDataSource}'s setters and
 * {@link LibsqlDriver#getPropertyInfo}.
 *
 * <p>A property can be given as a URL query parameter
 * ({@code jdbc:libsql:ws://127.0.0.1:8080?authToken=...&requestTimeout=30}) or in the
 * {@code Properties}; the URL wins when both are given.
 */
public enum LibsqlProperty {
  /** The token sent to sqld or Turso; never logged. */
  AUTH_TOKEN("authToken", null, false, "Auth token (JWT) for sqld or Turso; also accepted as the URL parameter authToken"),
  /** Used as the auth token when {@link #AUTH_TOKEN} is not set (for tools that offer only user/password). */
  PASSWORD("password", null, false, "Used as the auth token when authToken is not set"),
  /** Ignored: libSQL authenticates with a token only. */
  USER("user", null, false, "Ignored: libSQL authenticates with a token"),
  /** For {@code libsql:} URLs: false connects over plain {@code ws://} (the URL then needs a port). */
  TLS("tls", null, false, "For libsql: URLs, false connects without TLS (ws://); the URL then needs a port",
      "true", "false"),
  /** Seconds to wait for a connection to a remote server. */
  CONNECT_TIMEOUT("connectTimeout", "10", false, "Seconds to wait for a connection to a remote server"),
  /** Seconds one request may take before it fails; 0 for no limit. */
  REQUEST_TIMEOUT("requestTimeout", "0", false,
      "Seconds one request may take before it fails with a timeout (SQLState HYT00); 0 for no limit"),
  /** The wire encoding for remote URLs. */
  ENCODING("encoding", null, false, "Wire encoding for remote URLs; by default the fastest the server speaks",
      "json", "protobuf"),
  /** Forces the Hrana protocol version; 0 negotiates the newest. */
  HRANA_VERSION("hranaVersion", "0", false, "Force the Hrana protocol version (1, 2 or 3); 0 negotiates the newest",
      "0", "1", "2", "3"),
  /** How java.sql dates and times are stored (sqlite-jdbc's property). */
  DATE_CLASS("date_class", "INTEGER", false,
      "How setDate/setTime/setTimestamp store values: INTEGER (epoch time), TEXT (date_string_format), REAL (Julian day)",
      "INTEGER", "TEXT", "REAL"),
  /** The unit of INTEGER dates (sqlite-jdbc's property). */
  DATE_PRECISION("date_precision", "MILLISECONDS", false, "The unit of INTEGER dates, written and read",
      "MILLISECONDS", "SECONDS"),
  /** The pattern of TEXT dates (sqlite-jdbc's property). */
  DATE_STRING_FORMAT("date_string_format", DateStyle.DEFAULT_FORMAT, false,
      "The pattern of TEXT dates, written and read (ISO-8601 text is read too)");

  private final String name;
  private final String defaultValue;
  private final boolean required;
  private final String description;
  private final String[] choices;

  LibsqlProperty(String name, String defaultValue, boolean required, String description, String... choices) {
    this.name = name;
    this.defaultValue = defaultValue;
    this.required = required;
    this.description = description;
    this.choices = choices;
  }

  /**
   * The property's name, as used in URLs and {@code Properties}.
   *
   * @return the name
   */
  public String getName() {
    return name;
  }

  /**
   * The default value, or null when there is none.
   *
   * @return the default, or null
   */
  public String getDefaultValue() {
    return defaultValue;
  }

  /**
   * What the property does, as {@code Driver.getPropertyInfo} shows it.
   *
   * @return the description
   */
  public String getDescription() {
    return description;
  }

  /**
   * The property named {@code name} (case-insensitive), or null.
   *
   * @param name the property name, as in a URL
   * @return the property, or null if there is none of that name
   */
  public static LibsqlProperty forName(String name) {
    for (LibsqlProperty p : values()) {
      if (p.name.equalsIgnoreCase(name)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The value in {@code props} (by this property's name), or the default.
   *
   * @param props the connection properties (URL parameters merged in)
   * @return the value, or the default (null when there is none)
   */
  public String get(Properties props) {
    String v = props == null ? null : props.getProperty(name);
    return v == null ? defaultValue : v;
  }

  /**
   * True when {@code props} holds a value for this property.
   *
   * @param props the connection properties (URL parameters merged in)
   * @return whether a value is given
   */
  public boolean isPresent(Properties props) {
    return props != null && props.getProperty(name) != null;
  }

  /**
   * The value as an int; a malformed value is an {@link SQLException} (SQLState 08001).
   *
   * @param props the connection properties (URL parameters merged in)
   * @return the value as an int
   * @throws SQLException with SQLState 08001 when the value is not valid
   */
  public int getInt(Properties props) throws SQLException {
    String v = get(props);
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw new SQLNonTransientConnectionException(
          "connection property " + name + " must be an integer, not '" + v + "'", "08001", e);
    }
  }

  /**
   * The value as a boolean ({@code true}/{@code false}/{@code 1}/{@code 0}), or null when absent.
   *
   * @param props the connection properties (URL parameters merged in)
   * @return the value, or null when absent
   * @throws SQLException with SQLState 08001 when the value is not valid
   */
  public Boolean getBoolean(Properties props) throws SQLException {
    String v = get(props);
    if (v == null) {
      return null;
    }
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true":
      case "1":
      case "yes":
        return Boolean.TRUE;
      case "false":
      case "0":
      case "no":
        return Boolean.FALSE;
      default:
        throw new SQLNonTransientConnectionException(
            "connection property " + name + " must be true or false, not '" + v + "'", "08001");
    }
  }

  /**
   * This property as {@link java.sql.Driver#getPropertyInfo} reports it (never showing a secret).
   *
   * @param props the connection properties (URL parameters merged in)
   * @return the property's description with its value in {@code props}
   */
  public DriverPropertyInfo toDriverPropertyInfo(Properties props) {
    boolean secret = this == AUTH_TOKEN || this == PASSWORD;
    DriverPropertyInfo info = new DriverPropertyInfo(name, secret ? null : get(props));
    info.required = required;
    info.description = description;
    info.choices = choices.length == 0 ? null : choices.clone();
    return info;
  }
}
