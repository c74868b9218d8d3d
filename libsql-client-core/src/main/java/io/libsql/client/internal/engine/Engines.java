package io.libsql.client.internal.engine;

import io.libsql.client.internal.url.DatabaseUrl;
import io.libsql.client.Config;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.hrana.HranaEngine;
import io.libsql.client.internal.http.HttpTransport;
import io.libsql.client.internal.ws.WsTransport;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Chooses the engine for a configuration: ws and http are in the core; file: and embedded replicas
 * come from {@link EngineProvider}s on the class or module path. Not API.
 */
public final class Engines {
  private static final System.Logger LOG = System.getLogger(Engines.class.getName());

  private Engines() {}

  public static Engine open(Config config) {
    DatabaseUrl url = DatabaseUrl.of(config);
    switch (url.scheme()) {
      case "file":
        return config.syncUrl() != null
            ? provider(EngineProvider.REPLICA, "io.libsql:libsql-client-replica", "an embedded replica (a syncUrl)")
                .open(config)
            : provider(EngineProvider.LOCAL, "io.libsql:libsql-client-local", "a file: URL").open(config);
      case "ws":
      case "wss":
        return new HranaEngine(new WsTransport(config), config.retryReads());
      case "http":
      case "https":
        return new HranaEngine(new HttpTransport(config), config.retryReads());
      default:
        throw new LibsqlException(ErrorCode.URL_SCHEME_NOT_SUPPORTED,
            "the " + url.scheme() + ": transport is not available in this build");
    }
  }

  private static EngineProvider provider(String kind, String artifact, String what) {
    EngineProvider provider = Providers.BY_KIND.get(kind);
    if (provider == null) {
      throw new LibsqlException(ErrorCode.ENGINE_NOT_AVAILABLE, what + " needs " + artifact
          + " on the class path: add that dependency (or io.libsql:libsql-client, which brings every engine)"
          + (Providers.skipped == null ? "" : "; an engine on the path could not be loaded: " + Providers.skipped));
    }
    return provider;
  }

  /** The providers on the path, loaded once (with the core's class loader, as the module path does). */
  private static final class Providers {
    /** Bounds the loop: ServiceLoader recovers from a broken provider only on a best-effort basis. */
    private static final int MAX_SKIPPED = 16;
    /** Why the first unusable provider was skipped, or null; written before BY_KIND is published. */
    static String skipped;
    static final Map<String, EngineProvider> BY_KIND = load();

    private static Map<String, EngineProvider> load() {
      Map<String, EngineProvider> byKind = new HashMap<>();
      Iterator<EngineProvider> it = ServiceLoader.load(EngineProvider.class, Engines.class.getClassLoader()).iterator();
      for (int failures = 0; failures < MAX_SKIPPED; ) {
        try {
          if (!it.hasNext()) {
            break;
          }
          EngineProvider p = it.next();
          byKind.putIfAbsent(p.kind(), p);
        } catch (ServiceConfigurationError | LinkageError unusable) {
          // An engine jar that cannot load here (e.g. on the class path while the core is on the module
          // path, where the engine interface is not exported to it) is as good as absent.
          failures++;
          if (skipped == null) {
            skipped = unusable.toString();
          }
          LOG.log(System.Logger.Level.DEBUG, "engine provider skipped", unusable);
        }
      }
      return Map.copyOf(byKind);
    }
  }
}
