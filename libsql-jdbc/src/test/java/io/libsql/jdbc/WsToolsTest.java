package io.libsql.jdbc;

/** jdbi, jOOQ, Liquibase and Flyway on a real sqld over WebSocket. */
class WsToolsTest extends ToolsSuite {
  @Override
  protected String url() {
    return RemoteServer.wsUrl();
  }
}
