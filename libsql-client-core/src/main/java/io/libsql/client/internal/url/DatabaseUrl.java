package io.libsql.client.internal.url;

import io.libsql.client.Config;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;

/**
 * A parsed database URL. Not API.
 *
 * @param scheme the transport scheme after resolving {@code libsql:}: file, ws, wss, http or https
 * @param host the host, or null for files ({@code [::1]} keeps its brackets)
 * @param port the port, or -1 for the scheme's default
 * @param path the file path for {@code file:}, else the URL path ("" when absent)
 * @param memory true for an in-memory database
 * @param authToken the {@code authToken} query parameter, or null
 * @param tlsOverride the {@code tls} setting given by the URL or builder, or null
 * @param replica the embedded-replica query parameters of a {@code file:} URL ({@link Replica#NONE} if none)
 */
public record DatabaseUrl(
    String scheme, String host, int port, String path, boolean memory, String authToken, Boolean tlsOverride,
    Replica replica) {

  /**
   * The embedded-replica settings a {@code file:} URL may carry as query parameters, for callers
   * that can only pass a URL (the JDBC driver, the shell):
   * {@code file:replica.db?syncUrl=http%3A%2F%2Fhost%3A8080&authToken=...&syncInterval=60&readYourWrites=false}.
   * <ul>
   *   <li>{@code syncUrl}: the primary ({@code libsql:}, {@code https:}, {@code http:}, {@code wss:},
   *       {@code ws:}); percent-encode it if it has a query of its own.</li>
   *   <li>{@code syncInterval}: seconds between background syncs (a decimal number, or an ISO-8601
   *       duration such as {@code PT30S}); absent or 0 means no background sync.</li>
   *   <li>{@code readYourWrites}: {@code true}/{@code 1} (the default) or {@code false}/{@code 0}.</li>
   * </ul>
   * {@code authToken} then authenticates against the primary. Each field is null when absent.
   */
  public record Replica(String syncUrl, java.time.Duration syncInterval, Boolean readYourWrites) {
    public static final Replica NONE = new Replica(null, null, null);

    public boolean isEmpty() {
      return syncUrl == null && syncInterval == null && readYourWrites == null;
    }

    @Override
    public String toString() {
      return "Replica[syncUrl=" + (syncUrl == null ? "none" : "***") + ", syncInterval=" + syncInterval
          + ", readYourWrites=" + readYourWrites + "]";
    }
  }

  /** Set once by {@link Config}'s initializer: its parsed URL, which is not part of its API. */
  private static Function<Config, DatabaseUrl> ofConfig;

  /**
   * For {@link Config} only: registers how {@link #of} reads a config's parsed URL (the JDK's
   * "shared secrets" pattern; a Config exists only after its class has registered).
   */
  public static synchronized void registerConfigAccess(Function<Config, DatabaseUrl> access) {
    if (ofConfig != null) {
      throw new IllegalStateException("already registered");
    }
    ofConfig = access;
  }

  /** The parsed URL of a configuration. */
  public static DatabaseUrl of(Config config) {
    Function<Config, DatabaseUrl> access;
    synchronized (DatabaseUrl.class) {
      access = ofConfig;
    }
    return access.apply(config);
  }

  /** Parses {@code url}; {@code tls} is the builder's setting or null. */
  public static DatabaseUrl parse(String url, Boolean tls) {
    if (url == null || url.isBlank()) {
      throw new LibsqlException(ErrorCode.URL_UNDEFINED, "no database URL given; use file:path, ws://host, http://host or libsql://host");
    }
    String rest = url.trim();
    if (rest.equals(":memory:")) {
      return new DatabaseUrl("file", null, -1, ":memory:", true, null, tls, Replica.NONE);
    }
    int colon = rest.indexOf(':');
    if (colon <= 0 || !validScheme(rest.substring(0, colon))) {
      throw new LibsqlException(ErrorCode.URL_INVALID, "the URL has no scheme; expected for example file:app.db or libsql://host");
    }
    String scheme = rest.substring(0, colon).toLowerCase(Locale.ROOT);
    rest = rest.substring(colon + 1);
    if (rest.indexOf('#') >= 0) {
      throw new LibsqlException(ErrorCode.URL_INVALID, "URL fragments ('#...') are not supported");
    }
    String authToken = null;
    Boolean urlTls = null;
    String syncUrl = null;
    java.time.Duration syncInterval = null;
    Boolean readYourWrites = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      String query = rest.substring(q + 1);
      rest = rest.substring(0, q);
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (!seen.add(key)) {
          // Which one would win is a guess, and a URL built by appending must not override a token.
          throw new LibsqlException(ErrorCode.URL_INVALID, "the URL gives the query parameter '" + key + "' more than once;"
              + " give it once");
        }
        switch (key) {
          case "authToken":
            authToken = value.isEmpty() ? null : value;
            break;
          case "tls":
            if (value.equals("0")) {
              urlTls = false;
            } else if (value.equals("1")) {
              urlTls = true;
            } else {
              throw new LibsqlException(ErrorCode.URL_INVALID, "unknown value for the 'tls' query parameter: use tls=0 or tls=1");
            }
            break;
          case "syncUrl":
            syncUrl = value.isEmpty() ? null : value;
            break;
          case "syncInterval":
            syncInterval = parseSyncInterval(value);
            break;
          case "readYourWrites":
            readYourWrites = parseBoolean(key, value);
            break;
          default:
            throw new LibsqlException(ErrorCode.URL_PARAM_NOT_SUPPORTED,
                "unsupported URL query parameter '" + key + "'; supported: authToken, tls"
                    + " (and for file: URLs syncUrl, syncInterval, readYourWrites)");
        }
      }
    }
    if (tls != null && urlTls != null && !tls.equals(urlTls)) {
      throw new LibsqlException(ErrorCode.CONFIG_INVALID, "the URL says tls=" + (urlTls ? 1 : 0) + " but the config says tls(" + tls + ")");
    }
    Boolean tlsSetting = tls != null ? tls : urlTls;
    Replica replica = new Replica(syncUrl, syncInterval, readYourWrites);
    if (!scheme.equals("file") && !replica.isEmpty()) {
      throw new LibsqlException(ErrorCode.URL_PARAM_NOT_SUPPORTED,
          "syncUrl, syncInterval and readYourWrites are only for embedded replicas (file: URLs)");
    }
    switch (scheme) {
      case "file":
        return parseFile(rest, authToken, tlsSetting, replica);
      case "libsql":
      case "ws":
      case "wss":
      case "http":
      case "https":
        return parseRemote(scheme, rest, authToken, tlsSetting);
      default:
        throw new LibsqlException(ErrorCode.URL_SCHEME_NOT_SUPPORTED,
            "unsupported URL scheme '" + scheme + ":'; supported: file, ws, wss, http, https, libsql");
    }
  }

  private static boolean validScheme(String s) {
    if (!Character.isLetter(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  private static java.time.Duration parseSyncInterval(String value) {
    try {
      java.time.Duration d;
      if (value.startsWith("P") || value.startsWith("p")) {
        d = java.time.Duration.parse(value);
      } else {
        d = java.time.Duration.ofNanos(new java.math.BigDecimal(value).movePointRight(9).longValueExact());
      }
      if (d.isNegative()) {
        throw new ArithmeticException();
      }
      return d;
    } catch (ArithmeticException | java.time.format.DateTimeParseException | NumberFormatException e) {
      throw new LibsqlException(ErrorCode.URL_INVALID,
          "the 'syncInterval' query parameter must be a number of seconds (e.g. 60 or 0.5) or an ISO-8601 duration");
    }
  }

  private static Boolean parseBoolean(String key, String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "1":
      case "true":
        return true;
      case "0":
      case "false":
        return false;
      default:
        throw new LibsqlException(ErrorCode.URL_INVALID,
            "unknown value for the '" + key + "' query parameter: use " + key + "=true or " + key + "=false");
    }
  }

  private static DatabaseUrl parseFile(String rest, String authToken, Boolean tls, Replica replica) {
    String path = rest;
    if (path.startsWith("//")) {
      int slash = path.indexOf('/', 2);
      String authority = slash < 0 ? path.substring(2) : path.substring(2, slash);
      if (!authority.isEmpty()) {
        throw new LibsqlException(ErrorCode.URL_INVALID,
            "a file: URL cannot name a host ('" + authority + "'); use file:relative/path or file:///absolute/path");
      }
      path = slash < 0 ? "" : path.substring(slash);
    }
    path = decode(path);
    if (path.isEmpty()) {
      throw new LibsqlException(ErrorCode.URL_INVALID, "the file: URL has no path; use file:app.db or file::memory:");
    }
    boolean memory = path.equals(":memory:");
    return new DatabaseUrl("file", null, -1, path, memory, authToken, tls, replica);
  }

  private static DatabaseUrl parseRemote(String scheme, String rest, String authToken, Boolean tls) {
    if (!rest.startsWith("//")) {
      throw new LibsqlException(ErrorCode.URL_INVALID, "a " + scheme + ": URL needs a host: " + scheme + "://host[:port]");
    }
    rest = rest.substring(2);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    if (authority.indexOf('@') >= 0) {
      throw new LibsqlException(ErrorCode.URL_INVALID, "credentials in the URL are not supported; pass the token as authToken");
    }
    String host;
    String portText = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw new LibsqlException(ErrorCode.URL_INVALID, "unterminated IPv6 address in the URL host");
      }
      host = authority.substring(0, close + 1);
      String after = authority.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw new LibsqlException(ErrorCode.URL_INVALID, "unexpected text after the IPv6 address in the URL host");
        }
        portText = after.substring(1);
      }
    } else {
      int c = authority.lastIndexOf(':');
      host = c < 0 ? authority : authority.substring(0, c);
      portText = c < 0 ? null : authority.substring(c + 1);
    }
    if (host.isEmpty()) {
      throw new LibsqlException(ErrorCode.URL_INVALID, "the URL has an empty host");
    }
    int port = -1;
    if (portText != null) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        port = 0;
      }
      if (port < 1 || port > 65535) {
        throw new LibsqlException(ErrorCode.URL_INVALID, "the URL port must be a number from 1 to 65535");
      }
    }
    String resolved = scheme;
    if (scheme.equals("libsql")) {
      if (Boolean.FALSE.equals(tls)) {
        if (port < 0) {
          throw new LibsqlException(ErrorCode.URL_INVALID, "a libsql: URL with tls=0 must give an explicit port");
        }
        resolved = "ws";
      } else {
        resolved = "wss";
      }
    } else if (tls != null) {
      boolean secure = scheme.equals("wss") || scheme.equals("https");
      if (tls != secure) {
        throw new LibsqlException(ErrorCode.URL_INVALID,
            "tls=" + (tls ? 1 : 0) + " contradicts the " + scheme + ": scheme; choose the scheme instead ("
                + (tls ? "wss: or https:" : "ws: or http:") + ")");
      }
    }
    return new DatabaseUrl(resolved, host.toLowerCase(Locale.ROOT), port, path, false, authToken, tls, Replica.NONE);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new LibsqlException(ErrorCode.URL_INVALID, "the URL has a malformed %-escape");
    }
  }

  /** True for wss and https. */
  public boolean tls() {
    return scheme.equals("wss") || scheme.equals("https");
  }

  /** True for remote URLs. */
  public boolean remote() {
    return !scheme.equals("file");
  }

  /** The port, or the scheme's default. */
  public int effectivePort() {
    return port > 0 ? port : (tls() ? 443 : 80);
  }

  /** The URL without credentials or query, safe for logs and messages. */
  public String redacted() {
    if (!remote()) {
      return "file:" + path;
    }
    return scheme + "://" + host + (port > 0 ? ":" + port : "") + path;
  }

  /** The base URI for a remote URL, e.g. {@code http://127.0.0.1:8080/prefix}. */
  public String baseUri(String forScheme) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return forScheme + "://" + host + (port > 0 ? ":" + port : "") + p;
  }

  @Override
  public String toString() {
    return "DatabaseUrl[" + redacted() + (authToken != null ? ", authToken=***" : "")
        + (replica.isEmpty() ? "" : ", " + replica) + "]";
  }
}
