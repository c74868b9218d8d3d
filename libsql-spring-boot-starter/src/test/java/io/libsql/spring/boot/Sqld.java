package io.libsql.spring.boot;

import io.libsql.testing.SqldServer;

/** One real sqld for the Boot tests of this JVM; tests pass its URL to Spring with @DynamicPropertySource. */
final class Sqld {
  private static SqldServer server;

  private Sqld() {}

  static synchronized SqldServer get() {
    if (server == null) {
      server = SqldServer.builder().start();
    }
    return server;
  }
}
