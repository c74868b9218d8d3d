package io.libsql.client.internal.replica;

import io.libsql.client.Config;
import io.libsql.client.internal.engine.Engine;
import io.libsql.client.internal.engine.EngineProvider;

/** Provides {@link ReplicaEngine} for {@code file:} URLs with a syncUrl (registered for ServiceLoader). Not API. */
public final class ReplicaEngineProvider implements EngineProvider {
  @Override
  public String kind() {
    return REPLICA;
  }

  @Override
  public Engine open(Config config) {
    return ReplicaEngine.open(config);
  }
}
