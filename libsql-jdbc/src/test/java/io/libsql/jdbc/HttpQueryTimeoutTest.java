package io.libsql.jdbc;

/** Query timeouts and cancel on a real sqld over HTTP. */
class HttpQueryTimeoutTest extends QueryTimeoutSuite {
  @Override
  protected String url() {
    return RemoteServer.httpUrl();
  }
}
