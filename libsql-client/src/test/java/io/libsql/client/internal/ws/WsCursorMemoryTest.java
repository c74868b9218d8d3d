package io.libsql.client.internal.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Encoding;
import io.libsql.testing.SqldServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A 1,000,000-row WebSocket cursor (about 100 MB of values) read by a child JVM with a 64 MB heap. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WsCursorMemoryTest {
  private static final long ROWS = 1_000_000;
  static SqldServer sqld;

  @BeforeAll
  static void startSqld() {
    sqld = SqldServer.builder().start();
  }

  @AfterAll
  static void stopSqld() {
    sqld.close();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void aMillionRowsStreamThroughA64MbHeap(Encoding encoding) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), WsCursorMemoryMain.class.getName(),
        sqld.wsUrl(), encoding.name(), Long.toString(ROWS))
        .redirectErrorStream(true)
        .start();
    p.getOutputStream().close();
    String output;
    try {
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(240, TimeUnit.SECONDS), "the child JVM did not finish");
    } finally {
      p.destroyForcibly();
    }
    System.out.println("[" + encoding + "] " + output.strip());
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("OK rows=" + ROWS), output);
    long valueBytes = Long.parseLong(output.split("valueBytes=")[1].split(" ")[0]);
    assertTrue(valueBytes > 64L * 1024 * 1024, "valueBytes " + valueBytes);
  }
}
