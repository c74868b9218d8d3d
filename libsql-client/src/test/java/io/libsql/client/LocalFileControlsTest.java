package io.libsql.client;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts, cancellation, statistics and events on a local file (SQLite's interrupt). */
class LocalFileControlsTest extends ControlsSuite {
  @TempDir
  Path dir;

  @Override
  protected Config.Builder builder() {
    return Config.builder("file:" + dir.resolve("controls.db"));
  }

  @Override
  protected boolean local() {
    return true;
  }
}
