/** The {@code file:} engine of the libSQL client (SQLite through sqlite-jdbc). No API of its own. */
module io.libsql.client.local {
  requires io.libsql.client;
  requires java.sql;
  requires org.xerial.sqlitejdbc;

  // The embedded-replica engine serves reads from local files.
  exports io.libsql.client.internal.local to io.libsql.client.replica;

  provides io.libsql.client.internal.engine.EngineProvider with io.libsql.client.internal.local.LocalEngineProvider;
}
