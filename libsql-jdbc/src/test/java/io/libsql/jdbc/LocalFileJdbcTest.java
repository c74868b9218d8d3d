package io.libsql.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite on a local file. */
class LocalFileJdbcTest extends JdbcSuite {
  @TempDir
  Path dir;

  @Override
  protected String url() {
    return "jdbc:libsql:file:" + dir.resolve("x.db");
  }
}
