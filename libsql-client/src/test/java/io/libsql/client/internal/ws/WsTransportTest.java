package io.libsql.client.internal.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.Statement;
import io.libsql.client.internal.call.Futures;
import io.libsql.client.internal.engine.RowCursor;
import io.libsql.client.internal.hrana.HranaEngine;
import io.libsql.client.internal.hrana.HranaCursor;
import io.libsql.client.internal.hrana.HranaStream;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.BatchCond;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.client.internal.proto.Stmt;
import io.libsql.client.internal.proto.StmtResult;
import io.libsql.testing.SqldServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link WsTransport} against a real sqld: negotiation, pipelining, pooling, cursors, lifecycle. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WsTransportTest {
  private static final AtomicInteger TABLES = new AtomicInteger();
  static SqldServer sqld;
  private final List<WsTransport> open = new ArrayList<>();

  @BeforeAll
  static void startSqld() {
    sqld = SqldServer.builder().start();
  }

  @AfterAll
  static void stopSqld() {
    sqld.close();
  }

  @AfterEach
  void closeTransports() {
    open.forEach(WsTransport::close);
  }

  WsTransport transport(int version, Encoding encoding) {
    return track(new WsTransport(Config.builder(sqld.wsUrl()).hranaVersion(version).encoding(encoding).build()));
  }

  WsTransport track(WsTransport t) {
    open.add(t);
    return t;
  }

  static String table() {
    return "ws" + TABLES.incrementAndGet() + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
  }

  static Stmt sql(String sql, Object... args) {
    return new Stmt(sql, null, List.of(args), List.of(), true);
  }

  static <T> T await(CompletableFuture<T> f) {
    return Futures.await(f, TimeUnit.SECONDS.toNanos(60));
  }

  static LibsqlException fails(String code, CompletableFuture<?> f) {
    LibsqlException e = assertThrows(LibsqlException.class, () -> await(f));
    assertEquals(code, e.code(), e::getMessage);
    return e;
  }

  static Batch batch(String... statements) {
    List<Batch.Step> steps = new ArrayList<>();
    for (String s : statements) {
      steps.add(new Batch.Step(null, sql(s)));
    }
    return new Batch(steps);
  }

  static List<Object> values(WsTransport t, String query) {
    List<Object> out = new ArrayList<>();
    for (Object[] row : await(t.execute(sql(query))).rows()) {
      out.add(row[0]);
    }
    return out;
  }

  // ------------------------------------------------------------------ negotiation

  @ParameterizedTest
  @CsvSource({
    "0, , hrana3-protobuf, 3",
    "3, , hrana3-protobuf, 3",
    "0, PROTOBUF, hrana3-protobuf, 3",
    "0, JSON, hrana3, 3",
    "3, JSON, hrana3, 3",
    "2, , hrana2, 2",
    "1, , hrana1, 1",
  })
  void negotiatesTheSubprotocolAndSpeaksIt(int version, Encoding encoding, String expected, int expectedVersion) {
    WsTransport t = transport(version, encoding);
    StmtResult r = await(t.execute(sql("SELECT ?, 'text', x'00ff', 1.5, NULL, ?", 42L, "é\uD83D\uDE00")));
    assertEquals(expected, t.subprotocol());
    assertEquals(expectedVersion, await(t.version()));
    Object[] row = r.rows().get(0);
    assertEquals(42L, row[0]);
    assertEquals("text", row[1]);
    assertArrayEquals(new byte[] {0, (byte) 0xff}, (byte[]) row[2]);
    assertEquals(1.5, row[3]);
    assertNull(row[4]);
    assertEquals("é\uD83D\uDE00", row[5]);
  }

  @Test
  void offersExactlyWhatTheConfigAllows() {
    assertEquals(List.of("hrana3-protobuf", "hrana3", "hrana2", "hrana1"), WsTransport.subprotocols(0, null));
    assertEquals(List.of("hrana3", "hrana2", "hrana1"), WsTransport.subprotocols(0, Encoding.JSON));
    assertEquals(List.of("hrana3-protobuf"), WsTransport.subprotocols(0, Encoding.PROTOBUF));
    assertEquals(List.of("hrana3-protobuf", "hrana3"), WsTransport.subprotocols(3, null));
    assertEquals(List.of("hrana3"), WsTransport.subprotocols(3, Encoding.JSON));
    assertEquals(List.of("hrana2"), WsTransport.subprotocols(2, null));
    assertEquals(List.of("hrana1"), WsTransport.subprotocols(1, Encoding.JSON));
  }

  // ------------------------------------------------------------------ pipelining and concurrency

  @Test
  void aStreamPipelinesItsRequestsInOrder() {
    WsTransport t = transport(0, null);
    String tbl = table();
    await(t.execute(sql("CREATE TABLE " + tbl + " (i INTEGER)")));
    HranaStream s = await(t.openStream());
    List<CompletableFuture<StmtResult>> results = new ArrayList<>();
    // Nothing is awaited: open_stream, BEGIN, 200 inserts and the reads all travel back to back.
    results.add(s.execute(sql("BEGIN")));
    for (int i = 0; i < 200; i++) {
      results.add(s.execute(sql("INSERT INTO " + tbl + " VALUES (?)", (long) i)));
      results.add(s.execute(sql("SELECT count(*), max(i) FROM " + tbl)));
    }
    results.add(s.execute(sql("COMMIT")));
    for (int i = 0; i < 200; i++) {
      Object[] row = await(results.get(2 + 2 * i)).rows().get(0);
      assertEquals((long) i + 1, row[0]);
      assertEquals((long) i, row[1]);
    }
    await(results.get(results.size() - 1));
    await(s.close());
    assertEquals(200L, await(t.execute(sql("SELECT count(*) FROM " + tbl))).rows().get(0)[0]);
  }

  @ParameterizedTest
  @CsvSource({"0, ", "2, "})
  void aThousandConcurrentExecutesAreAllCorrectAndBounded(int version, Encoding encoding) {
    WsTransport t = transport(version, encoding);
    List<CompletableFuture<StmtResult>> fs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      fs.add(t.execute(sql("SELECT ?, ? * 2", (long) i, (long) i)));
    }
    for (int i = 0; i < 1000; i++) {
      Object[] row = await(fs.get(i)).rows().get(0);
      assertEquals((long) i, row[0]);
      assertEquals(2L * i, row[1]);
    }
    WsConnection c = t.current();
    int[] limits = c.inFlightLimits();
    assertEquals(32, limits[0]);
    assertTrue(c.maxInFlightSeen() <= limits[0], "in flight at most " + limits[0] + ", was " + c.maxInFlightSeen());
    assertTrue(c.pooledStreams() <= io.libsql.client.internal.hrana.StreamReuse.MAX_POOLED, "streams: " + c.pooledStreams());
    assertEquals(0, c.pendingCount());
  }

  @Test
  void sequentialOneShotsReuseOneStream() {
    WsTransport t = transport(0, null);
    for (int i = 0; i < 100; i++) {
      assertEquals((long) i, await(t.execute(sql("SELECT ?", (long) i))).rows().get(0)[0]);
    }
    assertEquals(1, t.current().pooledStreams());
  }

  @Test
  void aConcurrencyOfOneStillServesEverything() {
    WsTransport t = track(new WsTransport(Config.builder(sqld.wsUrl()).concurrency(1).build()));
    List<CompletableFuture<StmtResult>> fs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      fs.add(t.execute(sql("SELECT ?", (long) i)));
    }
    HranaStream s = await(t.openStream());
    CompletableFuture<StmtResult> inTx = s.execute(sql("SELECT 7"));
    for (int i = 0; i < 100; i++) {
      assertEquals((long) i, await(fs.get(i)).rows().get(0)[0]);
    }
    assertEquals(7L, await(inTx).rows().get(0)[0]);
    assertTrue(t.current().maxInFlightSeen() <= t.current().inFlightLimits()[1]);
  }

  // ------------------------------------------------------------------ one-shot semantics

  @ParameterizedTest
  @CsvSource({"0, ", "2, ", "1, "})
  void aOneShotBeginDoesNotLeakIntoLaterOneShots(int version, Encoding encoding) {
    WsTransport t = transport(version, encoding);
    WsTransport other = transport(0, null);
    String tbl = table();
    await(t.execute(sql("CREATE TABLE " + tbl + " (i INTEGER)")));
    await(t.execute(sql("BEGIN")));
    await(t.execute(sql("INSERT INTO " + tbl + " VALUES (1)")));
    // Committed at once (autocommit), so another connection sees it.
    assertEquals(1L, await(other.execute(sql("SELECT count(*) FROM " + tbl))).rows().get(0)[0]);
    await(t.execute(sql("  /* c */ begin immediate")));
    await(t.execute(sql("INSERT INTO " + tbl + " VALUES (2)")));
    assertEquals(2L, await(other.execute(sql("SELECT count(*) FROM " + tbl))).rows().get(0)[0]);
  }

  @Test
  void sqlErrorsKeepTheStreamAndTheConnection() {
    WsTransport t = transport(0, null);
    for (int i = 0; i < 5; i++) {
      LibsqlException e = assertThrows(LibsqlException.class, () -> await(t.execute(sql("SELECT * FROM no_such_table_ws"))));
      assertTrue(e.getMessage().contains("no such table"), e.getMessage());
      assertEquals(1L, await(t.execute(sql("SELECT 1"))).rows().get(0)[0]);
    }
    assertEquals(1, t.current().pooledStreams());
  }

  @Test
  void aBadArgumentFailsOnlyItsCall() {
    WsTransport t = transport(0, Encoding.JSON);
    fails(ErrorCode.ARGUMENT_INVALID.name(), t.execute(sql("SELECT ?", "bad \uD800 surrogate")));
    assertEquals(1L, await(t.execute(sql("SELECT 1"))).rows().get(0)[0]);
  }

  @Test
  void batchRunsWithConditions() {
    WsTransport t = transport(0, null);
    BatchResult r = await(t.batch(new Batch(List.of(
        new Batch.Step(null, sql("SELECT 1")),
        new Batch.Step(null, sql("SELECT nope")),
        new Batch.Step(new BatchCond.Ok(1), sql("SELECT 3")),
        new Batch.Step(new BatchCond.Error(1), sql("SELECT 4"))))));
    assertEquals(1L, r.stepResults().get(0).rows().get(0)[0]);
    assertNotNull(r.stepErrors().get(1));
    assertNull(r.stepResults().get(2));
    assertNull(r.stepErrors().get(2));
    assertEquals(4L, r.stepResults().get(3).rows().get(0)[0]);
  }

  // ------------------------------------------------------------------ stored SQL

  @ParameterizedTest
  @CsvSource({"0, ", "2, "})
  void repeatedSqlIsStoredWithinABoundAndEvictedSafely(int version, Encoding encoding) {
    WsTransport t = track(new WsTransport(Config.builder(sqld.wsUrl()).hranaVersion(version).encoding(encoding).build(), 8));
    String tbl = table();
    await(t.execute(sql("CREATE TABLE " + tbl + " (k INTEGER, v TEXT)")));
    // 40 distinct texts, each used many times, concurrently: far more than the 8 slots.
    List<CompletableFuture<StmtResult>> fs = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      for (int k = 0; k < 40; k++) {
        fs.add(t.execute(sql("INSERT INTO " + tbl + " /* statement number " + k + " */ VALUES (?, ?)", (long) k, "v" + round)));
      }
    }
    for (CompletableFuture<StmtResult> f : fs) {
      assertEquals(1L, await(f).affectedRowCount());
    }
    for (int k = 0; k < 40; k++) {
      BatchResult r = await(t.batch(new Batch(List.of(
          new Batch.Step(null, sql("SELECT count(*) FROM " + tbl + " WHERE k = ? /* same text */", (long) k)),
          new Batch.Step(null, sql("SELECT count(*) FROM " + tbl + " WHERE k = ? /* same text */", (long) k))))));
      assertEquals(5L, r.stepResults().get(0).rows().get(0)[0]);
      assertEquals(5L, r.stepResults().get(1).rows().get(0)[0]);
    }
    assertTrue(t.current().storedSqlSlots() <= 8, "slots: " + t.current().storedSqlSlots());
    assertTrue(t.current().storedSqlSlots() > 0, "nothing was stored");
    assertEquals(200L, await(t.execute(sql("SELECT count(*) FROM " + tbl))).rows().get(0)[0]);
    assertEquals(0, t.current().pendingCount());
  }

  @Test
  void hrana1StoresNothing() {
    WsTransport t = transport(1, null);
    for (int i = 0; i < 5; i++) {
      await(t.execute(sql("SELECT ? AS a_long_enough_column_name", (long) i)));
    }
    assertEquals(0, t.current().storedSqlSlots());
  }

  // ------------------------------------------------------------------ scripts

  @ParameterizedTest
  @CsvSource({"1, ", "2, ", "3, JSON", "0, "})
  void scriptsRunUntilTheFirstError(int version, Encoding encoding) {
    WsTransport t = transport(version, encoding);
    String tbl = table();
    await(t.sequence("CREATE TABLE " + tbl + " (v TEXT); CREATE TABLE " + tbl + "_log (v TEXT);\n"
        + "CREATE TRIGGER " + tbl + "_tr AFTER INSERT ON " + tbl + " BEGIN\n"
        + "  INSERT INTO " + tbl + "_log VALUES (new.v || ';');\n"
        + "  INSERT INTO " + tbl + "_log VALUES ('second');\n"
        + "END;\n"
        + "INSERT INTO " + tbl + " VALUES ('a;b'); -- a comment; with a semicolon\n"
        + "/* block; comment */ INSERT INTO " + tbl + " VALUES ('c')"));
    assertEquals(2L, await(t.execute(sql("SELECT count(*) FROM " + tbl))).rows().get(0)[0]);
    assertEquals(4L, await(t.execute(sql("SELECT count(*) FROM " + tbl + "_log"))).rows().get(0)[0]);
    // sqld parses the whole batch first: a syntax error anywhere means nothing runs.
    assertThrows(LibsqlException.class, () -> await(t.sequence(
        "INSERT INTO " + tbl + " VALUES ('d'); NONSENSE; INSERT INTO " + tbl + " VALUES ('e');")));
    assertEquals(2L, await(t.execute(sql("SELECT count(*) FROM " + tbl))).rows().get(0)[0]);
    // A statement failing as it runs stops the script there (as sqlite3_exec would): 'f' ran, 'g' did not.
    LibsqlException e = assertThrows(LibsqlException.class, () -> await(t.sequence(
        "INSERT INTO " + tbl + " VALUES ('f'); INSERT INTO no_such_table_seq VALUES (1); INSERT INTO " + tbl + " VALUES ('g');")));
    assertTrue(e.getMessage().contains("no_such_table_seq"), e.getMessage());
    assertEquals(List.of("a;b", "c", "f"), values(t, "SELECT v FROM " + tbl + " ORDER BY rowid"));
    await(t.sequence("  -- only a comment\n ; ;"));
  }

  @ParameterizedTest
  @CsvSource({"1, ", "3, "})
  void aStreamRunsScriptsInsideItsTransaction(int version, Encoding encoding) {
    WsTransport t = transport(version, encoding);
    String tbl = table();
    await(t.execute(sql("CREATE TABLE " + tbl + " (v INTEGER)")));
    HranaStream s = await(t.openStream());
    await(s.execute(sql("BEGIN")));
    await(s.sequence("INSERT INTO " + tbl + " VALUES (1); INSERT INTO " + tbl + " VALUES (2);"));
    assertEquals(0L, await(t.execute(sql("SELECT count(*) FROM " + tbl))).rows().get(0)[0]);
    await(s.execute(sql("ROLLBACK")));
    await(s.close());
    assertTrue(s.isClosed());
    fails(ErrorCode.TRANSACTION_CLOSED.name(), s.execute(sql("SELECT 1")));
  }

  // ------------------------------------------------------------------ cursors

  @ParameterizedTest
  @CsvSource({"0, ", "3, JSON"})
  void aCursorReadsAHundredThousandRows(int version, Encoding encoding) {
    WsTransport t = transport(version, encoding);
    int n = 100_000;
    HranaCursor c = await(t.openCursor(new Batch(List.of(new Batch.Step(null, sql(
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + n + ") SELECT x, 'r' || x FROM c"))))));
    CursorEntry first = c.next();
    assertInstanceOf(CursorEntry.StepBegin.class, first);
    long expected = 1;
    CursorEntry e;
    while ((e = c.next()) instanceof CursorEntry.Row) {
      Object[] v = ((CursorEntry.Row) e).values();
      assertEquals(expected, v[0]);
      assertEquals("r" + expected, v[1]);
      expected++;
    }
    assertEquals(n + 1, expected);
    assertInstanceOf(CursorEntry.StepEnd.class, e);
    c.close();
    // The cursor's stream went back to the pool and the connection is fine.
    assertEquals(1L, await(t.execute(sql("SELECT 1"))).rows().get(0)[0]);
    assertEquals(1, t.current().pooledStreams());
    assertEquals(0, t.current().pendingCount());
  }

  @Test
  void aCleanTransactionStreamGoesBackToThePool() {
    WsTransport t = transport(0, null);
    await(t.execute(sql("SELECT 1")));
    assertEquals(1, t.current().pooledStreams());
    for (int i = 0; i < 20; i++) {
      HranaStream s = await(t.openStream());
      assertEquals(0, t.current().pooledStreams(), "the idle stream left the pool");
      await(s.execute(sql("BEGIN")));
      await(s.execute(sql("SELECT 1")));
      await(s.execute(sql("COMMIT")));
      await(s.close());
      assertEquals(1, t.current().pooledStreams());
    }
    // Left inside a transaction: closed on the server, not pooled.
    HranaStream open = await(t.openStream());
    await(open.execute(sql("BEGIN")));
    await(open.close());
    assertEquals(0, t.current().pooledStreams());
    // Session state: not pooled either.
    HranaStream pragma = await(t.openStream());
    await(pragma.execute(sql("PRAGMA foreign_keys = ON")));
    await(pragma.close());
    assertEquals(0, t.current().pooledStreams());
    assertEquals(1L, await(t.execute(sql("SELECT 1"))).rows().get(0)[0]);
  }

  @Test
  void cursorsClosedEarlyReleaseTheirStreams() {
    WsTransport t = transport(0, null);
    for (int i = 0; i < 50; i++) {
      HranaCursor c = await(t.openCursor(batch("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) SELECT x FROM c")));
      assertInstanceOf(CursorEntry.StepBegin.class, c.next());
      assertEquals(1L, ((CursorEntry.Row) c.next()).values()[0]);
      c.close();
      c.close();
    }
    assertEquals(1L, await(t.execute(sql("SELECT 1"))).rows().get(0)[0]);
    assertTrue(t.current().pooledStreams() <= 2, "streams: " + t.current().pooledStreams());
  }

  @ParameterizedTest
  @CsvSource({"0, ", "2, "})
  void aCursorOverABadStatementFailsWhenOpened(int version, Encoding encoding) {
    HranaEngine engine = new HranaEngine(transport(version, encoding));
    LibsqlException e = assertThrows(LibsqlException.class,
        () -> await(engine.openCursor(null, Statement.of("SELECT * FROM no_such_cursor_table"))));
    assertTrue(e.getMessage().contains("no such table"), e.getMessage());
    assertEquals(1L, await(engine.execute(null, Statement.of("SELECT 1"))).rows().get(0).getLong(0));
  }

  @Test
  void withoutHrana3TheEngineServesACursorFromMemory() {
    WsTransport t = transport(2, null);
    LibsqlException e = assertThrows(LibsqlException.class, () -> await(t.openCursor(batch("SELECT 1"))));
    assertEquals(ErrorCode.PROTOCOL_VERSION_ERROR.name(), e.code());
    RowCursor c = await(new HranaEngine(t).openCursor(null, Statement.of("SELECT 1 UNION ALL SELECT 2")));
    assertEquals(1L, c.next().getLong(0));
    assertEquals(2L, c.next().getLong(0));
    assertNull(c.next());
    c.close();
  }

  // ------------------------------------------------------------------ closing

  @Test
  void closeFailsPendingCallsAndLeavesNoThreads() throws Exception {
    List<String> before = WsTestSupport.transportThreads();
    WsTransport t = transport(0, null);
    await(t.execute(sql("SELECT 1")));
    CompletableFuture<StmtResult> slow = t.execute(sql(
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000000) SELECT count(*) FROM c"));
    Thread.sleep(100);
    long start = System.nanoTime();
    t.close();
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "close() took too long");
    fails(ErrorCode.CLIENT_CLOSED.name(), slow);
    fails(ErrorCode.CLIENT_CLOSED.name(), t.execute(sql("SELECT 1")));
    fails(ErrorCode.CLIENT_CLOSED.name(), t.openStream());
    t.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<String> left;
    do {
      Thread.sleep(50);
      left = new ArrayList<>(WsTestSupport.transportThreads());
      left.removeAll(before);
    } while (!left.isEmpty() && System.nanoTime() < deadline);
    assertEquals(List.of(), left, "threads left behind");
  }

  @Test
  void aRefusedConnectionFailsFastWithoutTheToken() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    WsTransport t = track(new WsTransport(Config.builder("ws://127.0.0.1:" + port + "?authToken=s3cr3t-token").build()));
    LibsqlException e = fails(ErrorCode.CONNECTION_FAILED.name(), t.execute(sql("SELECT 1")));
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    assertTrue(e.getMessage().contains("ws://127.0.0.1:" + port), e.getMessage());
    // Every call tries again.
    fails(ErrorCode.CONNECTION_FAILED.name(), t.execute(sql("SELECT 1")));
  }
}
