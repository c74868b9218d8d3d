package io.libsql.client;

import io.libsql.client.internal.url.DatabaseUrl;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
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
  /** The default {@link #requestTimeout()} of remote databases and embedded replicas. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  /** The default {@link #maxResponseSize()}: 256 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_SIZE = 256L << 20;
  /** The largest {@link #maxResponseSize()} (a Java array's limit). */
  public static final long MAX_RESPONSE_SIZE_LIMIT = Integer.MAX_VALUE - 16;
  /** SQLite's run-time limits ({@code SQLITE_LIMIT_*}), as {@link Builder#sqliteLimit} names them. */
  private static final Set<String> SQLITE_LIMITS = Set.of("length", "sql_length", "column", "expr_depth",
      "compound_select", "vdbe_op", "function_arg", "attached", "like_pattern_length", "variable_number",
      "trigger_depth", "worker_threads", "page_count");

  static {
    DatabaseUrl.registerConfigAccess(c -> c.parsed);
  }

  private final String url;
  private final DatabaseUrl parsed;
  private final String authToken;
  private final Supplier<String> authTokenSupplier;
  private final ClientListener listener;
  private final boolean retryReads;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int hranaVersion;
  private final Encoding encoding;
  private final int concurrency;
  private final SSLContext sslContext;
  private final String syncUrl;
  private final Duration syncInterval;
  private final boolean readYourWrites;
  private final long maxResponseSize;
  private final Map<String, Integer> sqliteLimits;
  private final boolean createIfMissing;

  private Config(Builder b, DatabaseUrl parsed, String syncUrl, Duration syncInterval, boolean readYourWrites,
      Duration requestTimeout) {
    this.url = b.url;
    this.parsed = parsed;
    this.authToken = b.authToken != null ? b.authToken : parsed.authToken();
    this.authTokenSupplier = b.authTokenSupplier;
    this.listener = b.listener;
    this.retryReads = b.retryReads;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = requestTimeout;
    this.hranaVersion = b.hranaVersion;
    this.encoding = b.encoding;
    this.concurrency = b.concurrency;
    this.sslContext = b.sslContext;
    this.syncUrl = syncUrl;
    this.syncInterval = syncInterval;
    this.readYourWrites = readYourWrites;
    this.maxResponseSize = b.maxResponseSize;
    this.sqliteLimits = Map.copyOf(b.sqliteLimits);
    this.createIfMissing = b.createIfMissing;
  }

  /**
   * Starts a configuration for the given URL (see the README's URL table).
   *
   * @param url the database URL ({@code file:}, {@code :memory:}, {@code ws:}, {@code wss:}, {@code http:}, {@code https:}, {@code libsql:})
   * @return a new builder
   */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /**
   * A builder holding this configuration's values, to derive a variant.
   *
   * @return a builder that starts from this configuration
   */
  public Builder toBuilder() {
    Builder b = new Builder(url);
    b.authToken = authTokenSupplier == null ? authToken : null;
    b.authTokenSupplier = authTokenSupplier;
    b.listener = listener;
    b.retryReads = retryReads;
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
    b.maxResponseSize = maxResponseSize;
    b.sqliteLimits.putAll(sqliteLimits);
    b.createIfMissing = createIfMissing;
    return b;
  }

  /**
   * The URL as given (it may contain a token: do not log it; see {@link #redactedUrl()}).
   *
   * @return the URL as given
   */
  public String url() {
    return url;
  }

  /**
   * The URL with any query string removed, safe to log.
   *
   * @return the URL without its query (so without a token)
   */
  public String redactedUrl() {
    return parsed.redacted();
  }

  /**
   * The fixed auth token, or null (also when tokens come from an
   * {@link Builder#authTokenSupplier(Supplier) authTokenSupplier}).
   *
   * @return the token, or null
   */
  public String authToken() {
    return authTokenSupplier == null ? authToken : null;
  }

  /**
   * The supplier of auth tokens, or null when the token is fixed (or absent).
   *
   * @return the supplier, or null
   */
  public Supplier<String> authTokenSupplier() {
    return authTokenSupplier;
  }

  /**
   * The listener that receives the client's events, or null.
   *
   * @return the listener, or null
   */
  public ClientListener listener() {
    return listener;
  }

  /**
   * Whether certainly read-only statements outside transactions are retried once after a lost connection (default true).
   *
   * @return whether reads are retried
   */
  public boolean retryReads() {
    return retryReads;
  }

  /**
   * How long connecting to a server may take. Default 10 seconds.
   *
   * @return the timeout
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * How long one call may take, or {@link Duration#ZERO} for no limit: by default
   * {@link #DEFAULT_REQUEST_TIMEOUT} (60 s) for remote databases and embedded replicas, and no limit
   * for plain local files.
   *
   * @return the timeout, or null for no limit
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * The forced Hrana version (1, 2 or 3), or 0 to negotiate the newest.
   *
   * @return the version, or 0 to negotiate
   */
  public int hranaVersion() {
    return hranaVersion;
  }

  /**
   * The forced encoding, or null to use the fastest the server speaks.
   *
   * @return the encoding, or null for the fastest
   */
  public Encoding encoding() {
    return encoding;
  }

  /**
   * The most requests in flight at once on one connection (remote only).
   *
   * @return the most requests in flight
   */
  public int concurrency() {
    return concurrency;
  }

  /**
   * The TLS context for {@code wss:}/{@code https:}, or null for the JDK default (verified).
   *
   * @return the TLS context, or null for the default
   */
  public SSLContext sslContext() {
    return sslContext;
  }

  /**
   * The primary an embedded replica syncs from (builder or {@code syncUrl} URL parameter), or null
   * when this is not a replica. It may hold a token in its query: do not log it.
   *
   * @return the primary's URL, or null when not a replica
   */
  public String syncUrl() {
    return syncUrl;
  }

  /**
   * The interval between background syncs of a replica, or {@link Duration#ZERO} for none (the default).
   *
   * @return the interval; {@link Duration#ZERO} for none
   */
  public Duration syncInterval() {
    return syncInterval;
  }

  /**
   * Whether a replica's writes return only once the local file has caught up with them (default true).
   *
   * @return whether writes wait for the local file to catch up
   */
  public boolean readYourWrites() {
    return readYourWrites;
  }

  /**
   * The largest response accepted from a server, in bytes: a WebSocket message, an HTTP pipeline
   * response body, or one entry (row) of a streamed result. Default {@link #DEFAULT_MAX_RESPONSE_SIZE}.
   *
   * @return the limit in bytes
   */
  public long maxResponseSize() {
    return maxResponseSize;
  }

  /**
   * SQLite's run-time limits set with {@link Builder#sqliteLimit(String, int)}, by name.
   *
   * @return the limits (empty when none is set)
   */
  public Map<String, Integer> sqliteLimits() {
    return sqliteLimits;
  }

  /**
   * Whether opening a {@code file:} database that does not exist creates it (the default).
   *
   * @return false when a missing file fails to open
   */
  public boolean createIfMissing() {
    return createIfMissing;
  }

  @Override
  public String toString() {
    return "Config[url=" + parsed.redacted() + ", authToken="
        + (authTokenSupplier != null ? "supplier" : authToken == null ? "none" : "***")
        + ", requestTimeout=" + requestTimeout + (retryReads ? "" : ", retryReads=false")
        + ", hranaVersion=" + hranaVersion + ", encoding=" + encoding + ", concurrency=" + concurrency
        + (syncUrl == null ? "" : ", syncUrl=" + DatabaseUrl.parse(syncUrl, null).redacted()
            + ", syncInterval=" + syncInterval + ", readYourWrites=" + readYourWrites) + "]";
  }

  /** Builds a {@link Config}; not thread-safe. */
  public static final class Builder {
    private final String url;
    private String authToken;
    private Supplier<String> authTokenSupplier;
    private ClientListener listener;
    private boolean retryReads = true;
    private Boolean tls;
    private Duration connectTimeout = Duration.ofSeconds(10);
    /** Null: the default for the URL's kind. */
    private Duration requestTimeout;
    private int hranaVersion;
    private Encoding encoding;
    private int concurrency = 32;
    private SSLContext sslContext;
    private String syncUrl;
    private Duration syncInterval;
    private Boolean readYourWrites;
    private long maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;
    private final Map<String, Integer> sqliteLimits = new TreeMap<>();
    private boolean createIfMissing = true;

    private Builder(String url) {
      this.url = url;
    }

    /**
     * The token sent as {@code Authorization: Bearer} (HTTP) or in {@code hello} (WebSocket).
     *
     * @param authToken the token (a JWT), or null for none; never logged or printed
     * @return this builder
     */
    public Builder authToken(String authToken) {
      this.authToken = authToken;
      return this;
    }

    /**
     * Where to get auth tokens that change (short-lived JWTs), instead of a fixed
     * {@link #authToken(String)}. It is called for each HTTP request and for each WebSocket
     * {@code hello}; a WebSocket also checks it (at most once a second, as requests are sent) and,
     * when the token changed, sends a fresh {@code hello} on the live connection (Hrana 2 and
     * later; Hrana 1 connections use the new token when they reconnect), without disturbing
     * requests in flight. When the server rejects a token (HTTP 401, {@code hello_error}), the
     * supplier is asked once more, and the request retried if it gives another token; otherwise the
     * call fails with {@code AUTH_FAILED}. Embedded replicas use it for writes sent to the primary
     * and for every sync.
     *
     * <p>It should be fast (return a cached token, refreshing it in the background), thread-safe,
     * and never block on the client. Null or blank means no token. An exception it throws fails the
     * call with {@code AUTH_FAILED} (its message is not kept: it might contain a token). Tokens
     * never appear in messages, logs or {@code toString()}.
     *
     * @param supplier called for each new connection or request; null for none
     * @return this builder
     */
    public Builder authTokenSupplier(Supplier<String> supplier) {
      this.authTokenSupplier = supplier;
      return this;
    }

    /**
     * Receives the client's events (calls, connections, syncs); null (the default) for none.
     *
     * @param listener the listener, or null for none
     * @return this builder
     */
    public Builder listener(ClientListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Whether a statement that is certainly read-only ({@code SELECT}, {@code VALUES},
     * {@code EXPLAIN}, {@code WITH ... SELECT} without any writing keyword), run outside a
     * transaction, is retried once when the connection is lost while it runs
     * ({@code CONNECTION_LOST}). Default true. Writes are never retried behind the caller's back:
     * their outcome is unknown after a lost connection.
     *
     * @param retryReads true to retry reads
     * @return this builder
     */
    public Builder retryReads(boolean retryReads) {
      this.retryReads = retryReads;
      return this;
    }
    /**
     * For {@code libsql:} URLs: false connects over plaintext {@code ws:} (the URL then needs a port).
     *
     * @param tls false to connect a {@code libsql:} URL without TLS
     * @return this builder
     */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /**
     * How long to wait for a connection (default 10 s).
     *
     * @param timeout how long connecting may take; positive
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * How long one call may take before it fails with {@code TIMEOUT}; zero for no limit. The
     * default is 60 s ({@link Config#DEFAULT_REQUEST_TIMEOUT}) for remote databases and embedded
     * replicas, where a dead network path would otherwise hang a call for good, and no limit for
     * plain local files. {@link Statement#withTimeout(Duration)} overrides it for one statement;
     * {@code sync()} is not bounded by it.
     *
     * <p>At the deadline a local statement is interrupted (SQLite's interrupt), which rolls it back;
     * a remote call is abandoned (its stream closed; the server may still run what it received).
     * The exception's message says which. A transaction whose call timed out is closed (rolled
     * back); its later calls fail with {@code TRANSACTION_CLOSED}.
     *
     * @param timeout how long one call may take; null or zero for no limit
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Forces a Hrana version (1, 2 or 3); 0 (the default) negotiates the newest.
     *
     * @param version 1, 2 or 3; 0 negotiates the highest the server speaks
     * @return this builder
     */
    public Builder hranaVersion(int version) {
      this.hranaVersion = version;
      return this;
    }

    /**
     * Forces the wire encoding; null (the default) picks the fastest the server speaks.
     *
     * @param encoding the encoding, or null for the fastest the server speaks
     * @return this builder
     */
    public Builder encoding(Encoding encoding) {
      this.encoding = encoding;
      return this;
    }

    /**
     * The most requests in flight at once on one connection; more wait in the client (default 32).
     *
     * @param concurrency the most requests in flight at once; positive
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * A TLS context for servers with private certificates; the JDK default otherwise.
     *
     * @param sslContext the TLS context, or null for the JVM's default
     * @return this builder
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    /**
     * Makes a {@code file:} client an embedded replica of this primary ({@code libsql:},
     * {@code https:}, {@code http:}, {@code wss:} or {@code ws:}, all naming the same server): reads
     * run on the local file, writes are sent to the primary, {@link Client#sync()} pulls changes.
     * The {@link #authToken(String) auth token} is the primary's. Null (the default) for none.
     *
     * @param syncUrl the primary's URL ({@code libsql:}, {@code https:}, {@code http:}, {@code wss:}, {@code ws:})
     * @return this builder
     */
    public Builder syncUrl(String syncUrl) {
      this.syncUrl = syncUrl;
      return this;
    }

    /**
     * Syncs a replica in the background every {@code interval} (on a daemon thread stopped by
     * {@code close()}); null or zero (the default) for none.
     *
     * @param interval the time between background syncs; null for none
     * @return this builder
     */
    public Builder syncInterval(Duration interval) {
      this.syncInterval = interval;
      return this;
    }

    /**
     * With true (the default), a write through a replica returns only once the local file has
     * synced past it, so the next local read sees it; false returns as soon as the primary answers.
     *
     * @param readYourWrites true to wait until the local file has synced past each write
     * @return this builder
     */
    public Builder readYourWrites(boolean readYourWrites) {
      this.readYourWrites = readYourWrites;
      return this;
    }

    /**
     * The largest response to accept from a server, in bytes (default 256 MiB, at least 1 KiB): a
     * WebSocket message, an HTTP pipeline response body, or one row of a {@code stream()}, so that a
     * misbehaving server or proxy cannot exhaust the heap. A larger response fails its call with
     * {@code RESPONSE_TOO_LARGE} (the statement may have run); other calls are not affected. Large
     * results are better read with {@link Client#stream}, which this bounds per row. Remote
     * databases only.
     *
     * @param bytes the limit in bytes; positive
     * @return this builder
     */
    public Builder maxResponseSize(long bytes) {
      this.maxResponseSize = bytes;
      return this;
    }

    /**
     * Sets one of SQLite's run-time limits ({@code sqlite3_limit}) on every connection to a local
     * database, as sqlite-jdbc's {@code limit_*} properties do: {@code sqliteLimit("length", 1_000_000)}
     * makes a longer string or blob fail with {@code SQLITE_TOOBIG}. SQLite lowers a value above its
     * compiled maximum to that maximum. {@code file:} URLs only (not embedded replicas): a server
     * sets its own limits, so {@link #build()} refuses them for other URLs.
     *
     * @param name the limit, SQLite's {@code SQLITE_LIMIT_} name without the prefix, case-insensitive:
     *     length, sql_length, column, expr_depth, compound_select, vdbe_op, function_arg, attached,
     *     like_pattern_length, variable_number, trigger_depth, worker_threads or page_count
     * @param value the limit; not negative
     * @return this builder
     * @throws LibsqlException with {@code CONFIG_INVALID} for an unknown name or a negative value
     */
    public Builder sqliteLimit(String name, int value) {
      String n = String.valueOf(name).toLowerCase(Locale.ROOT);
      if (!SQLITE_LIMITS.contains(n)) {
        throw invalid("unknown SQLite limit '" + name + "'; the limits are " + new java.util.TreeSet<>(SQLITE_LIMITS));
      }
      if (value < 0) {
        throw invalid("the SQLite limit " + n + " must not be negative, not " + value);
      }
      sqliteLimits.put(n, value);
      return this;
    }

    /**
     * With false, opening a {@code file:} database that does not exist fails with
     * {@code SQLITE_CANTOPEN} instead of creating an empty one (sqlite-jdbc's open mode without
     * {@code CREATE}). True by default; {@code file:} URLs only (not embedded replicas), since a
     * server's database always exists; an in-memory database is always created.
     *
     * @param create false to fail on a missing file
     * @return this builder
     */
    public Builder createIfMissing(boolean create) {
      this.createIfMissing = create;
      return this;
    }

    /**
     * Validates and builds; throws {@link LibsqlException} on a bad URL or option.
     *
     * @return the configuration
     */
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
      if (requestTimeout != null && requestTimeout.isNegative()) {
        throw invalid("requestTimeout must not be negative");
      }
      if (maxResponseSize < 1024 || maxResponseSize > MAX_RESPONSE_SIZE_LIMIT) {
        throw invalid("maxResponseSize must be between 1024 and " + MAX_RESPONSE_SIZE_LIMIT + " bytes, not " + maxResponseSize);
      }
      if (authToken != null && authToken.isBlank()) {
        throw invalid("authToken is blank; pass null for no token");
      }
      if (authTokenSupplier != null && (authToken != null || parsed.authToken() != null)) {
        throw invalid("both an authToken and an authTokenSupplier are set; use one");
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
      boolean local = parsed.scheme().equals("file") && sync == null;
      if (!sqliteLimits.isEmpty() && !local) {
        throw invalid("sqliteLimit applies to local databases (file: URLs, not embedded replicas): a server sets its own");
      }
      if (!createIfMissing && !local) {
        throw invalid("createIfMissing(false) applies to local databases (file: URLs, not embedded replicas)");
      }
      Duration timeout = requestTimeout != null ? requestTimeout
          : parsed.scheme().equals("file") && sync == null ? Duration.ZERO : DEFAULT_REQUEST_TIMEOUT;
      return new Config(this, parsed, sync, interval == null ? Duration.ZERO : interval, ryw == null || ryw, timeout);
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
