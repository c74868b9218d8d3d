package io.libsql.client.internal.local;

import io.libsql.client.Config;
import io.libsql.client.internal.url.DatabaseUrl;
import io.libsql.client.internal.engine.Engine;
import io.libsql.client.internal.engine.EngineProvider;

/** Provides {@link LocalEngine} for {@code file:} URLs (registered for ServiceLoader). Not API. */
public final class LocalEngineProvider implements EngineProvider {
  @Override
  public String kind() {
    return LOCAL;
  }

  @Override
  public Engine open(Config config) {
    return LocalEngine.open(DatabaseUrl.of(config), config.sqliteLimits(), config.createIfMissing());
  }
}
