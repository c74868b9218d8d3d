package io.libsql.jdbc;

/** sqlite-jdbc's expectations on a real sqld over HTTP. */
class HttpSqliteJdbcCompatTest extends SqliteJdbcCompatSuite {
  @Override
  protected String url() {
    return RemoteServer.httpUrl();
  }
}
