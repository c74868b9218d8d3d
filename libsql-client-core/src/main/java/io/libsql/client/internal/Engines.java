package io.libsql.client.internal;

import io.libsql.client.Config;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.local.LocalEngine;

/** Chooses the engine for a configuration. Not API. */
public final class Engines {
  private Engines() {}

  public static Engine open(Config config) {
    DatabaseUrl url = config.databaseUrl();
    switch (url.scheme()) {
      case "file":
        if (config.syncUrl() != null) {
          return io.libsql.client.internal.replica.ReplicaEngine.open(config);
        }
        return LocalEngine.open(url);
      case "ws":
      case "wss":
        return new io.libsql.client.internal.hrana.HranaEngine(new io.libsql.client.internal.ws.WsTransport(config),
            config.retryReads());
      case "http":
      case "https":
        return new io.libsql.client.internal.hrana.HranaEngine(new io.libsql.client.internal.http.HttpTransport(config),
            config.retryReads());
      default:
        throw new LibsqlException(ErrorCode.URL_SCHEME_NOT_SUPPORTED,
            "the " + url.scheme() + ": transport is not available in this build");
    }
  }
}
