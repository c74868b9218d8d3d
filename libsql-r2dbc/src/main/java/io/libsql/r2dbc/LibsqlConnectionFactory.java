package io.libsql.r2dbc;

import io.libsql.client.AsyncClient;
import io.libsql.client.Config;
import io.libsql.client.Libsql;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import java.time.Duration;
import java.util.Objects;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The R2DBC {@link ConnectionFactory} for libSQL: a local file, or sqld/Turso over WebSocket or HTTP.
 *
 * <p>Usually found by URL through {@link io.r2dbc.spi.ConnectionFactories}
 * ({@code r2dbc:libsql:ws://127.0.0.1:8080}, see {@link LibsqlConnectionFactoryProvider}); or built
 * from a client {@link Config}:
 *
 * <pre>{@code
 * ConnectionFactory factory = LibsqlConnectionFactory.create(Config.builder("libsql://db.turso.io")
 *     .authToken(token).build());
 * }</pre>
 *
 * <p>Connections share one {@link AsyncClient}. A factory made with {@link #create(Config)} opens
 * that client with its first connection and closes it when its last connection closes, so nothing
 * is left open once every connection is closed; keep connections in a pool (r2dbc-pool, as Spring
 * Boot does) to reuse the client. A factory made with {@link #of(AsyncClient)} uses the caller's
 * client and never closes it. Thread-safe.
 */
public final class LibsqlConnectionFactory implements ConnectionFactory {
  private static final ConnectionFactoryMetadata METADATA = () -> "libSQL";

  private final Config config;
  private final Duration statementTimeout;
  private final Object lock = new Object();
  // Guarded by lock:
  private AsyncClient client;
  private int leases;
  private volatile String version;

  private LibsqlConnectionFactory(Config config, AsyncClient client, Duration statementTimeout) {
    this.config = config;
    this.client = client;
    this.statementTimeout = statementTimeout;
  }

  /**
   * A factory whose connections share a client opened from {@code config}.
   *
   * @param config the client configuration (URL, token, timeouts)
   * @return the factory; it opens nothing until a connection is created
   */
  public static LibsqlConnectionFactory create(Config config) {
    return create(config, null);
  }

  /**
   * As {@link #create(Config)}, with a timeout for each statement.
   *
   * @param config the client configuration (URL, token, timeouts)
   * @param statementTimeout each statement's timeout, or null for the config's request timeout
   * @return the factory
   */
  public static LibsqlConnectionFactory create(Config config, Duration statementTimeout) {
    return new LibsqlConnectionFactory(Objects.requireNonNull(config, "config"), null, statementTimeout);
  }

  /**
   * A factory whose connections use {@code client}, which stays the caller's to close.
   *
   * @param client an open client
   * @return the factory
   */
  public static LibsqlConnectionFactory of(AsyncClient client) {
    return new LibsqlConnectionFactory(null, Objects.requireNonNull(client, "client"), null);
  }

  @Override
  public Mono<Connection> create() {
    return Mono.defer(() -> {
      AsyncClient c;
      synchronized (lock) {
        if (client == null) {
          client = Libsql.createAsyncClient(config);
        }
        c = client;
        leases++;
      }
      Mono<String> v = version != null ? Mono.just(version)
          : Mono.fromFuture(() -> c.execute("SELECT sqlite_version()")).map(rs -> {
            String s = rs.rows().get(0).getString(0);
            version = s;
            return s;
          });
      return v.<Connection>map(s -> new LibsqlConnection(this, c, metadata(s), statementTimeout))
          .onErrorResume(e -> release(c).then(Mono.error(Errors.map(e))));
    }).onErrorMap(Errors::map);
  }

  private static ConnectionMetadata metadata(String version) {
    return new ConnectionMetadata() {
      @Override
      public String getDatabaseProductName() {
        return "libSQL";
      }

      @Override
      public String getDatabaseVersion() {
        return version;
      }
    };
  }

  /** Gives back a connection's use of the client; closes an owned client after its last connection. */
  Mono<Void> release(AsyncClient c) {
    return Mono.defer(() -> {
      synchronized (lock) {
        if (config == null) {
          return Mono.<Void>empty(); // the caller's client
        }
        if (--leases > 0 || client != c) {
          return Mono.<Void>empty();
        }
        client = null;
      }
      // Closing a local client waits for its executor: not on the caller's thread.
      return Mono.<Void>fromRunnable(c::close).subscribeOn(Schedulers.boundedElastic());
    });
  }

  @Override
  public ConnectionFactoryMetadata getMetadata() {
    return METADATA;
  }

  @Override
  public String toString() {
    return "LibsqlConnectionFactory[" + (config != null ? config.redactedUrl() : "shared client") + "]";
  }
}
