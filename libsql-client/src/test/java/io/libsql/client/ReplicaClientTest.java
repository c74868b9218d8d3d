package io.libsql.client;

import io.libsql.testing.SqldServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API suite on an embedded replica of a real sqld: reads run on the local file, writes go to
 * the primary, and read-your-writes makes every write visible locally at once. The suite's two
 * clients share one replica (one syncer per file).
 */
class ReplicaClientTest extends ClientSuite {
  @TempDir
  static Path dir;
  static SqldServer primary;

  @BeforeAll
  static void startPrimary() {
    primary = SqldServer.builder().start();
  }

  @AfterAll
  static void stopPrimary() {
    primary.close();
  }

  @Override
  protected Config config() {
    return Config.builder("file:" + dir.resolve("suite-replica.db")).syncUrl(primary.httpUrl()).build();
  }

  @Override
  protected String expectedProtocol() {
    return "file";
  }

  @Override
  protected boolean canSendInfinity() {
    return true; // reads run on the local file
  }

  /** Writes and sessions run on sqld, with its limits (no TEMP tables, READONLY not enforced). */
  @Override
  protected boolean local() {
    return false;
  }
}
