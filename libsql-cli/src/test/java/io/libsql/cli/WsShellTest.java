package io.libsql.cli;

import io.libsql.testing.SqldServer;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shell over Hrana on WebSocket ({@code ws://}) to a real sqld. */
class WsShellTest extends SqldShellContract {
  static SqldServer sqld;

  @BeforeAll
  static void startSqld() {
    sqld = SqldServer.builder().start();
    requireServer(sqld.wsUrl());
  }

  @AfterAll
  static void stopSqld() {
    if (sqld != null) {
      sqld.close();
    }
  }

  @Override
  String url() {
    return sqld.wsUrl();
  }

  @Override
  String unreachableUrl() {
    return "ws://127.0.0.1:" + freePort();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
