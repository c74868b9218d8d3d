package io.libsql.jdbc;

/** The conformance suite on a real sqld over HTTP. */
class HttpJdbcTest extends JdbcSuite {
  @Override
  protected String url() {
    return RemoteServer.httpUrl();
  }
}
