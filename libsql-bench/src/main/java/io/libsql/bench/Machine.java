package io.libsql.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the report says about the machine. */
final class Machine {
  private Machine() {}

  static int nproc() {
    return Runtime.getRuntime().availableProcessors();
  }

  static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst().orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The first two lines of {@code java -version} of the JVM running the harness. */
  static String javaVersion() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String out = run(List.of(java, "-version"));
    List<String> lines = out.lines().limit(2).toList();
    return lines.isEmpty() ? System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        : String.join("; ", lines);
  }

  static String nodeVersion(String node) {
    String out = run(List.of(node, "--version")).strip();
    return out.isEmpty() ? "unknown" : out;
  }

  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
