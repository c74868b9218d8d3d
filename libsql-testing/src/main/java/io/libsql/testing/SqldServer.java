package io.libsql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code sqld} process listening on loopback, for tests.
 *
 * <pre>{@code
 * static SqldServer sqld;
 *
 * @BeforeAll static void startSqld() { sqld = SqldServer.builder().start(); }
 * @AfterAll  static void stopSqld()  { sqld.close(); }
 * // clients connect to sqld.httpUrl() or sqld.wsUrl()
 * }</pre>
 *
 * <p>The binary comes from {@link SqldBinary#path()}. The server runs {@code sqld --no-welcome
 * --db-path DATA_DIR --http-listen-addr 127.0.0.1:PORT} plus the builder's options on a free port, and
 * {@link Builder#start()} returns once {@code GET /health} answers 200. HTTP and WebSocket (Hrana)
 * share that port. sqld's stdout and stderr go to a log file whose end {@link #logTail()} returns;
 * nothing is printed. Environment variables starting with {@code SQLD_} or {@code LIBSQL_} are not
 * passed to sqld, so that its configuration is exactly the command line.
 *
 * <p>{@link #kill()} and {@link #stop()} end the process but keep the data directory and the ports,
 * so {@link #restart()} brings the same database back at the same URL. {@link #close()} stops the
 * process and deletes the temporary directories. A JVM shutdown hook kills every sqld not closed by
 * then. Methods are thread-safe.
 */
public final class SqldServer implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final Duration HEALTH_REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final long POLL_INTERVAL_MILLIS = 50;
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;
    private static final String LAUNCH_MARKER = "=== libsql-testing launches: ";
    /** HTTP/1.1: the JDK's default HTTP/2 upgrade attempt hangs on plaintext sqld. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(HEALTH_REQUEST_TIMEOUT)
            .build();
    private static final Set<SqldServer> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SqldServer::killAllAtExit, "sqld-shutdown-hook"));
    }

    private final Path binary;
    private final Path dataDir;
    /** Holds the log, the JWT key file and the default data directory; deleted by {@link #close()}. */
    private final Path runDir;
    private final Path logFile;
    private final boolean grpcListen;
    /** Options after the data directory and listen addresses: auth, primary, then the user's. */
    private final List<String> options;
    private final Duration startTimeout;

    private volatile int httpPort;
    private volatile int grpcPort;
    private volatile Process process;
    private boolean closed;

    private SqldServer(Builder builder, Path binary, Path runDir, List<String> options) {
        this.binary = binary;
        this.runDir = runDir;
        this.logFile = runDir.resolve("sqld.log");
        this.dataDir = builder.dataDir == null ? runDir.resolve("data") : builder.dataDir.toAbsolutePath();
        this.grpcListen = builder.grpcListen;
        this.options = options;
        this.startTimeout = builder.startTimeout;
    }

    /**
     * Starts configuring a server.
     *
     * @return a builder with defaults: no auth, no gRPC, a temporary data directory, 30 s start timeout
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The HTTP base URL, for Hrana over HTTP.
     *
     * @return {@code http://127.0.0.1:PORT}
     */
    public String httpUrl() {
        return "http://" + LOOPBACK + ":" + httpPort;
    }

    /**
     * The WebSocket URL, for Hrana over WebSocket (same port as {@link #httpUrl()}).
     *
     * @return {@code ws://127.0.0.1:PORT}
     */
    public String wsUrl() {
        return "ws://" + LOOPBACK + ":" + httpPort;
    }

    /**
     * The loopback port of the HTTP and WebSocket listener; it stays the same across {@link #restart()}.
     *
     * @return the port
     */
    public int httpPort() {
        return httpPort;
    }

    /**
     * The loopback port of the inter-node gRPC listener that replicas connect to.
     *
     * @return the port
     * @throws IllegalStateException if the server was not built with {@link Builder#grpcListen(boolean)}
     */
    public int grpcPort() {
        if (!grpcListen) {
            throw new IllegalStateException("this sqld was not started with grpcListen(true)");
        }
        return grpcPort;
    }

    /**
     * The database directory passed as {@code --db-path}.
     *
     * @return the absolute path
     */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * The current (or, once stopped, the last) sqld process, e.g. to check {@link ProcessHandle#isAlive()}.
     *
     * @return its handle
     */
    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    /**
     * The last lines that sqld wrote to stdout and stderr (across restarts), for diagnostics.
     * Each launch is preceded by a line with its command.
     *
     * @return up to 40 lines, possibly empty
     */
    public String logTail() {
        return Io.tail(logFile, LOG_TAIL_LINES);
    }

    /**
     * Stops sqld gracefully: SIGTERM, then SIGKILL if it has not exited within 5 s. Keeps the data
     * directory and the ports for {@link #restart()}. Does nothing if sqld is not running.
     *
     * @throws IllegalStateException if the process survives SIGKILL
     */
    public synchronized void stop() {
        terminate(true);
    }

    /**
     * Kills sqld with SIGKILL, as a crash would, keeping the data directory and the ports for
     * {@link #restart()}. Does nothing if sqld is not running.
     *
     * @throws IllegalStateException if the process survives SIGKILL
     */
    public synchronized void kill() {
        terminate(false);
    }

    /**
     * Starts sqld again on the same port and data directory, stopping it gracefully first if it runs,
     * and waits until it is healthy.
     *
     * @throws IllegalStateException if the server is closed, or sqld fails to start (the message holds
     *     the log tail)
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("this SqldServer is closed");
        }
        terminate(true);
        if (!launch()) {
            throw new IllegalStateException("cannot restart sqld: port " + httpPort
                    + (grpcListen ? " or " + grpcPort : "") + " is taken by another process\n" + logTail());
        }
    }

    /**
     * Stops sqld (as {@link #stop()}) and deletes its log, its key file and, unless the builder was given
     * a {@link Builder#dataDir(Path)}, its data directory. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            terminate(true);
        } finally {
            OPEN.remove(this);
            deleteFiles();
        }
    }

    @Override
    public String toString() {
        return "SqldServer[" + httpUrl() + ", dataDir=" + dataDir + "]";
    }

    private void startOnFreePorts() {
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int[] ports = freeLoopbackPorts(grpcListen ? 2 : 1);
            httpPort = ports[0];
            grpcPort = grpcListen ? ports[1] : 0;
            if (launch()) {
                return;
            }
        }
        throw new IllegalStateException("sqld found its ports taken " + START_ATTEMPTS + " times in a row\n" + logTail());
    }

    /**
     * Starts the process and waits for {@code /health}.
     *
     * @return true once healthy, false if sqld exited because a port was taken
     */
    private boolean launch() {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--no-welcome",
                "--db-path", dataDir.toString(), "--http-listen-addr", LOOPBACK + ":" + httpPort));
        if (grpcListen) {
            command.addAll(List.of("--grpc-listen-addr", LOOPBACK + ":" + grpcPort));
        }
        command.addAll(options);
        try {
            Files.writeString(logFile, LAUNCH_MARKER + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder processBuilder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            processBuilder.environment().keySet()
                    .removeIf(name -> name.startsWith("SQLD_") || name.startsWith("LIBSQL_"));
            process = processBuilder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + "\n" + logTail(), e);
        }
        URI health = URI.create(httpUrl() + "/health");
        long deadline = System.nanoTime() + startTimeout.toNanos();
        try {
            while (System.nanoTime() - deadline < 0) {
                if (!process.isAlive()) {
                    String output = logTail();
                    String thisLaunch = output.substring(Math.max(0, output.lastIndexOf(LAUNCH_MARKER)));
                    if (thisLaunch.contains("Address already in use")) {
                        return false;
                    }
                    throw new IllegalStateException("sqld exited with code " + process.exitValue()
                            + " before answering GET /health:\n" + output);
                }
                if (isHealthy(health)) {
                    return true;
                }
                Thread.sleep(POLL_INTERVAL_MILLIS);
            }
        } catch (InterruptedException e) {
            terminate(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for sqld to start", e);
        }
        terminate(false);
        throw new IllegalStateException("sqld did not answer GET /health with 200 within " + startTimeout + ":\n"
                + logTail());
    }

    private static boolean isHealthy(URI health) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(health).timeout(HEALTH_REQUEST_TIMEOUT).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    private void terminate(boolean graceful) {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = current.descendants().toList();
        if (graceful) {
            current.destroy();
        }
        if (!graceful || !awaitExit(current, STOP_GRACE)) {
            current.destroyForcibly();
            if (!awaitExit(current, KILL_WAIT)) {
                throw new IllegalStateException("sqld (pid " + current.pid() + ") did not exit after SIGKILL");
            }
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean awaitExit(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private void deleteFiles() {
        Io.deleteRecursively(runDir); // holds the data directory unless the builder was given one
    }

    /** Opens {@code count} distinct ephemeral loopback ports at once, closes them and returns their numbers. */
    private static int[] freeLoopbackPorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            InetAddress loopback = InetAddress.getByName(LOOPBACK);
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, loopback);
            }
            return Arrays.stream(sockets).mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing a listening socket we own does not fail in practice
                    }
                }
            }
        }
    }

    /** Shutdown hook: no sqld outlives the JVM, whatever the tests forgot to close. */
    private static void killAllAtExit() {
        for (SqldServer server : OPEN) {
            Process current = server.process;
            if (current != null) {
                current.descendants().forEach(ProcessHandle::destroyForcibly);
                current.destroyForcibly();
                awaitExit(current, Duration.ofSeconds(2));
            }
            try {
                server.deleteFiles();
            } catch (UncheckedIOException ignored) {
                // best effort while the JVM exits
            }
        }
    }

    /** Configures and starts a {@link SqldServer}; obtain one with {@link SqldServer#builder()}. */
    public static final class Builder {
        private String jwtPublicKeyPem;
        private boolean grpcListen;
        private SqldServer primary;
        private Path dataDir;
        private List<String> extraArgs = List.of();
        private Duration startTimeout = Duration.ofSeconds(30);

        private Builder() {}

        /**
         * Requires JWT auth: the PEM is written to a file passed as {@code --auth-jwt-key-file}.
         *
         * @param pem an Ed25519 public key in PEM, e.g. from {@link Jwt#publicKeyPem}
         * @return this builder
         */
        public Builder jwtPublicKeyPem(String pem) {
            this.jwtPublicKeyPem = Objects.requireNonNull(pem, "pem");
            return this;
        }

        /**
         * Opens the inter-node gRPC listener on a free loopback port ({@code --grpc-listen-addr}), so that
         * replicas can follow this server.
         *
         * @param enabled whether to listen
         * @return this builder
         */
        public Builder grpcListen(boolean enabled) {
            this.grpcListen = enabled;
            return this;
        }

        /**
         * Makes this server a replica of {@code primary} ({@code --primary-grpc-url}): it serves reads
         * from its own copy and forwards writes to the primary.
         *
         * @param primary a running server built with {@code grpcListen(true)}
         * @return this builder
         */
        public Builder replicaOf(SqldServer primary) {
            this.primary = Objects.requireNonNull(primary, "primary");
            return this;
        }

        /**
         * Uses this database directory (created if missing) and keeps it on {@link SqldServer#close()}.
         * By default a fresh temporary directory is used and deleted on close.
         *
         * @param dataDir the directory passed as {@code --db-path}
         * @return this builder
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /**
         * Appends these arguments to the sqld command line (see {@code sqld --help}).
         *
         * @param args the arguments, e.g. {@code "--max-response-size", "1MB"}
         * @return this builder
         */
        public Builder extraArgs(String... args) {
            this.extraArgs = List.of(args);
            return this;
        }

        /**
         * How long {@link #start()} and {@link SqldServer#restart()} wait for {@code GET /health}.
         *
         * @param timeout a positive duration; 30 s by default
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive: " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Starts sqld on free loopback ports (retrying with new ports if one is taken meanwhile) and waits
         * until it is healthy.
         *
         * @return the running server; close it when done
         * @throws IllegalStateException if the binary is unavailable (see {@link SqldBinary#path()}) or
         *     sqld does not become healthy; the message holds the end of sqld's output
         */
        public SqldServer start() {
            Path binary = SqldBinary.path();
            List<String> options = new ArrayList<>();
            if (primary != null) {
                options.addAll(List.of("--primary-grpc-url", "http://" + LOOPBACK + ":" + primary.grpcPort()));
            }
            Path runDir = null;
            try {
                runDir = Files.createTempDirectory("sqld-");
                if (jwtPublicKeyPem != null) {
                    Path keyFile = Files.writeString(runDir.resolve("jwt-key.pem"), jwtPublicKeyPem);
                    options.addAll(List.of("--auth-jwt-key-file", keyFile.toString()));
                }
            } catch (IOException e) {
                if (runDir != null) {
                    Io.deleteRecursively(runDir);
                }
                throw new UncheckedIOException("cannot prepare sqld's temporary directory", e);
            }
            options.addAll(extraArgs);
            SqldServer server = new SqldServer(this, binary, runDir, List.copyOf(options));
            OPEN.add(server);
            try {
                server.startOnFreePorts();
                return server;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
    }
}
