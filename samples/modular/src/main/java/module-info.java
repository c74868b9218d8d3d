/** A modular application on libsql-java: reads only what the libsql modules export. */
module com.example.modular {
  requires io.libsql.jdbc;
  requires io.libsql.r2dbc;
  requires reactor.core;

  uses java.sql.Driver;
  uses io.r2dbc.spi.ConnectionFactoryProvider;

  exports com.example.modular;
}
