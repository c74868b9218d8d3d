package io.libsql.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** sqlite-jdbc's expectations on a local file. */
class LocalSqliteJdbcCompatTest extends SqliteJdbcCompatSuite {
  @TempDir
  Path dir;

  @Override
  protected String url() {
    return "jdbc:libsql:file:" + dir.resolve("x.db");
  }
}
