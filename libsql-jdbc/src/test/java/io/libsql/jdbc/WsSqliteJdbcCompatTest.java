package io.libsql.jdbc;

/** sqlite-jdbc's expectations on a real sqld over WebSocket. */
class WsSqliteJdbcCompatTest extends SqliteJdbcCompatSuite {
  @Override
  protected String url() {
    return RemoteServer.wsUrl();
  }
}
