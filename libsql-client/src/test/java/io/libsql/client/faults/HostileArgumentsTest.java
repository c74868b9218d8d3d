package io.libsql.client.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.AsyncClient;
import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.Libsql;
import io.libsql.client.ResultSet;
import io.libsql.client.Row;
import io.libsql.client.Statement;
import io.libsql.client.Transaction;
import io.libsql.client.TransactionMode;
import io.libsql.testing.SqldServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile arguments on every transport (a local file; ws and http, each in Protobuf and JSON):
 * 16 MiB values, non-finite doubles, unpaired surrogates, odd parameter names, and SQL injection
 * attempts as arguments. Each is stored and read back exactly, or fails that one call with a
 * documented code while the client and the calls around it go on.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HostileArgumentsTest {
  static final int MIB_16 = 16 << 20;
  static final AtomicInteger TABLES = new AtomicInteger();
  static SqldServer sqld;
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    // sqld answers at most 10 MB by default; 16 MiB rows need more.
    sqld = SqldServer.builder().extraArgs("--max-response-size", "100MB", "--max-total-response-size", "400MB").start();
    dir = Files.createTempDirectory("hostile");
  }

  @AfterAll
  static void stop() throws Exception {
    sqld.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static Stream<String> kinds() {
    return Stream.of("file", "ws-PROTOBUF", "ws-JSON", "http-PROTOBUF", "http-JSON");
  }

  static Config config(String kind) {
    if (kind.equals("file")) {
      return Config.builder("file:" + dir.resolve("hostile.db")).build();
    }
    String[] parts = kind.split("-");
    return Config.builder(parts[0].equals("ws") ? sqld.wsUrl() : sqld.httpUrl()).encoding(Encoding.valueOf(parts[1])).build();
  }

  static String table(Client c, String columns) {
    String t = "h" + TABLES.incrementAndGet();
    c.execute("CREATE TABLE " + t + " (" + columns + ")");
    return t;
  }

  static LibsqlException fails(String code, Runnable r) {
    LibsqlException e = assertThrows(LibsqlException.class, r::run);
    assertEquals(code, e.code(), e::toString);
    return e;
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** About {@code bytes} of UTF-8: ASCII, 2-, 3- and 4-byte characters, quotes and a NUL. */
  static String text(int bytes) {
    String unit = "a\u00e9\u4e2d\uD83D\uDE00'\"\\\u0000"; // 1+2+3+4+1+1+1+1 = 14 bytes
    return unit.repeat(bytes / 14);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void sixteenMebibytesRoundTrip(String kind) {
    try (Client c = Libsql.createClient(config(kind))) {
      String t = table(c, "id INTEGER PRIMARY KEY, a, b, c, d");
      if (kind.equals("file")) {
        // SQLite takes values of up to 1 GB: one 16 MiB blob and one 16 MiB string.
        byte[] blob = randomBytes(MIB_16, 1);
        String s = text(MIB_16);
        c.execute("INSERT INTO " + t + " (id, a, b) VALUES (1, ?, ?)", blob, s);
        Row row = c.execute("SELECT a, b FROM " + t + " WHERE id = 1").rows().get(0);
        assertArrayEquals(blob, row.getBytes(0));
        assertEquals(s, row.getString(1));
        return;
      }
      // sqld refuses a single value over about 5 MB (its ARGS_INVALID, reported as SQLITE_TOOBIG): that call fails, nothing else.
      LibsqlException e = fails("SQLITE_TOOBIG", () -> c.execute("INSERT INTO " + t + " (id, a) VALUES (1, ?)",
          (Object) randomBytes(MIB_16, 2)));
      assertTrue(e.getMessage().contains("too big"), e.getMessage());
      fails("SQLITE_TOOBIG", () -> c.execute("INSERT INTO " + t + " (id, a) VALUES (1, ?)", text(MIB_16)));
      assertEquals(1L, c.execute("SELECT 1").rows().get(0).getLong(0));

      // 16 MiB each way in one call (four 4 MiB values: sqld stores no row over ~5 MB), byte for byte.
      byte[][] blobs = new byte[4][];
      String[] texts = new String[4];
      for (int i = 0; i < 4; i++) {
        blobs[i] = randomBytes(MIB_16 / 4, 10 + i);
        texts[i] = i + text(MIB_16 / 4 - 16);
      }
      Row echoed = c.execute("SELECT ?, ?, ?, ?", (Object[]) blobs).rows().get(0);
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(blobs[i], echoed.getBytes(i));
      }
      Row echoedText = c.execute("SELECT ?, ?, ?, ?", (Object[]) texts).rows().get(0);
      for (int i = 0; i < 4; i++) {
        assertEquals(texts[i], echoedText.getString(i));
      }
      // Stored as four rows, read back as one 16 MiB result.
      for (int i = 0; i < 4; i++) {
        c.execute("INSERT INTO " + t + " (id, a) VALUES (?, ?)", 10 + i, blobs[i]);
      }
      List<Row> rows = c.execute("SELECT a FROM " + t + " ORDER BY id").rows();
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(blobs[i], rows.get(i).getBytes(0));
      }
      if (kind.startsWith("ws")) {
        // More than sqld takes in one WebSocket message: refused before sending, the connection kept.
        Object[] tooMuch = new Object[17];
        java.util.Arrays.fill(tooMuch, new byte[4 << 20]);
        LibsqlException big = fails("ARGUMENT_INVALID", () -> c.execute("SELECT 1" + ", length(?)".repeat(17), tooMuch));
        assertTrue(big.getMessage().contains("64 MiB") && big.getMessage().contains("nothing was sent"), big.getMessage());
      }
      assertEquals(4L, c.execute("SELECT count(*) FROM " + t).rows().get(0).getLong(0));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void nonFiniteDoubles(String kind) {
    boolean json = kind.endsWith("JSON");
    try (Client c = Libsql.createClient(config(kind))) {
      String t = table(c, "id INTEGER PRIMARY KEY, d REAL");
      c.execute("INSERT INTO " + t + " VALUES (1, ?)", Double.NaN);
      assertNull(c.execute("SELECT d FROM " + t + " WHERE id = 1").rows().get(0).get(0), "NaN is stored as NULL");
      for (double inf : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        if (json) {
          LibsqlException e = fails("ARGUMENT_INVALID", () -> c.execute("SELECT ?", inf));
          assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("infinit"), e.getMessage());
        } else {
          assertEquals(inf, c.execute("SELECT ?", inf).rows().get(0).getDouble(0));
        }
      }
      assertEquals(-0.0, c.execute("SELECT ?", -0.0).rows().get(0).getDouble(0));
      if (json) {
        // A stored infinity (9e999 overflows to +Inf in SQL) reads back over JSON as NULL.
        c.execute("INSERT INTO " + t + " VALUES (2, 9e999)");
        assertNull(c.execute("SELECT d FROM " + t + " WHERE id = 2").rows().get(0).get(0));
      }
      assertEquals(1L, c.execute("SELECT 1").rows().get(0).getLong(0));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void unpairedSurrogatesFailOnlyTheirCall(String kind) throws Exception {
    String[] bad = {"\uD800", "a\uDC00b", "\uDC00\uD800", "end \uD83D", "\uDE00 start"};
    try (Client c = Libsql.createClient(config(kind)); AsyncClient async = Libsql.createAsyncClient(config(kind))) {
      String t = table(c, "s TEXT");
      List<CompletableFuture<ResultSet>> good = new ArrayList<>();
      List<CompletableFuture<ResultSet>> rejected = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        good.add(async.execute("SELECT ?", "ok " + i));
        String b = bad[i % bad.length];
        rejected.add(async.execute("INSERT INTO " + t + " VALUES (?)", b));
        // A Statement checks its arguments when it is built.
        fails("ARGUMENT_INVALID", () -> Statement.named("INSERT INTO " + t + " VALUES (:s)", Map.of(":s", b)));
      }
      for (int i = 0; i < good.size(); i++) {
        assertEquals("ok " + i, good.get(i).get(30, TimeUnit.SECONDS).rows().get(0).getString(0));
      }
      for (CompletableFuture<ResultSet> f : rejected) {
        Exception e = assertThrows(Exception.class, () -> f.get(30, TimeUnit.SECONDS));
        assertEquals(ErrorCode.ARGUMENT_INVALID.name(), ((LibsqlException) e.getCause()).code());
      }
      // In a batch: the whole batch is refused, nothing of it applied.
      fails("ARGUMENT_INVALID", () -> c.batch(TransactionMode.WRITE, List.of(
          Statement.of("INSERT INTO " + t + " VALUES ('fine')"), Statement.of("INSERT INTO " + t + " VALUES (?)", "\uD800"))));
      // In a transaction: that statement fails, the transaction goes on.
      try (Transaction tx = c.transaction(TransactionMode.WRITE)) {
        tx.execute("INSERT INTO " + t + " VALUES ('in tx')");
        fails("ARGUMENT_INVALID", () -> tx.execute("INSERT INTO " + t + " VALUES (?)", "x\uDBFF"));
        tx.commit();
      }
      assertEquals(List.of("in tx"), strings(c, "SELECT s FROM " + t));
      // A valid pair is fine.
      assertEquals("\uD83D\uDE00", c.execute("SELECT ?", "\uD83D\uDE00").rows().get(0).getString(0));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void oddNamedParameters(String kind) {
    try (Client c = Libsql.createClient(config(kind))) {
      Map<String, Object> args = new LinkedHashMap<>();
      args.put(":\u540d\u524d", 1L); // :名前
      args.put("@\uD83D\uDE00", 2L); // an emoji
      args.put("$_", 3L);
      args.put(":a1_b2", 4L);
      args.put("$x", 5L);
      Row row = c.execute(Statement.named("SELECT :\u540d\u524d, @\uD83D\uDE00, $_, :a1_b2, $x", args)).rows().get(0);
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), row.values());
      // Names SQLite would read differently are refused, never spliced into the SQL.
      for (String name : new String[] {":a;DROP", ":a b", "$a::b", "$x(y)", "@a$b", ":a'"}) {
        LibsqlException e = fails("ARGUMENT_INVALID", () -> c.execute(Statement.named("SELECT :a", Map.of(name, 1))));
        assertTrue(e.getMessage().contains("matches no parameter"), e.getMessage());
      }
      assertEquals(1L, c.execute("SELECT 1").rows().get(0).getLong(0));
    }
  }

  static final String[] INJECTIONS = {
      "'; DROP TABLE victims; --",
      "\"; DROP TABLE victims; --",
      "x'); DELETE FROM victims; --",
      "1 OR 1=1",
      "' OR '1'='1",
      "Robert'); DROP TABLE Students;--",
      "?", "?1", ":s", "@s", "$s", "?, ?, ?",
      "/* comment */ SELECT 1",
      "'||(SELECT sqlite_version())||'",
      "a\u0000'; DROP TABLE victims; --",
      "\\'; DROP TABLE victims; --",
      "%s%n%x",
      "ATTACH DATABASE '/tmp/x.db' AS x; --",
  };

  @ParameterizedTest
  @MethodSource("kinds")
  void injectionAttemptsAreStoredVerbatim(String kind) {
    try (Client c = Libsql.createClient(config(kind))) {
      c.execute("CREATE TABLE IF NOT EXISTS victims (n INTEGER)");
      c.execute("INSERT INTO victims VALUES (1)");
      long victims = c.execute("SELECT count(*) FROM victims").rows().get(0).getLong(0);
      String t = table(c, "id INTEGER PRIMARY KEY, s TEXT, b BLOB");
      for (String evil : INJECTIONS) {
        c.execute("INSERT INTO " + t + " (s, b) VALUES (?, ?)", evil, evil.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        c.execute(Statement.named("INSERT INTO " + t + " (s) VALUES (:s)", Map.of(":s", evil)));
      }
      List<Statement> batch = new ArrayList<>();
      for (String evil : INJECTIONS) {
        batch.add(Statement.of("INSERT INTO " + t + " (s) VALUES (?)", evil));
      }
      c.batch(TransactionMode.WRITE, batch);
      List<String> stored = strings(c, "SELECT s FROM " + t + " ORDER BY id");
      List<String> expected = new ArrayList<>();
      for (String evil : INJECTIONS) {
        expected.add(evil);
        expected.add(evil);
      }
      expected.addAll(List.of(INJECTIONS));
      assertEquals(expected, stored);
      assertEquals(INJECTIONS[0], c.execute("SELECT s FROM " + t + " WHERE s = ?", INJECTIONS[0]).rows().get(0).getString(0));
      assertEquals(victims, c.execute("SELECT count(*) FROM victims").rows().get(0).getLong(0), "the victims table survived");
    }
  }

  static List<String> strings(Client c, String sql) {
    List<String> out = new ArrayList<>();
    for (Row r : c.execute(sql)) {
      out.add(r.getString(0));
    }
    return out;
  }
}
