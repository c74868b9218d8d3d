package io.libsql.jdbc;

/** HikariCP (pool of 4, 8 threads) over a real sqld via WebSocket. */
class WsHikariTest extends HikariPoolSuite {
  @Override
  protected String url() {
    return RemoteServer.wsUrl();
  }
}
