package io.libsql.jdbc;

/** jdbi, jOOQ, Liquibase and Flyway on a real sqld over HTTP. */
class HttpToolsTest extends ToolsSuite {
  @Override
  protected String url() {
    return RemoteServer.httpUrl();
  }
}
