package io.libsql.client;

import io.libsql.testing.SqldServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The API suite over WebSocket, hrana3-protobuf, against a real sqld. */
class WsHrana3ProtobufClientTest extends ClientSuite {
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
    return Config.builder(sqld.wsUrl()).hranaVersion(3).encoding(Encoding.PROTOBUF).build();
  }

  @Override
  protected String expectedProtocol() {
    return "ws";
  }
}
