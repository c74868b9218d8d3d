package io.libsql.jdbc;

/** The conformance suite on a real sqld over WebSocket. */
class WsJdbcTest extends JdbcSuite {
  @Override
  protected String url() {
    return RemoteServer.wsUrl();
  }
}
