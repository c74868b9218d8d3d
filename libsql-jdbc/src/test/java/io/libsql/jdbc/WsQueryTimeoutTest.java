package io.libsql.jdbc;

/** Query timeouts and cancel on a real sqld over WebSocket. */
class WsQueryTimeoutTest extends QueryTimeoutSuite {
  @Override
  protected String url() {
    return RemoteServer.wsUrl();
  }
}
