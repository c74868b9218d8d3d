package io.libsql.r2dbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The R2DBC TCK on a local file. */
class LocalFileTckTest extends TckSupport {
  private static final Path FILE = tempFile();

  LocalFileTckTest() {
    super("r2dbc:libsql:file://" + FILE.toAbsolutePath(), "jdbc:libsql:file:" + FILE.toAbsolutePath());
  }

  private static Path tempFile() {
    try {
      Path dir = Files.createTempDirectory("libsql-r2dbc-tck");
      dir.toFile().deleteOnExit();
      return dir.resolve("tck.db");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
