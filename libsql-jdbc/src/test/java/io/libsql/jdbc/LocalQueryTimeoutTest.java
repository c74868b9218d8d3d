package io.libsql.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Query timeouts and cancel on a local file. */
class LocalQueryTimeoutTest extends QueryTimeoutSuite {
  @TempDir
  Path dir;

  @Override
  protected String url() {
    return "jdbc:libsql:file:" + dir.resolve("x.db");
  }
}
