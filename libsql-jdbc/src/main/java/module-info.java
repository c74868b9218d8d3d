/** The libSQL JDBC driver ({@code jdbc:libsql:} URLs), registered with {@link java.sql.DriverManager}. */
module io.libsql.jdbc {
  requires transitive java.sql;
  requires transitive io.libsql.client;
  requires java.sql.rowset;

  exports io.libsql.jdbc;

  provides java.sql.Driver with io.libsql.jdbc.LibsqlDriver;
}
