/**
 * The libSQL client: {@link io.libsql.client.Libsql} opens a {@link io.libsql.client.Client} or
 * {@link io.libsql.client.AsyncClient} for a database URL. Only {@code io.libsql.client} is API;
 * the internal packages are open only to the project's own engine modules.
 */
module io.libsql.client {
  requires java.net.http;
  requires com.fasterxml.jackson.core;
  requires com.google.protobuf;

  exports io.libsql.client;
  // The engines in their own artifacts (libsql-client-local, libsql-client-replica).
  exports io.libsql.client.internal to io.libsql.client.local, io.libsql.client.replica;
  exports io.libsql.client.internal.call to io.libsql.client.local, io.libsql.client.replica;
  exports io.libsql.client.internal.engine to io.libsql.client.local, io.libsql.client.replica;
  exports io.libsql.client.internal.result to io.libsql.client.local, io.libsql.client.replica;
  exports io.libsql.client.internal.url to io.libsql.client.local, io.libsql.client.replica;
  exports io.libsql.client.internal.hrana to io.libsql.client.local, io.libsql.client.replica;
  // The one SQL lexer, shared with the engines, the JDBC and R2DBC drivers and the shell.
  exports io.libsql.client.internal.sql
      to io.libsql.client.local, io.libsql.client.replica, io.libsql.jdbc, io.libsql.r2dbc, io.libsql.cli;

  uses io.libsql.client.internal.engine.EngineProvider;
}
