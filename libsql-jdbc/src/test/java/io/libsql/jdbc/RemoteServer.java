package io.libsql.jdbc;

import io.libsql.testing.SqldServer;

/** One real sqld shared by the remote test classes of this JVM (tables have unique names). */
final class RemoteServer {
  private static SqldServer server;

  private RemoteServer() {}

  static synchronized SqldServer get() {
    if (server == null) {
      server = SqldServer.builder().start();
    }
    return server;
  }

  /** A request limit, so that a broken transport fails a test instead of hanging it. */
  private static final String LIMITS = "?requestTimeout=30&connectTimeout=10";

  static String wsUrl() {
    return "jdbc:libsql:" + get().wsUrl() + LIMITS;
  }

  static String httpUrl() {
    return "jdbc:libsql:" + get().httpUrl() + LIMITS;
  }
}
