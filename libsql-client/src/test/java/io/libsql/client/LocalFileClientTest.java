package io.libsql.client;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The API suite on a local SQLite file. */
class LocalFileClientTest extends ClientSuite {
  @TempDir
  static Path dir;

  @Override
  protected Config config() {
    return Config.builder("file:" + dir.resolve("suite.db")).build();
  }

  @Override
  protected String expectedProtocol() {
    return "file";
  }
}
