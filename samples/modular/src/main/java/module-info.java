/** A modular application on libsql-java: reads only what the libsql modules export. */
module com.example.modular {
  requires io.libsql.jdbc;

  uses java.sql.Driver;

  exports com.example.modular;
}
