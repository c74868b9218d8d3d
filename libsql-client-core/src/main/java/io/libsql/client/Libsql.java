package io.libsql.client;

import io.libsql.client.internal.AsyncClientImpl;
import io.libsql.client.internal.call.Calls;
import io.libsql.client.internal.ClientImpl;
import io.libsql.client.internal.engine.Engines;

/**
 * The entry point: turns a URL or a {@link Config} into a client.
 *
 * <pre>{@code
 * Client local = Libsql.createClient("file:app.db");
 * Client remote = Libsql.createClient(Config.builder("libsql://db.example.com").authToken(token).build());
 * }</pre>
 *
 * <p>Clients are thread-safe and meant to be shared: create one per database and close it on
 * shutdown. Remote clients connect lazily, on the first call.
 */
public final class Libsql {
  private Libsql() {}

  /**
   * A blocking client for {@code url}.
   *
   * @param url the database URL ({@code file:}, {@code :memory:}, {@code ws:}, {@code wss:}, {@code http:}, {@code https:}, {@code libsql:})
   * @return a new client; close it on shutdown
   */
  public static Client createClient(String url) {
    return createClient(Config.builder(url).build());
  }

  /**
   * A blocking client for {@code config}.
   *
   * @param config the URL and settings
   * @return a new client; close it on shutdown
   */
  public static Client createClient(Config config) {
    return new ClientImpl(Engines.open(config), new Calls(config));
  }

  /**
   * A non-blocking client for {@code url}.
   *
   * @param url the database URL ({@code file:}, {@code :memory:}, {@code ws:}, {@code wss:}, {@code http:}, {@code https:}, {@code libsql:})
   * @return a new client; close it on shutdown
   */
  public static AsyncClient createAsyncClient(String url) {
    return createAsyncClient(Config.builder(url).build());
  }

  /**
   * A non-blocking client for {@code config}.
   *
   * @param config the URL and settings
   * @return a new client; close it on shutdown
   */
  public static AsyncClient createAsyncClient(Config config) {
    return new AsyncClientImpl(Engines.open(config), new Calls(config));
  }
}
