package io.libsql.client;

import io.libsql.client.internal.DatabaseUrl;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Immutable client configuration: the database URL plus credentials and transport options.
 *
 * <pre>{@code
 * Config config = Config.builder("libsql://my-db.turso.io")
 *     .authToken(System.getenv("LIBSQL_AUTH_TOKEN"))
 *     .build();
 * }</pre>
 *
 * <p>An embedded replica is a {@code file:} URL plus a {@link Builder#syncUrl(String) syncUrl}:
 * reads run on the local file, writes go to the primary, and {@link Client#sync()} pulls the
 * primary's changes (see {@code REPLICAS.md}):
 *
 * <pre>{@code
 * Config replica = Config.builder("file:replica.db")
 *     .syncUrl("libsql://my-db.turso.io")
 *     .authToken(token)
 *     .syncInterval(Duration.ofSeconds(60))
 *     .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} validates everything and throws {@link LibsqlException} with
 * {@code URL_*} or {@code CONFIG_INVALID} codes. {@link #toString()} never shows the auth token.
 */
public final class Config {
  private final String url;
  private final DatabaseUrl parsed;
  private final String authToken;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int hranaVersion;
  private final Encoding encoding;
  private final int concurrency;
  private final SSLContext sslContext;
  private final String syncUrl;
  private final Duration syncInterval;
  private final boolean readYourWrites;

  private Config(Builder b, DatabaseUrl parsed, String syncUrl, Duration syncInterval, boolean readYourWrites) {
    this.url = b.url;
    this.parsed = parsed;
    this.authToken = b.authToken != null ? b.authToken : parsed.authToken();
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.hranaVersion = b.hranaVersion;
    this.encoding = b.encoding;
    this.concurrency = b.concurrency;
    this.sslContext = b.sslContext;
    this.syncUrl = syncUrl;
    this.syncInterval = syncInterval;
    this.readYourWrites = readYourWrites;
  }

  /** Starts a configuration for the given URL (see the README's URL table). */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** A builder holding this configuration's values, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder(url);
    b.authToken = authToken;
    b.tls = parsed.tlsOverride();
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.hranaVersion = hranaVersion;
    b.encoding = encoding;
    b.concurrency = concurrency;
    b.sslContext = sslContext;
    b.syncUrl = syncUrl;
    b.syncInterval = syncInterval;
    b.readYourWrites = readYourWrites;
    return b;
  }

  /** The URL as given (it may contain a token: do not log it; see {@link #redactedUrl()}). */
  public String url() {
    return url;
  }

  /** The URL with any query string removed, safe to log. */
  public String redactedUrl() {
    return parsed.redacted();
  }

  /** The auth token, or null. */
  public String authToken() {
    return authToken;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The per-request timeout, or {@link Duration#ZERO} for none. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** The forced Hrana version (1, 2 or 3), or 0 to negotiate the newest. */
  public int hranaVersion() {
    return hranaVersion;
  }

  /** The forced encoding, or null to use the fastest the server speaks. */
  public Encoding encoding() {
    return encoding;
  }

  /** The most requests in flight at once on one connection (remote only). */
  public int concurrency() {
    return concurrency;
  }

  /** The TLS context for {@code wss:}/{@code https:}, or null for the JDK default (verified). */
  public SSLContext sslContext() {
    return sslContext;
  }

  /**
   * The primary an embedded replica syncs from (builder or {@code syncUrl} URL parameter), or null
   * when this is not a replica. It may hold a token in its query: do not log it.
   */
  public String syncUrl() {
    return syncUrl;
  }

  /** The interval between background syncs of a replica, or {@link Duration#ZERO} for none (the default). */
  public Duration syncInterval() {
    return syncInterval;
  }

  /** Whether a replica's writes return only once the local file has caught up with them (default true). */
  public boolean readYourWrites() {
    return readYourWrites;
  }

  /** Not API: the parsed URL. */
  public DatabaseUrl databaseUrl() {
    return parsed;
  }

  @Override
  public String toString() {
    return "Config[url=" + parsed.redacted() + ", authToken=" + (authToken == null ? "none" : "***")
        + ", hranaVersion=" + hranaVersion + ", encoding=" + encoding + ", concurrency=" + concurrency
        + (syncUrl == null ? "" : ", syncUrl=" + DatabaseUrl.parse(syncUrl, null).redacted()
            + ", syncInterval=" + syncInterval + ", readYourWrites=" + readYourWrites) + "]";
  }

  /** Builds a {@link Config}; not thread-safe. */
  public static final class Builder {
    private final String url;
    private String authToken;
    private Boolean tls;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ZERO;
    private int hranaVersion;
    private Encoding encoding;
    private int concurrency = 32;
    private SSLContext sslContext;
    private String syncUrl;
    private Duration syncInterval;
    private Boolean readYourWrites;

    private Builder(String url) {
      this.url = url;
    }

    /** The token sent as {@code Authorization: Bearer} (HTTP) or in {@code hello} (WebSocket). */
    public Builder authToken(String authToken) {
      this.authToken = authToken;
      return this;
    }

    /** For {@code libsql:} URLs: false connects over plaintext {@code ws:} (the URL then needs a port). */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /** How long to wait for a connection (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How long one call may take before it fails with {@code TIMEOUT}; zero (the default) for no limit. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Forces a Hrana version (1, 2 or 3); 0 (the default) negotiates the newest. */
    public Builder hranaVersion(int version) {
      this.hranaVersion = version;
      return this;
    }

    /** Forces the wire encoding; null (the default) picks the fastest the server speaks. */
    public Builder encoding(Encoding encoding) {
      this.encoding = encoding;
      return this;
    }

    /** The most requests in flight at once on one connection; more wait in the client (default 32). */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /** A TLS context for servers with private certificates; the JDK default otherwise. */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    /**
     * Makes a {@code file:} client an embedded replica of this primary ({@code libsql:},
     * {@code https:}, {@code http:}, {@code wss:} or {@code ws:}, all naming the same server): reads
     * run on the local file, writes are sent to the primary, {@link Client#sync()} pulls changes.
     * The {@link #authToken(String) auth token} is the primary's. Null (the default) for none.
     */
    public Builder syncUrl(String syncUrl) {
      this.syncUrl = syncUrl;
      return this;
    }

    /**
     * Syncs a replica in the background every {@code interval} (on a daemon thread stopped by
     * {@code close()}); null or zero (the default) for none.
     */
    public Builder syncInterval(Duration interval) {
      this.syncInterval = interval;
      return this;
    }

    /**
     * With true (the default), a write through a replica returns only once the local file has
     * synced past it, so the next local read sees it; false returns as soon as the primary answers.
     */
    public Builder readYourWrites(boolean readYourWrites) {
      this.readYourWrites = readYourWrites;
      return this;
    }

    /** Validates and builds; throws {@link LibsqlException} on a bad URL or option. */
    public Config build() {
      DatabaseUrl parsed = DatabaseUrl.parse(url, tls);
      if (hranaVersion < 0 || hranaVersion > 3) {
        throw invalid("hranaVersion must be 0 (negotiate), 1, 2 or 3, not " + hranaVersion);
      }
      if (encoding == Encoding.PROTOBUF && hranaVersion != 0 && hranaVersion < 3) {
        throw invalid("the protobuf encoding needs Hrana 3, but hranaVersion is " + hranaVersion);
      }
      if (concurrency < 1 || concurrency > 1024) {
        throw invalid("concurrency must be between 1 and 1024, not " + concurrency);
      }
      if (connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw invalid("connectTimeout must be positive");
      }
      if (requestTimeout.isNegative()) {
        throw invalid("requestTimeout must not be negative");
      }
      if (authToken != null && authToken.isBlank()) {
        throw invalid("authToken is blank; pass null for no token");
      }
      DatabaseUrl.Replica fromUrl = parsed.replica();
      String sync = pick("syncUrl", syncUrl, fromUrl.syncUrl());
      Duration interval = pick("syncInterval", syncInterval, fromUrl.syncInterval());
      Boolean ryw = pick("readYourWrites", readYourWrites, fromUrl.readYourWrites());
      if (interval != null && interval.isNegative()) {
        throw invalid("syncInterval must not be negative");
      }
      if (sync == null) {
        if (interval != null && !interval.isZero()) {
          throw invalid("syncInterval needs a syncUrl: only embedded replicas sync");
        }
      } else {
        if (!parsed.scheme().equals("file") || parsed.memory()) {
          throw invalid("syncUrl needs a file: URL for the local replica (e.g. file:replica.db), not "
              + (parsed.memory() ? "an in-memory database" : parsed.scheme() + ":"));
        }
        DatabaseUrl primary = DatabaseUrl.parse(sync, null);
        if (!primary.remote()) {
          throw invalid("syncUrl must be the primary's libsql:, https:, http:, wss: or ws: URL, not a file");
        }
      }
      return new Config(this, parsed, sync, interval == null ? Duration.ZERO : interval, ryw == null || ryw);
    }

    private static <T> T pick(String name, T fromBuilder, T fromUrl) {
      if (fromBuilder != null && fromUrl != null && !fromBuilder.equals(fromUrl)) {
        throw invalid("the URL's " + name + " parameter contradicts the config's " + name + "(...)");
      }
      return fromBuilder != null ? fromBuilder : fromUrl;
    }

    private static LibsqlException invalid(String message) {
      return new LibsqlException(ErrorCode.CONFIG_INVALID, message);
    }
  }
}
