/**
 * The libSQL R2DBC driver ({@code r2dbc:libsql:} URLs), found by {@code ConnectionFactories}; with
 * Spring Data R2DBC present, also its dialect.
 */
module io.libsql.r2dbc {
  requires transitive io.libsql.client;
  requires transitive r2dbc.spi;
  requires transitive org.reactivestreams;
  requires reactor.core;
  // Spring Data R2DBC is optional: only io.libsql.r2dbc.spring uses it, found through spring.factories.
  requires static spring.data.r2dbc;
  requires static spring.data.relational;
  requires static spring.r2dbc;

  exports io.libsql.r2dbc;
  exports io.libsql.r2dbc.spring;

  provides io.r2dbc.spi.ConnectionFactoryProvider with io.libsql.r2dbc.LibsqlConnectionFactoryProvider;
}
