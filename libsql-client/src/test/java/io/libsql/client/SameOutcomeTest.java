package io.libsql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.testing.Jwt;
import io.libsql.testing.SqldServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cases of issue 17, one plain test each, on every kind of URL: a local file; ws and http
 * (Protobuf and JSON) against one real sqld; an embedded replica of it. Each asserts the outcome
 * every transport must give, then that the client still works.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SameOutcomeTest {
  static final AtomicInteger TABLES = new AtomicInteger();
  static SqldServer sqld;
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    sqld = SqldServer.builder().start();
    dir = Files.createTempDirectory("same-outcome");
  }

  @AfterAll
  static void stop() throws Exception {
    sqld.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static Stream<String> kinds() {
    return Stream.of("file", "ws-PROTOBUF", "ws-JSON", "http-PROTOBUF", "http-JSON", "replica");
  }

  static Config config(String kind) {
    if (kind.equals("file")) {
      return Config.builder("file:" + dir.resolve("same.db")).build();
    }
    if (kind.equals("replica")) {
      return Config.builder("file:" + dir.resolve("replica.db")).syncUrl(sqld.httpUrl()).build();
    }
    String[] parts = kind.split("-");
    return Config.builder(parts[0].equals("ws") ? sqld.wsUrl() : sqld.httpUrl()).encoding(Encoding.valueOf(parts[1])).build();
  }

  static String table(Client c) {
    String t = "s" + TABLES.incrementAndGet();
    c.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, v)");
    return t;
  }

  static long count(Client c, String t) {
    return c.execute("SELECT count(*) FROM " + t).rows().get(0).getLong(0);
  }

  static LibsqlException fails(String code, Runnable r) {
    LibsqlException e = assertThrows(LibsqlException.class, r::run);
    assertEquals(code, e.code(), () -> "unexpected: " + e);
    return e;
  }

  /** The client still takes a batch (no transaction left open), and what it wrote survives a reopen. */
  static void assertHealthy(String kind, Client c, String t, long expectedRows) {
    c.batch(List.of(Statement.of("INSERT INTO " + t + " (v) VALUES ('after')")));
    c.executeMultiple("INSERT INTO " + t + " (v) VALUES ('after-script')");
    if (kind.equals("replica")) {
      c.sync();
    }
    c.close();
    try (Client again = Libsql.createClient(config(kind))) {
      assertEquals(expectedRows + 2, count(again, t), "rows after reopening");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void failedBatchRollsBackAndLeavesNoTransaction(String kind) {
    Client c = Libsql.createClient(config(kind));
    String t = table(c);
    LibsqlException e = fails("ARGUMENT_INVALID", () -> c.batch(List.of(
        Statement.of("INSERT INTO " + t + " (v) VALUES (0)"), Statement.of("SELECT ?", 1, 2))));
    assertEquals(1, e.statementIndex());
    for (int i = 0; i < 3; i++) {
      assertEquals(1, c.execute("INSERT INTO " + t + " (v) VALUES (?)", i).rowsAffected());
    }
    assertEquals(3, count(c, t));
    c.transaction().rollback(); // BEGIN works: no transaction is left open
    assertHealthy(kind, c, t, 3);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void runtimeFailureInBatchRollsBack(String kind) {
    Client c = Libsql.createClient(config(kind));
    String t = table(c);
    LibsqlException e = fails("SQLITE_ERROR", () -> c.batch(List.of(
        Statement.of("INSERT INTO " + t + " (v) VALUES (0)"), Statement.of("SELECT abs(-9223372036854775808)"))));
    assertEquals(1, e.statementIndex());
    assertEquals(0, count(c, t));
    assertHealthy(kind, c, t, 0);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void twoStatementsAreRefusedEverywhere(String kind) {
    try (Client c = Libsql.createClient(config(kind))) {
      String t = table(c);
      String two = "INSERT INTO " + t + " (v) VALUES (1); INSERT INTO " + t + " (v) VALUES (2)";
      fails("SQL_MANY_STATEMENTS", () -> c.execute(two));
      fails("SQL_MANY_STATEMENTS", () -> c.stream(two).count());
      LibsqlException e = fails("SQL_MANY_STATEMENTS", () -> c.batch(List.of(Statement.of("SELECT 1"), Statement.of(two))));
      assertEquals(1, e.statementIndex());
      try (Transaction tx = c.transaction()) {
        fails("SQL_MANY_STATEMENTS", () -> tx.execute(two));
        tx.execute("INSERT INTO " + t + " (v) VALUES (3)");
        tx.commit();
      }
      assertEquals(1, count(c, t));
      assertEquals(1L, c.execute("SELECT 1;").rows().get(0).getLong(0), "a trailing semicolon is one statement");
      c.executeMultiple(two);
      assertEquals(3, count(c, t));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void argumentCountsMustMatch(String kind) {
    try (Client c = Libsql.createClient(config(kind))) {
      String t = table(c);
      fails("ARGUMENT_INVALID", () -> c.execute("SELECT ?", 1, 2));
      fails("ARGUMENT_INVALID", () -> c.execute("SELECT ?, ?", 1));
      fails("ARGUMENT_INVALID", () -> c.execute("INSERT INTO " + t + " (v) VALUES (?)"));
      fails("ARGUMENT_INVALID", () -> c.execute(Statement.named("SELECT :a, :b", Map.of("a", 1))));
      fails("ARGUMENT_INVALID", () -> c.execute(Statement.named("SELECT :a", Map.of("a", 1, "zz", 2))));
      assertEquals(0, count(c, t), "nothing bound NULL silently");
      assertEquals(List.of(2L, 1L), c.execute("SELECT ?2, ?1", 1, 2).rows().get(0).values());
      assertEquals(List.of(5L), c.execute("SELECT a$b FROM (SELECT ? AS a$b)", 5).rows().get(0).values());
      try (Transaction tx = c.transaction()) {
        LibsqlException e = fails("ARGUMENT_INVALID", () -> tx.batch(List.of(Statement.of("SELECT 1"), Statement.of("SELECT ?"))));
        assertEquals(1, e.statementIndex());
        tx.execute("INSERT INTO " + t + " (v) VALUES (1)");
        tx.commit();
      }
      assertEquals(1, count(c, t));
    }
  }

  @Test
  void localBindingThatSqliteReadsDifferentlyIsArgumentInvalidAndRollsBack() {
    // "$a::b" is one TCL-style parameter to SQLite, two to the lexical count (sqld refuses it to parse)
    Client c = Libsql.createClient(config("file"));
    String t = table(c);
    fails("ARGUMENT_INVALID", () -> c.execute("SELECT $a::b", 1, 2));
    LibsqlException e = fails("ARGUMENT_INVALID", () -> c.batch(List.of(
        Statement.of("INSERT INTO " + t + " (v) VALUES (0)"), Statement.of("SELECT $a::b", 1, 2))));
    assertEquals(1, e.statementIndex());
    assertEquals(0, count(c, t));
    assertHealthy("file", c, t, 0);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void tooManyParametersAreRefusedBeforeSending(String kind) {
    try (Client c = Libsql.createClient(config(kind))) {
      int n = 40_000;
      String sql = "SELECT " + String.join("+", Collections.nCopies(n, "?"));
      Object[] args = new Object[n];
      java.util.Arrays.fill(args, 1L);
      LibsqlException e = fails("ARGUMENT_INVALID", () -> c.execute(sql, args));
      assertTrue(e.getMessage().contains("32766"), e::getMessage);
      fails("ARGUMENT_INVALID", () -> c.execute("SELECT ?40000"));
      assertEquals(1L, c.execute("SELECT 1").rows().get(0).getLong(0));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void emptyBlankAndCommentOnlySql(String kind) {
    try (Client c = Libsql.createClient(config(kind))) {
      for (String sql : new String[] {"", "   ", "-- only a comment", "/* c */", ";"}) {
        fails("SQL_NO_STATEMENT", () -> c.execute(sql));
        fails("SQL_NO_STATEMENT", () -> c.execute(sql)); // and again: nothing broke the first time
        LibsqlException e = fails("SQL_NO_STATEMENT", () -> c.batch(List.of(Statement.of("SELECT 1"), Statement.of(sql))));
        assertEquals(1, e.statementIndex());
        c.executeMultiple(sql); // a script of no statements does nothing
      }
      assertEquals(List.of(), c.batch(List.of()));
      assertEquals(1L, c.execute("SELECT 1").rows().get(0).getLong(0));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void codesAreTheSame(String kind) {
    try (Client c = Libsql.createClient(config(kind))) {
      String t = table(c);
      fails("SQLITE_ERROR", () -> c.execute("CREATE TABLE " + t + " (x)"));
      fails("SQLITE_ERROR", () -> c.execute("SELECT nope FROM " + t));
      fails("SQLITE_ERROR", () -> c.execute("SELECT * FROM " + t + "_missing"));
      fails("SQLITE_ERROR", () -> c.execute("SELEC 1"));
      fails("SQLITE_ERROR", () -> c.stream("SELEC 1").count());
      for (String bad : new String[] {"SELEC 1", "CREATE TABLE " + t + " (x)", "SELECT nope FROM " + t}) {
        LibsqlException e = fails("SQLITE_ERROR", () -> c.batch(List.of(
            Statement.of("INSERT INTO " + t + " (v) VALUES (1)"), Statement.of(bad), Statement.of("SELECT 1"))));
        assertEquals(1, e.statementIndex(), bad);
        try (Transaction tx = c.transaction()) {
          e = fails("SQLITE_ERROR", () -> tx.batch(List.of(Statement.of("SELECT 1"), Statement.of(bad))));
          assertEquals(1, e.statementIndex(), bad);
        }
      }
      assertEquals(0, count(c, t));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void scriptWithParseErrorRunsNothing(String kind) {
    try (Client c = Libsql.createClient(config(kind))) {
      String t = table(c);
      fails("SQLITE_ERROR", () -> c.executeMultiple(
          "INSERT INTO " + t + " (v) VALUES (1); SELEC 2; INSERT INTO " + t + " (v) VALUES (3)"));
      assertEquals(0, count(c, t));
      // a runtime error stops the script where it happens: what ran before it stays
      fails("SQLITE_ERROR", () -> c.executeMultiple(
          "INSERT INTO " + t + " (v) VALUES (1); SELECT * FROM " + t + "_missing; INSERT INTO " + t + " (v) VALUES (3)"));
      assertEquals(1, count(c, t));
      // a script may create what its later statements use
      c.executeMultiple("CREATE TABLE " + t + "_b (x); INSERT INTO " + t + "_b VALUES (1)");
      assertEquals(1, count(c, t + "_b"));
    }
  }

  /**
   * executeMultiple sends a batch of conditioned steps on ws and http alike (Hrana's sequence, which
   * sqld 0.24 answers by skipping a statement it cannot parse, is not used): a bare word is a
   * parse error everywhere, and a failure in a transaction's script leaves what ran before it.
   */
  @ParameterizedTest
  @MethodSource("kinds")
  void scriptWithAnUnparseableWordFailsEverywhere(String kind) {
    try (Client c = Libsql.createClient(config(kind))) {
      String t = table(c);
      fails("SQLITE_ERROR", () -> c.executeMultiple(
          "INSERT INTO " + t + " (v) VALUES (1); NONSENSE; INSERT INTO " + t + " (v) VALUES (3)"));
      assertEquals(0, count(c, t));
      try (Transaction tx = c.transaction()) {
        fails("SQLITE_ERROR", () -> tx.executeMultiple(
            "INSERT INTO " + t + " (v) VALUES (1); SELECT * FROM " + t + "_missing; INSERT INTO " + t + " (v) VALUES (3)"));
        tx.commit();
      }
      assertEquals(1, count(c, t));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void parseErrorFirstInTransactionKeepsItOpen(String kind) {
    try (Client c = Libsql.createClient(config(kind))) {
      String t = table(c);
      try (Transaction tx = c.transaction()) {
        fails("SQLITE_ERROR", () -> tx.execute("SELEC 1"));
        tx.execute("INSERT INTO " + t + " (v) VALUES (1)");
        tx.commit();
      }
      assertEquals(1, count(c, t));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void bareBeginDoesNotCaptureTheClient(String kind) {
    Client c = Libsql.createClient(config(kind));
    String t = table(c);
    c.execute("BEGIN");
    c.execute("INSERT INTO " + t + " (v) VALUES (1)");
    fails("SQLITE_ERROR", () -> c.executeMultiple("BEGIN; INSERT INTO " + t + " (v) VALUES (2); SELECT * FROM nope_" + t));
    c.batch(List.of(Statement.of("INSERT INTO " + t + " (v) VALUES (3)")));
    assertHealthy(kind, c, t, 2);
  }

  @Test
  void blockingOnTheIoThreadFailsFastOverWs() throws Exception {
    // long enough that the callback is attached before the answer arrives, so it runs on the reader
    String slow = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) SELECT count(*) FROM n";
    try (AsyncClient async = Libsql.createAsyncClient(Config.builder(sqld.wsUrl()).build())) {
      async.execute("SELECT 1").get(10, TimeUnit.SECONDS); // connected
      int onReader = 0;
      for (int i = 0; i < 10 && onReader < 3; i++) {
        AtomicBoolean ranOnReader = new AtomicBoolean();
        CompletableFuture<ResultSet> nested = async.execute(slow).thenApply(r -> {
          ranOnReader.set(Thread.currentThread().getName().contains("libsql"));
          return async.execute("SELECT 2").join();
        });
        try {
          nested.get(10, TimeUnit.SECONDS); // never stalls
          assertTrue(!ranOnReader.get(), "a join on the reader thread must fail, not wait");
        } catch (ExecutionException e) {
          LibsqlException cause = assertInstanceOf(LibsqlException.class, e.getCause());
          assertEquals("BLOCKING_ON_IO_THREAD", cause.code());
          assertTrue(ranOnReader.get());
          onReader++;
        }
        assertEquals(2L, async.execute("SELECT 2").get(10, TimeUnit.SECONDS).rows().get(0).getLong(0), "the connection works");
      }
      assertTrue(onReader > 0, "no callback ran on the reader thread");
      assertEquals(2L, async.execute(slow).thenApplyAsync(r -> async.execute("SELECT 2").join())
          .get(10, TimeUnit.SECONDS).rows().get(0).getLong(0));
    }
  }

  @Test
  void readOnlyTokenWriteIsAuthFailedOnEveryTransport() {
    KeyPair keys = Jwt.generateKeyPair();
    try (SqldServer secured = SqldServer.builder().jwtPublicKeyPem(Jwt.publicKeyPem(keys.getPublic())).start()) {
      String rw = Jwt.fullAccessToken(keys.getPrivate());
      String ro = Jwt.sign(keys.getPrivate(), "{\"a\":\"ro\",\"iat\":" + Instant.now().getEpochSecond() + "}");
      try (Client admin = Libsql.createClient(Config.builder(secured.httpUrl()).authToken(rw).build())) {
        admin.execute("CREATE TABLE ro_t (v)");
      }
      List<String> outcomes = new ArrayList<>();
      for (String url : new String[] {secured.wsUrl(), secured.httpUrl()}) {
        try (Client c = Libsql.createClient(Config.builder(url).authToken(ro).build())) {
          assertEquals(0L, c.execute("SELECT count(*) FROM ro_t").rows().get(0).getLong(0));
          LibsqlException e = assertThrows(LibsqlException.class, () -> c.execute("INSERT INTO ro_t VALUES (1)"));
          outcomes.add(url.substring(0, url.indexOf(':')) + " " + e.code() + " " + e.getMessage());
          assertEquals(0L, c.execute("SELECT count(*) FROM ro_t").rows().get(0).getLong(0), "reads go on");
        }
      }
      assertEquals(List.of("ws AUTH_FAILED", "http AUTH_FAILED"),
          outcomes.stream().map(o -> o.substring(0, o.indexOf(' ', o.indexOf(' ') + 1))).collect(Collectors.toList()),
          outcomes::toString);
    }
  }
}
