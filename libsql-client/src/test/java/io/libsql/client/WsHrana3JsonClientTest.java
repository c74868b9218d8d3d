package io.libsql.client;

import io.libsql.testing.SqldServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The API suite over WebSocket, hrana3 (JSON), against a real sqld. */
class WsHrana3JsonClientTest extends ClientSuite {
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
    return Config.builder(sqld.wsUrl()).hranaVersion(3).encoding(Encoding.JSON).build();
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
