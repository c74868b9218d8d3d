package io.libsql.client.internal.http;

import static io.libsql.client.internal.http.HttpTesting.sqld;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Encoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A 1,000,000-row cursor (about 100 MB of values) read by a child JVM limited to a 64 MB heap:
 * possible only if rows are read as they arrive and never accumulated.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HttpCursorMemoryTest {
  private static final long ROWS = 1_000_000;

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void aMillionRowsStreamThroughA64MbHeap(Encoding encoding) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), CursorMemoryMain.class.getName(),
        sqld().httpUrl(), encoding.name(), Long.toString(ROWS))
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
    // The values alone are larger than the heap.
    long valueBytes = Long.parseLong(List.of(output.split("valueBytes=")[1].split(" ")).get(0));
    assertTrue(valueBytes > 64L * 1024 * 1024, "valueBytes " + valueBytes);
  }
}
