package io.libsql.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The API suite, written once and run against every kind of URL: each subclass gives a
 * {@link Config} for a fresh database (a local file, or a real sqld over one transport).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class ClientSuite {
  private static final AtomicInteger TABLES = new AtomicInteger();

  protected Client client;
  protected AsyncClient async;

  /** A configuration for this suite's database. */
  protected abstract Config config();

  /** The value {@link Client#protocol()} must report. */
  protected abstract String expectedProtocol();

  /** True for local files; false for sqld, which refuses some statements and enforces less. */
  protected boolean local() {
    return expectedProtocol().equals("file");
  }

  /** Whether +/-Infinity can be sent (not over JSON, which has no literal for it). */
  protected boolean canSendInfinity() {
    return true;
  }

  @BeforeEach
  void openClients() {
    client = Libsql.createClient(config());
    async = Libsql.createAsyncClient(config());
  }

  @AfterEach
  void closeClients() {
    client.close();
    async.close();
  }

  /** A table name no other test uses, so suites can share one server. */
  protected static String table() {
    return "t" + TABLES.incrementAndGet() + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
  }

  static LibsqlException assertFails(String code, ThrowingRunnable r) {
    LibsqlException e = assertThrows(LibsqlException.class, r::run);
    assertEquals(code, e.code(), () -> "unexpected code for: " + e.getMessage());
    return e;
  }

  static LibsqlException assertFails(ErrorCode code, ThrowingRunnable r) {
    return assertFails(code.name(), r);
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private String createTable(String columns) {
    String t = table();
    client.execute("CREATE TABLE " + t + " (" + columns + ")");
    return t;
  }

  private long count(String t) {
    return client.execute("SELECT count(*) FROM " + t).rows().get(0).getLong(0);
  }

  // --- execute and values ------------------------------------------------------------------

  @Test
  void protocolIsReported() {
    assertEquals(expectedProtocol(), client.protocol());
    assertEquals(expectedProtocol(), async.protocol());
  }

  @Test
  void selectOne() {
    ResultSet rs = client.execute("SELECT 1 AS one, 'x' AS two");
    assertEquals(List.of("one", "two"), rs.columns());
    assertEquals(1, rs.size());
    Row row = rs.rows().get(0);
    assertEquals(1L, row.get(0));
    assertEquals("x", row.get("two"));
    assertEquals(0, rs.rowsAffected());
    assertNull(rs.lastInsertRowid());
  }

  @Test
  void integersAreExact() {
    ResultSet rs = client.execute("SELECT ?, ?, ?, ?", Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L);
    assertEquals(List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L), rs.rows().get(0).values());
    String t = createTable("i INTEGER");
    client.execute("INSERT INTO " + t + " VALUES (?), (?)", Long.MIN_VALUE, Long.MAX_VALUE);
    List<Object> back = client.execute("SELECT i FROM " + t + " ORDER BY i").rows().stream().map(r -> r.get(0)).collect(Collectors.toList());
    assertEquals(List.of(Long.MIN_VALUE, Long.MAX_VALUE), back);
  }

  @Test
  void doublesRoundTrip() {
    double[] values = {1.5, -2.25, 1e308, Double.MIN_VALUE, 0.1 + 0.2, 3.0};
    for (double d : values) {
      Object v = client.execute("SELECT ?", d).rows().get(0).get(0);
      assertEquals(Double.valueOf(d), v, "value " + d);
    }
  }

  @Test
  void negativeZeroKeepsItsSign() {
    double back = (Double) client.execute("SELECT ?", -0.0).rows().get(0).get(0);
    assertEquals(Double.NEGATIVE_INFINITY, 1 / back);
  }

  @Test
  void nanIsStoredAsNull() {
    // SQLite has no NaN: it binds NaN as NULL, and so do we on every transport.
    assertNull(client.execute("SELECT ?", Double.NaN).rows().get(0).get(0));
  }

  @Test
  void infinity() {
    if (canSendInfinity()) {
      assertEquals(Double.POSITIVE_INFINITY, client.execute("SELECT ?", Double.POSITIVE_INFINITY).rows().get(0).get(0));
      assertEquals(Double.NEGATIVE_INFINITY, client.execute("SELECT ?", Double.NEGATIVE_INFINITY).rows().get(0).get(0));
    } else {
      LibsqlException e = assertFails(ErrorCode.ARGUMENT_INVALID, () -> client.execute("SELECT ?", Double.POSITIVE_INFINITY));
      assertTrue(e.getMessage().toLowerCase().contains("infinit"), e.getMessage());
    }
  }

  @Test
  void textRoundTrips() {
    String[] texts = {"", "plain", "héllo wörld", "𝄞 music, 中文, emoji 😀", "quote ' and \" and \\ and \n newline", "x".repeat(100_000)};
    String t = createTable("id INTEGER PRIMARY KEY, s TEXT");
    for (String s : texts) {
      client.execute("INSERT INTO " + t + "(s) VALUES (?)", s);
    }
    List<String> back = client.execute("SELECT s FROM " + t + " ORDER BY id").rows().stream().map(r -> r.getString(0)).collect(Collectors.toList());
    assertEquals(List.of(texts), back);
  }

  @Test
  void blobsRoundTrip() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    byte[] big = new byte[1 << 20];
    new java.util.Random(7).nextBytes(big);
    String t = createTable("id INTEGER PRIMARY KEY, b BLOB");
    client.execute("INSERT INTO " + t + "(b) VALUES (?), (?), (?)", new byte[0], all, big);
    List<Row> rows = client.execute("SELECT b FROM " + t + " ORDER BY id").rows();
    assertArrayEquals(new byte[0], (byte[]) rows.get(0).get(0));
    assertArrayEquals(all, rows.get(1).getBytes(0));
    assertArrayEquals(big, rows.get(2).getBytes("b"));
  }

  @Test
  void nullsRoundTrip() {
    Row row = client.execute("SELECT ?, NULL", (Object) null).rows().get(0);
    assertNull(row.get(0));
    assertTrue(row.isNull(1));
    assertNull(row.getString(1));
    assertEquals(0L, row.getLong(1));
  }

  @Test
  void argumentTypesAreConverted() {
    Instant instant = Instant.ofEpochMilli(1_700_000_000_123L);
    Row row = client.execute("SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?",
        7, (short) 8, (byte) 9, 1.5f, true, false, BigInteger.valueOf(Long.MAX_VALUE), instant,
        new Date(1_700_000_000_456L), ByteBuffer.wrap(new byte[] {1, 2, 3})).rows().get(0);
    assertEquals(List.of(7L, 8L, 9L, 1.5, 1L, 0L, Long.MAX_VALUE, 1_700_000_000_123L, 1_700_000_000_456L),
        row.values().subList(0, 9));
    assertArrayEquals(new byte[] {1, 2, 3}, row.getBytes(9));
  }

  @Test
  void unsupportedArgumentTypeFailsBeforeSending() {
    LibsqlException e = assertFails(ErrorCode.ARGUMENT_INVALID, () -> client.execute("SELECT ?, ?", 1, new Object()));
    assertTrue(e.getMessage().contains("argument 2"), e.getMessage());
    assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    assertFails(ErrorCode.ARGUMENT_INVALID, () -> client.execute("SELECT ?", BigInteger.TWO.pow(64)));
  }

  @Test
  void loneSurrogateFailsOnlyThatCall() {
    assertFails(ErrorCode.ARGUMENT_INVALID, () -> client.execute("SELECT ?", "bad \uD800 text"));
    assertEquals(1L, client.execute("SELECT 1").rows().get(0).get(0));
  }

  @Test
  void namedArguments() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put(":a", 1L);
    args.put("b", "two");
    args.put("$c", null);
    Row row = client.execute(Statement.named("SELECT :a, @b, $c, :a", args)).rows().get(0);
    assertEquals(1L, row.get(0));
    assertEquals("two", row.get(1));
    assertNull(row.get(2));
    assertEquals(1L, row.get(3));
    assertFails(ErrorCode.ARGUMENT_INVALID, () -> client.execute(Statement.named("SELECT :a", Map.of("zzz", 1))));
  }

  @Test
  void numberedParameters() {
    Row row = client.execute("SELECT ?2, ?1, ?2", "first", "second").rows().get(0);
    assertEquals(List.of("second", "first", "second"), row.values());
  }

  @Test
  void sqlInArgumentsIsStoredVerbatim() {
    String t = createTable("s TEXT");
    String evil = "x'); DROP TABLE " + t + "; --";
    client.execute("INSERT INTO " + t + " VALUES (?)", evil);
    assertEquals(evil, client.execute("SELECT s FROM " + t).rows().get(0).getString(0));
  }

  @Test
  void rowsAffectedAndLastInsertRowid() {
    String t = createTable("id INTEGER PRIMARY KEY, v INTEGER");
    ResultSet ins = client.execute("INSERT INTO " + t + "(id, v) VALUES (41, 1)");
    assertEquals(1, ins.rowsAffected());
    assertEquals(41L, ins.lastInsertRowid());
    ResultSet ins2 = client.execute("INSERT INTO " + t + "(v) VALUES (2), (3)");
    assertEquals(2, ins2.rowsAffected());
    assertEquals(43L, ins2.lastInsertRowid());
    ResultSet upd = client.execute("UPDATE " + t + " SET v = v + 1");
    assertEquals(3, upd.rowsAffected());
    ResultSet del = client.execute("DELETE FROM " + t + " WHERE v > 2");
    assertEquals(2, del.rowsAffected());
    ResultSet sel = client.execute("SELECT * FROM " + t);
    assertEquals(0, sel.rowsAffected());
    assertNull(sel.lastInsertRowid());
  }

  @Test
  void insertReturning() {
    String t = createTable("id INTEGER PRIMARY KEY, v TEXT");
    ResultSet rs = client.execute("INSERT INTO " + t + "(v) VALUES ('a'), ('b') RETURNING id, v");
    assertEquals(List.of("id", "v"), rs.columns());
    assertEquals(2, rs.size());
    assertEquals("b", rs.rows().get(1).getString("v"));
  }

  @Test
  void declaredColumnTypes() {
    String t = createTable("i INTEGER, s VARCHAR(30), r REAL, b BLOB, x");
    client.execute("INSERT INTO " + t + " VALUES (1, 's', 1.0, x'00', NULL)");
    ResultSet rs = client.execute("SELECT i, s, r, b, x, i + 1 AS expr FROM " + t);
    assertEquals(List.of("INTEGER", "VARCHAR(30)", "REAL", "BLOB", "", ""), rs.columnTypes());
  }

  @Test
  void rowAccessors() {
    Row row = client.execute("SELECT 42 AS n, 2.5 AS d, 'text' AS s, x'0102' AS b, '17' AS num").rows().get(0);
    assertEquals(5, row.size());
    assertEquals(42L, row.getLong("n"));
    assertEquals(42.0, row.getDouble(0));
    assertEquals(2L, row.getLong("d"));
    assertEquals("42", row.getString(0));
    assertEquals(17L, row.getLong("num"));
    assertArrayEquals(new byte[] {1, 2}, row.getBytes("b"));
    assertEquals(List.of("n", "d", "s", "b", "num"), new ArrayList<>(row.toMap().keySet()));
    assertEquals(List.of("n", "d", "s", "b", "num"), row.columns());
    assertFails(ErrorCode.ARGUMENT_INVALID, () -> row.get("missing"));
    assertFails(ErrorCode.ARGUMENT_INVALID, () -> row.get(5));
    assertFails(ErrorCode.ARGUMENT_INVALID, () -> row.getLong("s"));
  }

  @Test
  void floatVectorsRoundTrip() {
    float[] v = {0.5f, -1.25f, 3.0e-8f, 1234.5f};
    Row row = client.execute("SELECT ?", (Object) v).rows().get(0);
    assertArrayEquals(v, row.getVector(0));
  }

  @Test
  void resultSetIsIterable() {
    String t = createTable("v INTEGER");
    client.execute("INSERT INTO " + t + " VALUES (1), (2), (3)");
    long sum = 0;
    for (Row row : client.execute("SELECT v FROM " + t)) {
      sum += row.getLong(0);
    }
    assertEquals(6, sum);
  }

  // --- errors -------------------------------------------------------------------------------

  @Test
  void sqlErrorsCarrySqliteCodes() {
    assertFails("SQLITE_ERROR", () -> client.execute("SELEC 1"));
    LibsqlException noTable = assertFails("SQLITE_ERROR", () -> client.execute("SELECT * FROM no_such_table_here"));
    assertTrue(noTable.getMessage().contains("no such table"), noTable.getMessage());
    String t = createTable("id INTEGER PRIMARY KEY, u TEXT UNIQUE, nn TEXT NOT NULL");
    client.execute("INSERT INTO " + t + " VALUES (1, 'a', 'x')");
    assertFails("SQLITE_CONSTRAINT_PRIMARYKEY", () -> client.execute("INSERT INTO " + t + " VALUES (1, 'b', 'x')"));
    assertFails("SQLITE_CONSTRAINT_UNIQUE", () -> client.execute("INSERT INTO " + t + " VALUES (2, 'a', 'x')"));
    assertFails("SQLITE_CONSTRAINT_NOTNULL", () -> client.execute("INSERT INTO " + t + " VALUES (3, 'c', NULL)"));
    // The client is still usable after errors.
    assertEquals(1, count(t));
  }

  @Test
  void closedClientRefusesWork() {
    Client c = Libsql.createClient(config());
    assertEquals(1L, c.execute("SELECT 1").rows().get(0).get(0));
    c.close();
    c.close();
    assertTrue(c.isClosed());
    assertFails(ErrorCode.CLIENT_CLOSED, () -> c.execute("SELECT 1"));
    assertFails(ErrorCode.CLIENT_CLOSED, () -> c.batch(List.of(Statement.of("SELECT 1"))));
    assertFails(ErrorCode.CLIENT_CLOSED, c::transaction);
    AsyncClient a = Libsql.createAsyncClient(config());
    a.close();
    LibsqlException e = assertThrows(LibsqlException.class, () -> unwrap(a.execute("SELECT 1")));
    assertEquals("CLIENT_CLOSED", e.code());
  }

  // --- batch and scripts --------------------------------------------------------------------

  @Test
  void batchReturnsEveryResult() {
    String t = createTable("id INTEGER PRIMARY KEY, v TEXT");
    List<ResultSet> results = client.batch(TransactionMode.WRITE, List.of(
        Statement.of("INSERT INTO " + t + "(v) VALUES (?)", "a"),
        Statement.of("INSERT INTO " + t + "(v) VALUES (?)", "b"),
        Statement.of("SELECT v FROM " + t + " ORDER BY id")));
    assertEquals(3, results.size());
    assertEquals(1, results.get(0).rowsAffected());
    assertEquals(2L, results.get(1).lastInsertRowid());
    assertEquals(2, results.get(2).size());
  }

  @Test
  void batchIsAtomic() {
    String t = createTable("id INTEGER PRIMARY KEY");
    client.execute("INSERT INTO " + t + " VALUES (100)");
    LibsqlException e = assertFails("SQLITE_CONSTRAINT_PRIMARYKEY", () -> client.batch(List.of(
        Statement.of("INSERT INTO " + t + " VALUES (1)"),
        Statement.of("INSERT INTO " + t + " VALUES (2)"),
        Statement.of("INSERT INTO " + t + " VALUES (100)"),
        Statement.of("INSERT INTO " + t + " VALUES (3)"))));
    assertEquals(2, e.statementIndex());
    assertTrue(e.getMessage().contains("statement 2"), e.getMessage());
    assertEquals(1, count(t));
    // The client still works and a later batch applies.
    client.batch(List.of(Statement.of("INSERT INTO " + t + " VALUES (1)")));
    assertEquals(2, count(t));
  }

  @Test
  void readBatchRefusesWrites() {
    String t = createTable("id INTEGER");
    // sqld 0.24 accepts BEGIN TRANSACTION READONLY but does not enforce it on a primary (and
    // refuses PRAGMA query_only), so only a local file refuses the write.
    if (local()) {
      assertThrows(LibsqlException.class, () -> client.batch(TransactionMode.READ, List.of(Statement.of("INSERT INTO " + t + " VALUES (1)"))));
      assertEquals(0, count(t));
    }
    List<ResultSet> r = client.batch(TransactionMode.READ, List.of(Statement.of("SELECT count(*) FROM " + t)));
    assertEquals(0L, r.get(0).rows().get(0).get(0));
  }

  @Test
  void emptyBatch() {
    assertEquals(List.of(), client.batch(List.of()));
  }

  @Test
  void executeMultipleRunsAScript() {
    String t = table();
    client.executeMultiple("CREATE TABLE " + t + " (v INTEGER);\n INSERT INTO " + t + " VALUES (1);"
        + " INSERT INTO " + t + " VALUES (2); -- a comment\n INSERT INTO " + t + " VALUES (';');");
    assertEquals(3, count(t));
    assertFails("SQLITE_ERROR", () -> client.executeMultiple("INSERT INTO " + t + " VALUES (4); INSERT INTO no_such_table_x VALUES (1);"));
  }

  // --- transactions -------------------------------------------------------------------------

  @Test
  void transactionCommitIsIsolatedUntilCommit() {
    String t = createTable("id INTEGER PRIMARY KEY, v TEXT");
    try (Transaction tx = client.transaction(TransactionMode.WRITE)) {
      tx.execute("INSERT INTO " + t + "(v) VALUES (?)", "in tx");
      assertEquals(1L, tx.execute("SELECT count(*) FROM " + t).rows().get(0).get(0));
      assertEquals(0, count(t), "uncommitted rows must not be visible outside the transaction");
      tx.commit();
      assertTrue(tx.isClosed());
    }
    assertEquals(1, count(t));
  }

  @Test
  void transactionRollback() {
    String t = createTable("id INTEGER PRIMARY KEY");
    Transaction tx = client.transaction();
    tx.execute("INSERT INTO " + t + " VALUES (1)");
    tx.rollback();
    assertEquals(0, count(t));
    assertFails(ErrorCode.TRANSACTION_CLOSED, () -> tx.execute("SELECT 1"));
    assertFails(ErrorCode.TRANSACTION_CLOSED, tx::commit);
  }

  @Test
  void closeWithoutCommitRollsBack() {
    String t = createTable("id INTEGER PRIMARY KEY");
    try (Transaction tx = client.transaction(TransactionMode.DEFERRED)) {
      tx.batch(List.of(Statement.of("INSERT INTO " + t + " VALUES (1)"), Statement.of("INSERT INTO " + t + " VALUES (2)")));
    }
    assertEquals(0, count(t));
  }

  @Test
  void transactionSurvivesAFailedStatement() {
    String t = createTable("id INTEGER PRIMARY KEY");
    try (Transaction tx = client.transaction(TransactionMode.WRITE)) {
      tx.execute("INSERT INTO " + t + " VALUES (1)");
      assertFails("SQLITE_CONSTRAINT_PRIMARYKEY", () -> tx.execute("INSERT INTO " + t + " VALUES (1)"));
      LibsqlException e = assertFails("SQLITE_CONSTRAINT_PRIMARYKEY", () -> tx.batch(List.of(
          Statement.of("INSERT INTO " + t + " VALUES (2)"), Statement.of("INSERT INTO " + t + " VALUES (1)"))));
      assertEquals(1, e.statementIndex());
      tx.commit();
    }
    // Statement 0 of the failed in-transaction batch ran; the transaction decides, not the batch.
    assertEquals(2, count(t));
  }

  @Test
  void readTransactionRefusesWrites() {
    String t = createTable("id INTEGER");
    try (Transaction tx = client.transaction(TransactionMode.READ)) {
      assertEquals(0L, tx.execute("SELECT count(*) FROM " + t).rows().get(0).get(0));
      if (local()) {
        assertThrows(LibsqlException.class, () -> tx.execute("INSERT INTO " + t + " VALUES (1)"));
      }
    }
    client.execute("INSERT INTO " + t + " VALUES (1)");
    assertEquals(1, count(t));
  }

  @Test
  void transactionExecuteMultipleAndEmptyCommit() {
    String t = createTable("v INTEGER");
    try (Transaction tx = client.transaction()) {
      tx.executeMultiple("INSERT INTO " + t + " VALUES (1); INSERT INTO " + t + " VALUES (2);");
      tx.commit();
    }
    assertEquals(2, count(t));
    Transaction empty = client.transaction();
    empty.commit();
    assertTrue(empty.isClosed());
  }

  @Test
  void writeTransactionsFromSeveralThreadsSerialise() throws Exception {
    String t = createTable("id INTEGER PRIMARY KEY, who INTEGER");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int who = w;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 5; i++) {
            try (Transaction tx = client.transaction(TransactionMode.WRITE)) {
              tx.execute("INSERT INTO " + t + "(who) VALUES (?)", who);
              tx.commit();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(20, count(t));
  }

  @Test
  void migrateRebuildsAReferencedTable() {
    String parent = table();
    String child = table();
    client.executeMultiple("PRAGMA foreign_keys = ON; CREATE TABLE " + parent + " (id INTEGER PRIMARY KEY, name TEXT);"
        + "CREATE TABLE " + child + " (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES " + parent + "(id));"
        + "INSERT INTO " + parent + " VALUES (1, 'a'); INSERT INTO " + child + " VALUES (10, 1);");
    client.migrate(List.of(
        Statement.of("CREATE TABLE new_" + parent + " (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '')"),
        Statement.of("INSERT INTO new_" + parent + " SELECT id, name FROM " + parent),
        Statement.of("DROP TABLE " + parent),
        Statement.of("ALTER TABLE new_" + parent + " RENAME TO " + parent)));
    assertEquals("a", client.execute("SELECT name FROM " + parent + " WHERE id = 1").rows().get(0).getString(0));
    assertEquals(1, count(child));

    LibsqlException e = assertFails("SQLITE_CONSTRAINT_FOREIGNKEY", () -> client.migrate(List.of(
        Statement.of("DELETE FROM " + parent))));
    assertTrue(e.getMessage().contains(child), e.getMessage());
    assertEquals(1, count(parent), "a migration that breaks a foreign key is rolled back");
  }

  // --- sessions ---------------------------------------------------------------------------

  @Test
  void sessionKeepsConnectionState() {
    String t = createTable("id INTEGER PRIMARY KEY, v TEXT");
    try (Session session = client.session()) {
      session.execute("INSERT INTO " + t + "(id, v) VALUES (77, 'x')");
      assertEquals(77L, session.execute("SELECT last_insert_rowid()").rows().get(0).get(0));
      if (local()) {
        session.execute("CREATE TEMP TABLE scratch (v INTEGER)");
        session.execute("INSERT INTO scratch VALUES (5)");
        assertEquals(5L, session.execute("SELECT v FROM scratch").rows().get(0).get(0));
      } else {
        // sqld refuses temporary tables ("unsupported statement").
        assertFails("SQLITE_ERROR", () -> session.execute("CREATE TEMP TABLE scratch (v INTEGER)"));
      }
      assertFalse(session.inTransaction());
    }
  }

  @Test
  void sessionDescribesWithoutRunning() {
    String t = createTable("id INTEGER PRIMARY KEY, v VARCHAR(20)");
    try (Session session = client.session()) {
      if (expectedProtocol().equals("ws") && config().hranaVersion() == 1) {
        assertFails("PROTOCOL_VERSION_ERROR", () -> session.describe("SELECT 1"));
        return;
      }
      Description d = session.describe("SELECT id, v, id + ? AS e FROM " + t + " WHERE v = ?");
      assertEquals(2, d.parameterCount());
      assertEquals(List.of("id", "v", "e"), d.columns());
      assertEquals(List.of("INTEGER", "VARCHAR(20)", ""), d.columnTypes());
      if (local() || config().syncUrl() != null) {
        // SQLite tells a local engine (replicas describe on their file) which table each column
        // reads; sqld's describe does not
        assertEquals(t, d.origin(0).table());
        assertEquals(Boolean.FALSE, d.origin(1).notNull());
        assertFalse(d.origin(0).autoIncrement());
      } else {
        assertNull(d.origin(0));
        assertNull(d.origin(1));
      }
      assertNull(d.origin(2), "an expression reads no table");
      assertFails("ARGUMENT_INVALID", () -> d.origin(3));
      Description insert = session.describe("INSERT INTO " + t + " (v) VALUES (:v)");
      assertEquals(1, insert.parameterCount());
      assertEquals(List.of(), insert.columns());
      assertEquals(0, count(t), "nothing ran");
      assertFails("SQLITE_ERROR", () -> session.describe("SELECT * FROM no_such_table_d"));
      String code = assertThrows(LibsqlException.class, () -> session.describe("SELECT missing FROM " + t)).code();
      assertTrue(code.equals("SQLITE_ERROR") || code.equals("SQL_INPUT_ERROR"), code); // sqld's own code
      session.execute("BEGIN");
      session.execute("CREATE TABLE " + t + "_new (x REAL)");
      assertEquals(List.of("REAL"), session.describe("SELECT x FROM " + t + "_new").columnTypes(), "sees its own transaction");
      assertTrue(session.inTransaction());
      session.execute("ROLLBACK");
    }
  }

  @Test
  void sessionTransactionsBySql() {
    String t = createTable("id INTEGER PRIMARY KEY");
    try (Session session = client.session()) {
      session.execute("BEGIN");
      assertTrue(session.inTransaction());
      session.execute("INSERT INTO " + t + " VALUES (1)");
      List<ResultSet> inTx = session.batch(List.of(Statement.of("INSERT INTO " + t + " VALUES (2)")));
      assertEquals(1, inTx.get(0).rowsAffected());
      assertEquals(0, count(t));
      session.execute("COMMIT");
      assertFalse(session.inTransaction());
      assertEquals(2, count(t));
      session.execute("BEGIN");
      session.execute("INSERT INTO " + t + " VALUES (3)");
    }
    assertEquals(2, count(t), "closing a session rolls back its open transaction");
  }

  /** A failed script may have left a transaction open: outside one it is rolled back, inside one the session ends. */
  @Test
  void sessionScriptThatFailsAfterItsBeginLeavesNoHiddenTransaction() {
    String t = createTable("id INTEGER PRIMARY KEY");
    try (Session session = client.session()) {
      assertThrows(LibsqlException.class, () -> session.executeMultiple(
          "BEGIN; INSERT INTO " + t + " VALUES (1); INSERT INTO no_such_table_x VALUES (1); COMMIT;"));
      assertFalse(session.inTransaction());
      session.execute("INSERT INTO " + t + " VALUES (2)");
      assertEquals(1, count(t), "the next statement runs in autocommit mode, the script's insert is rolled back");
    }
    try (Session session = client.session()) {
      session.execute("BEGIN");
      session.execute("INSERT INTO " + t + " VALUES (3)");
      assertThrows(LibsqlException.class, () -> session.executeMultiple(
          "COMMIT; INSERT INTO no_such_table_x VALUES (1);"));
      LibsqlException e = assertThrows(LibsqlException.class, () -> session.execute("INSERT INTO " + t + " VALUES (4)"));
      assertTrue(session.isClosed(), "the session ended: " + e.code());
    }
    List<Object> ids = new java.util.ArrayList<>();
    client.execute("SELECT id FROM " + t + " ORDER BY id").rows().forEach(r -> ids.add(r.get(0)));
    assertEquals(List.of(2L, 3L), ids, "the script's COMMIT ran; the INSERT after it never did");
  }

  @Test
  void sessionBatchIsAtomicOutsideATransaction() {
    String t = createTable("id INTEGER PRIMARY KEY");
    try (Session session = client.session()) {
      LibsqlException e = assertFails("SQLITE_CONSTRAINT_PRIMARYKEY", () -> session.batch(List.of(
          Statement.of("INSERT INTO " + t + " VALUES (1)"), Statement.of("INSERT INTO " + t + " VALUES (1)"))));
      assertEquals(1, e.statementIndex());
      assertEquals(0L, session.execute("SELECT count(*) FROM " + t).rows().get(0).get(0));
      session.executeMultiple("INSERT INTO " + t + " VALUES (10); INSERT INTO " + t + " VALUES (11);");
    }
    assertEquals(2, count(t));
  }

  // --- streaming ----------------------------------------------------------------------------

  @Test
  void streamReadsAllRowsInOrder() {
    String t = createTable("id INTEGER PRIMARY KEY, s TEXT");
    client.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000) "
        + "INSERT INTO " + t + " SELECT x, 'row ' || x FROM c");
    try (Stream<Row> rows = client.stream("SELECT id, s FROM " + t + " WHERE id > ? ORDER BY id", 0)) {
      long[] expected = {1};
      rows.forEach(r -> {
        assertEquals(List.of("id", "s"), r.columns());
        assertEquals(expected[0], r.getLong("id"));
        assertEquals("row " + expected[0], r.getString(1));
        expected[0]++;
      });
      assertEquals(5001, expected[0]);
    }
  }

  @Test
  void streamClosedEarlyReleasesItsResources() {
    String t = createTable("id INTEGER PRIMARY KEY");
    client.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000) INSERT INTO " + t + " SELECT x FROM c");
    for (int i = 0; i < 20; i++) {
      try (Stream<Row> rows = client.stream(Statement.of("SELECT id FROM " + t + " ORDER BY id"))) {
        assertEquals(1L, rows.findFirst().orElseThrow().get(0));
      }
    }
    client.execute("INSERT INTO " + t + " VALUES (5000)");
    assertEquals(3001, count(t));
  }

  @Test
  void streamReportsErrors() {
    LibsqlException e = assertThrows(LibsqlException.class, () -> {
      try (Stream<Row> rows = client.stream("SELECT * FROM no_such_table_for_stream")) {
        rows.count();
      }
    });
    assertEquals("SQLITE_ERROR", e.code());
  }

  // --- async --------------------------------------------------------------------------------

  static <T> T unwrap(CompletableFuture<T> f) throws Exception {
    try {
      return f.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof LibsqlException) {
        throw (LibsqlException) e.getCause();
      }
      throw e;
    }
  }

  @Test
  void asyncOperations() throws Exception {
    String t = createTable("id INTEGER PRIMARY KEY, v TEXT");
    assertEquals(1, unwrap(async.execute("INSERT INTO " + t + "(v) VALUES (?)", "a")).rowsAffected());
    assertEquals(2, unwrap(async.batch(List.of(Statement.of("INSERT INTO " + t + "(v) VALUES ('b')"),
        Statement.of("SELECT * FROM " + t)))).size());
    unwrap(async.executeMultiple("INSERT INTO " + t + "(v) VALUES ('c'); INSERT INTO " + t + "(v) VALUES ('d');"));
    AsyncTransaction tx = unwrap(async.transaction(TransactionMode.WRITE));
    CompletableFuture<ResultSet> a = tx.execute("INSERT INTO " + t + "(v) VALUES ('e')");
    CompletableFuture<ResultSet> b = tx.execute("SELECT count(*) FROM " + t);
    unwrap(tx.commit());
    assertEquals(1, unwrap(a).rowsAffected());
    assertEquals(5L, unwrap(b).rows().get(0).get(0));
    assertTrue(tx.isClosed());
    try (Stream<Row> s = unwrap(async.stream(Statement.of("SELECT v FROM " + t + " ORDER BY id")))) {
      assertEquals(List.of("a", "b", "c", "d", "e"), s.map(r -> r.getString(0)).collect(Collectors.toList()));
    }
    LibsqlException e = assertThrows(LibsqlException.class, () -> unwrap(async.execute("SELECT * FROM nope_nope")));
    assertEquals("SQLITE_ERROR", e.code());
    assertEquals("ARGUMENT_INVALID", assertThrows(LibsqlException.class, () -> unwrap(async.execute("SELECT ?", new Object()))).code());
  }

  @Test
  void manyConcurrentAsyncExecutes() throws Exception {
    int n = 300;
    List<CompletableFuture<ResultSet>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      futures.add(async.execute("SELECT ?", (long) i));
    }
    for (int i = 0; i < n; i++) {
      assertEquals((long) i, unwrap(futures.get(i)).rows().get(0).get(0));
    }
  }

  @Test
  void concurrentBlockingCallsAreSafe() throws Exception {
    String t = createTable("id INTEGER PRIMARY KEY, v INTEGER");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        int base = w * 1000;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            client.execute("INSERT INTO " + t + " VALUES (?, ?)", base + i, i);
            assertInstanceOf(Long.class, client.execute("SELECT count(*) FROM " + t).rows().get(0).get(0));
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(200, count(t));
  }

  @Test
  void configToStringHidesToken() {
    Config c = config().toBuilder().authToken("secret-token-value").build();
    assertFalse(c.toString().contains("secret-token-value"));
  }
}
