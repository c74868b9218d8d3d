package io.libsql.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** jdbi, jOOQ, Liquibase and Flyway on a local file. */
class LocalToolsTest extends ToolsSuite {
  @TempDir
  static Path dir;

  @Override
  protected String url() {
    return "jdbc:libsql:file:" + dir.resolve("tools.db");
  }
}
