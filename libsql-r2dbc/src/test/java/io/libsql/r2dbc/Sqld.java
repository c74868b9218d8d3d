package io.libsql.r2dbc;

import io.libsql.testing.SqldServer;

/** One real sqld shared by the remote test classes of this JVM. */
final class Sqld {
  private static SqldServer server;

  private Sqld() {}

  static synchronized SqldServer get() {
    if (server == null) {
      server = SqldServer.builder().start();
    }
    return server;
  }

  /** A request limit, so that a broken transport fails a test instead of hanging it. */
  static final String LIMITS = "?requestTimeout=PT30S&connectTimeout=PT10S";
}
