package io.libsql.client.internal;

import io.libsql.client.Config;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.hrana.HranaEngine;
import io.libsql.client.internal.http.HttpTransport;
import io.libsql.client.internal.ws.WsTransport;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Chooses the engine for a configuration: ws and http are in the core; file: and embedded replicas
 * come from {@link EngineProvider}s on the class or module path. Not API.
 */
public final class Engines {
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
          + " on the class path: add that dependency (or io.libsql:libsql-client, which brings every engine)");
    }
    return provider;
  }

  /** The providers on the path, loaded once (with the core's class loader, as the module path does). */
  private static final class Providers {
    static final Map<String, EngineProvider> BY_KIND = load();

    private static Map<String, EngineProvider> load() {
      Map<String, EngineProvider> byKind = new HashMap<>();
      for (EngineProvider p : ServiceLoader.load(EngineProvider.class, Engines.class.getClassLoader())) {
        byKind.putIfAbsent(p.kind(), p);
      }
      return Map.copyOf(byKind);
    }
  }
}
