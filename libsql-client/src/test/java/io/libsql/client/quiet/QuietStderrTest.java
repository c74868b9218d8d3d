package io.libsql.client.quiet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.libsql.testing.SqldServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing on stderr in normal use, on whatever JDK runs the tests (17, and 25 in the build's JDK 25
 * smoke run): {@link QuietMain} runs in a JVM of its own, with no options, and its stderr is read.
 *
 * <p>On JDK 24 and later, loading sqlite-jdbc's native library (any {@code file:} URL) makes the
 * JVM print a restricted-method warning unless the application runs with
 * {@code --enable-native-access=ALL-UNNAMED}; that is the JVM's rule for JNI, which a library cannot
 * lift, so {@code file:} is checked with the option (and without it, that this warning is all).
 */
class QuietStderrTest {
  private static final int JDK = Runtime.version().feature();
  static SqldServer sqld;

  @TempDir Path dir;

  @BeforeAll
  static void startSqld() {
    sqld = SqldServer.builder().start();
  }

  @AfterAll
  static void stopSqld() {
    sqld.close();
  }

  @Test
  void remoteClientsPrintNothingOnStderr() throws Exception {
    Output out = run(List.of(), sqld.wsUrl(), sqld.httpUrl());
    assertEquals("", out.stderr, "stderr of ws: and http: on JDK " + JDK);
    assertEquals(4, out.stdout.lines().count(), out.stdout);
  }

  @Test
  void localFilePrintsNothingOnStderrWithNativeAccessEnabled() throws Exception {
    Output out = run(List.of("--enable-native-access=ALL-UNNAMED"), fileUrl());
    assertEquals("", out.stderr, "stderr of file: on JDK " + JDK);
    assertEquals(List.of("JSON 3", "PROTOBUF 6"), out.stdout.lines().toList());
  }

  @Test
  void localFileWithoutOptionsPrintsAtMostTheJvmsNativeAccessWarning() throws Exception {
    Output out = run(List.of(), fileUrl());
    assertEquals(List.of("JSON 3", "PROTOBUF 6"), out.stdout.lines().toList());
    if (JDK < 24) {
      assertEquals("", out.stderr, "stderr of file: on JDK " + JDK);
      return;
    }
    assertTrue(out.stderr.contains("org.sqlite.SQLiteJDBCLoader"), out.stderr);
    for (String line : out.stderr.lines().filter(line -> !line.isBlank()).toList()) {
      assertTrue(line.startsWith("WARNING: "), "a line that is not the JVM's warning: " + line + "\n" + out.stderr);
    }
  }

  private String fileUrl() {
    return "file:" + dir.resolve("quiet.db").toAbsolutePath();
  }

  private Output run(List<String> jvmOptions, String... urls) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(QuietMain.class.getName());
    command.addAll(List.of(urls));
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    Process process = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("QuietMain did not finish in 120 s; stderr: " + Files.readString(stderr, StandardCharsets.UTF_8));
    }
    Output out = new Output(Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
    assertEquals(0, process.exitValue(), "QuietMain failed; stderr: " + out.stderr);
    return out;
  }

  private record Output(String stdout, String stderr) {}
}
