/**
 * An R2DBC driver for libSQL over the non-blocking {@link io.libsql.client.AsyncClient}: open it with
 * {@code ConnectionFactories.get("r2dbc:libsql:ws://127.0.0.1:8080")} (see
 * {@link io.libsql.r2dbc.LibsqlConnectionFactoryProvider} for URLs and options) or
 * {@link io.libsql.r2dbc.LibsqlConnectionFactory}.
 */
package io.libsql.r2dbc;
