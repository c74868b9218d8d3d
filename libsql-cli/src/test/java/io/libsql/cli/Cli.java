package io.libsql.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shell as a child JVM ({@code java -cp <test classpath> io.libsql.cli.Main ...}), with
 * standard input from a string, a home directory of the test's own (for the history file) and
 * {@code LIBSQL_AUTH_TOKEN} removed unless given. Every run is bounded: after {@value #TIMEOUT_SECONDS}
 * seconds the process is destroyed and the test fails.
 */
final class Cli {
  static final long TIMEOUT_SECONDS = 60;

  /** What one run printed and returned. */
  record Result(int exit, String out, String err) {
    Result expectSuccess() {
      if (exit != 0) {
        fail("libsql exited with " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err);
      }
      return this;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  private final Path home;
  private final Map<String, String> env;

  Cli(Path home, Map<String, String> env) {
    this.home = home;
    this.env = env;
  }

  Cli(Path home) {
    this(home, Map.of());
  }

  /** Runs with no standard input. */
  Result run(String... args) {
    return runWithInput("", args);
  }

  Result runWithInput(String stdin, String... args) {
    return runWithInput(stdin, Map.of(), args);
  }

  Result runWithInput(String stdin, Map<String, String> extraEnv, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Duser.home=" + home);
    command.add("-cp");
    command.add(classpath());
    command.add(Main.class.getName());
    command.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove(Main.TOKEN_ENV);
    pb.environment().putAll(env);
    pb.environment().putAll(extraEnv);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      // Threads of their own: a shared pool may have a single thread on a small machine.
      CompletableFuture<byte[]> out = readInBackground(p.getInputStream(), "stdout");
      CompletableFuture<byte[]> err = readInBackground(p.getErrorStream(), "stderr");
      Thread writer = new Thread(() -> {
        try (OutputStream in = p.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          // The shell exited before reading all its input; the result tells why.
        }
      }, "libsql-stdin");
      writer.setDaemon(true);
      writer.start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("libsql did not exit within " + TIMEOUT_SECONDS + " s: " + command.subList(4, command.size()));
      }
      return new Result(p.exitValue(),
          new String(out.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), StandardCharsets.UTF_8),
          new String(err.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError("running libsql failed", e);
    } finally {
      p.destroyForcibly();
    }
  }

  private static CompletableFuture<byte[]> readInBackground(InputStream in, String name) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        result.complete(readAll(in));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    }, "libsql-" + name);
    t.setDaemon(true);
    t.start();
    return result;
  }

  /** Surefire puts the real classpath here; java.class.path may be a manifest-only jar. */
  private static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  private static byte[] readAll(InputStream in) {
    try (InputStream s = in) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      s.transferTo(b);
      return b.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
