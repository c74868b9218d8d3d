package io.libsql.client.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.libsql.client.AsyncClient;
import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.LibsqlException;
import io.libsql.client.Statement;
import io.libsql.client.Libsql;
import io.libsql.client.Row;
import io.libsql.client.Transaction;
import io.libsql.testing.Jwt;
import io.libsql.testing.SqldServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The auth token never shows: a real token (and a wrong one) is planted, and everything the client
 * produces while it succeeds and fails every way (wrong token, dropped and stalled connections,
 * unreachable server, bad URLs with the token in the query, a server that echoes the token in its
 * error page, an embedded replica whose background sync is refused) is captured and scanned: log
 * records at every level, System.out and System.err, exception messages, causes and stack traces,
 * the toString() of every object the API hands out, and the names of all threads.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SecretsTest {
  static KeyPair keys;
  static SqldServer sqld;
  static String token;
  static String wrongToken;

  @BeforeAll
  static void start() {
    keys = Jwt.generateKeyPair();
    sqld = SqldServer.builder().jwtPublicKeyPem(Jwt.publicKeyPem(keys.getPublic())).start();
    token = Jwt.fullAccessToken(keys.getPrivate());
    wrongToken = Jwt.fullAccessToken(Jwt.generateKeyPair().getPrivate());
  }

  @AfterAll
  static void stop() {
    sqld.close();
  }

  /** Everything captured during a run, to scan. */
  static final class Capture implements AutoCloseable {
    final List<String> texts = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream oldOut = System.out;
    private final PrintStream oldErr = System.err;
    private final Logger root = Logger.getLogger("");
    private final Level oldLevel = root.getLevel();
    private final Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        synchronized (texts) {
          texts.add(r.getLoggerName() + " " + r.getLevel() + " " + r.getMessage() + " " + java.util.Arrays.toString(r.getParameters())
              + " " + (r.getThrown() == null ? "" : trace(r.getThrown())));
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };

    Capture() {
      PrintStream tee = new PrintStream(out, true, StandardCharsets.UTF_8);
      System.setOut(tee);
      System.setErr(tee);
      root.setLevel(Level.ALL);
      root.addHandler(handler);
      Logger.getLogger("io.libsql").setLevel(Level.ALL);
    }

    void add(Object o) {
      synchronized (texts) {
        texts.add(String.valueOf(o));
      }
    }

    void failure(Throwable t) {
      add(t.getMessage());
      add(t.toString());
      add(trace(t));
    }

    @Override
    public void close() {
      System.setOut(oldOut);
      System.setErr(oldErr);
      root.removeHandler(handler);
      root.setLevel(oldLevel);
      add(out.toString(StandardCharsets.UTF_8));
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        add(t.getName());
      }
    }

    void assertNoSecrets(String... secrets) {
      int scanned = 0;
      synchronized (texts) {
        for (String text : texts) {
          for (String secret : secrets) {
            String signature = secret.substring(secret.lastIndexOf('.') + 1);
            assertFalse(text.contains(secret) || text.contains(signature), () -> "a token leaked into: " + text);
          }
          scanned += text.length();
        }
      }
      assertTrue(scanned > 1000, "too little was captured to mean anything: " + scanned + " chars");
      System.out.println("secrets: scanned " + texts.size() + " captured texts (" + scanned + " chars), no token found");
    }
  }

  static String trace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  static LibsqlException fails(Capture cap, Runnable r) {
    LibsqlException e = assertThrows(LibsqlException.class, r::run);
    cap.failure(e);
    return e;
  }

  @Test
  void theTokenNeverShows() throws Exception {
    try (Capture cap = new Capture(); FaultProxy proxy = FaultProxy.start(sqld.httpPort())) {
      for (String scheme : List.of("ws", "http")) {
        String direct = scheme.equals("ws") ? sqld.wsUrl() : sqld.httpUrl();
        String proxied = proxy.url(scheme);
        // Success paths, with the token in the builder and in the URL.
        for (Config config : List.of(Config.builder(direct).authToken(token).build(),
            Config.builder(direct + "?authToken=" + token).build())) {
          cap.add(config);
          cap.add(config.redactedUrl());
          try (Client c = Libsql.createClient(config); AsyncClient a = Libsql.createAsyncClient(config)) {
            cap.add(c);
            cap.add(a);
            cap.add(c.execute("SELECT 1"));
            try (Transaction tx = c.transaction()) {
              cap.add(tx);
              cap.add(tx.execute("SELECT 2"));
              fails(cap, () -> tx.execute("SELECT * FROM no_such_table"));
            }
            try (Stream<Row> rows = c.stream("SELECT 3")) {
              rows.forEach(cap::add);
            }
            cap.add(a.execute("SELECT 4").get(10, TimeUnit.SECONDS));
            ExecutionException ee = assertThrows(ExecutionException.class, () -> a.execute("SELEC").get(10, TimeUnit.SECONDS));
            cap.failure(ee);
            fails(cap, () -> c.execute("SELECT ?", "\uD800"));
          }
        }
        // The wrong token.
        try (Client c = Libsql.createClient(Config.builder(direct).authToken(wrongToken).build())) {
          LibsqlException e = fails(cap, () -> c.execute("SELECT 1"));
          assertEquals("AUTH_FAILED", e.code(), e::toString);
        }
        // Dropped, stalled and refused connections, with the token in the URL.
        Config viaProxy = Config.builder(proxied + "?authToken=" + token).requestTimeout(Duration.ofMillis(500)).build();
        try (Client c = Libsql.createClient(viaProxy)) {
          c.execute(Statement.of("SELECT 1").withTimeout(Duration.ofSeconds(30))); // connecting on a loaded machine
          proxy.cutAfter(FaultProxy.Direction.DOWNSTREAM, 10);
          proxy.dropAll();
          fails(cap, () -> c.execute("SELECT 1"));
          proxy.heal();
          proxy.stall();
          fails(cap, () -> c.execute("SELECT 1"));
          proxy.heal();
          proxy.refuse();
          proxy.dropAll();
          fails(cap, () -> c.execute("SELECT 1"));
          proxy.heal();
        }
        // Nobody listening.
        try (Client c = Libsql.createClient(scheme + "://127.0.0.1:1?authToken=" + token)) {
          LibsqlException e = fails(cap, () -> c.execute("SELECT 1"));
          assertEquals("CONNECTION_FAILED", e.code(), e::toString);
        }
      }
      // Bad URLs with the token in them.
      for (String url : List.of("libsql://h?authToken=" + token + "&foo=1", "ws://h:1?authToken=" + token + "#x",
          "libsql://user:" + token + "@h", "http://h:1?authToken=" + token + "&authToken=" + wrongToken,
          "postgres://h?authToken=" + token, "http://[h?authToken=" + token)) {
        fails(cap, () -> Config.builder(url).build());
      }
      echoingServer(cap);
      replica(cap);
      cap.close();
      cap.assertNoSecrets(token, wrongToken);
      // The replica's gRPC frame log was on (FINE) and its authorization header came out blanked.
      assertTrue(cap.texts.stream().anyMatch(t -> t.contains("x-authorization: <redacted>")), "grpc frame log not seen");
    }
  }

  /** A server that puts the Authorization header it received into its error pages. */
  static void echoingServer(Capture cap) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    int[] status = {401};
    server.createContext("/", exchange -> {
      String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = ("{\"error\":\"bad credentials: " + auth + "\",\"message\":\"" + auth + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status[0], body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      for (int s : new int[] {401, 403, 400, 500, 503}) {
        status[0] = s;
        try (Client c = Libsql.createClient(Config.builder("http://127.0.0.1:" + server.getAddress().getPort())
            .authToken(token).hranaVersion(3).build())) {
          fails(cap, () -> c.execute("SELECT 1"));
        }
      }
    } finally {
      server.stop(0);
    }
  }

  /** An embedded replica whose syncs (explicit and in the background) are refused. */
  static void replica(Capture cap) throws Exception {
    Path dir = Files.createTempDirectory("secrets");
    try {
      Config config = Config.builder("file:" + dir.resolve("r.db")).syncUrl(sqld.httpUrl() + "?authToken=" + wrongToken)
          .syncInterval(Duration.ofMillis(200)).build();
      cap.add(config);
      try (Client c = Libsql.createClient(config)) {
        cap.add(c);
        fails(cap, () -> c.sync());
        Thread.sleep(700); // background syncs fail and are logged
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
