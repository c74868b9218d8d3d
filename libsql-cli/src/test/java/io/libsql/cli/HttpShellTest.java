package io.libsql.cli;

import io.libsql.testing.SqldServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shell over Hrana on HTTP ({@code http://}) to a real sqld. */
class HttpShellTest extends SqldShellContract {
  static SqldServer sqld;

  @BeforeAll
  static void startSqld() {
    sqld = SqldServer.builder().start();
    requireServer(sqld.httpUrl());
  }

  @AfterAll
  static void stopSqld() {
    if (sqld != null) {
      sqld.close();
    }
  }

  @Override
  String url() {
    return sqld.httpUrl();
  }

  @Override
  String unreachableUrl() {
    return "http://127.0.0.1:" + WsShellTest.freePort();
  }
}
