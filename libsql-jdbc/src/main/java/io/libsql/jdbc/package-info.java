/**
 * The libSQL JDBC driver: {@link io.libsql.jdbc.LibsqlDriver} for {@code jdbc:libsql:} URLs,
 * {@link io.libsql.jdbc.LibsqlDataSource}, and the connection properties in
 * {@link io.libsql.jdbc.LibsqlProperty}. Everything else is package-private and built only on the
 * public API of {@code io.libsql.client}.
 */
package io.libsql.jdbc;
