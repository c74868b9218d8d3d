package io.libsql.client.internal.engine;

import io.libsql.client.Config;

/**
 * An engine that lives in an artifact of its own and is found at run time with
 * {@link java.util.ServiceLoader}: {@code libsql-client-local} provides {@code file:} URLs,
 * {@code libsql-client-replica} embedded replicas. The core refers to neither. Not API.
 */
public interface EngineProvider {
  /** The local engine's {@link #kind()}: {@code file:} URLs. */
  String LOCAL = "local";
  /** The replica engine's {@link #kind()}: {@code file:} URLs with a {@code syncUrl}. */
  String REPLICA = "replica";

  /** {@link #LOCAL} or {@link #REPLICA}. */
  String kind();

  /** Opens the engine for a configuration of this {@link #kind()}. */
  Engine open(Config config);
}
