package io.libsql.client;

import io.libsql.testing.SqldServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The API suite over WebSocket, hrana2, against a real sqld. */
class WsHrana2ClientTest extends ClientSuite {
  static SqldServer sqld;

  @BeforeAll
  static void startSqld() {
    sqld = SqldServer.builder().start();
  }

  @AfterAll
  static void stopSqld() {
    sqld.close();
  }

  @Override
  protected Config config() {
    return Config.builder(sqld.wsUrl()).hranaVersion(2).encoding(null).build();
  }

  @Override
  protected String expectedProtocol() {
    return "ws";
  }

  @Override
  protected boolean canSendInfinity() {
    return false;
  }
}
