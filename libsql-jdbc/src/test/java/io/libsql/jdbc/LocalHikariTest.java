package io.libsql.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** HikariCP over a local file. */
class LocalHikariTest extends HikariPoolSuite {
  @TempDir
  Path dir;

  @Override
  protected String url() {
    return "jdbc:libsql:file:" + dir.resolve("pool.db");
  }
}
