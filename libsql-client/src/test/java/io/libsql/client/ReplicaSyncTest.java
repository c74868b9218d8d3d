package io.libsql.client;

import static io.libsql.client.internal.replica.ReplicaTesting.assertReplicaEquals;
import static io.libsql.client.internal.replica.ReplicaTesting.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.testing.Jwt;
import io.libsql.client.internal.replica.ReplicaReaderMain;
import io.libsql.client.internal.replica.ReplicaTesting;
import io.libsql.testing.SqldServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Embedded replicas against a real sqld primary that requires a JWT. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReplicaSyncTest {
  static KeyPair keys;
  static SqldServer server;
  static String token;
  static Client primary;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    keys = Jwt.generateKeyPair();
    server = SqldServer.builder().jwtPublicKeyPem(Jwt.publicKeyPem(keys.getPublic())).start();
    token = Jwt.fullAccessToken(keys.getPrivate());
    primary = Libsql.createClient(Config.builder(server.httpUrl()).authToken(token).build());
  }

  @AfterAll
  static void stop() {
    primary.close();
    server.close();
  }

  private Config.Builder replica(String name) {
    return Config.builder("file:" + dir.resolve(name)).syncUrl(server.httpUrl()).authToken(token);
  }

  private static String unique(String prefix) {
    return prefix + "_" + Long.toHexString(System.nanoTime());
  }

  @Test
  void bootstrapThenIncrementalSyncsMatchThePrimary() {
    String t = unique("items");
    primary.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, name TEXT, price REAL, data BLOB)");
    primary.execute("CREATE INDEX " + t + "_name ON " + t + "(name)");
    for (int tx = 0; tx < 5; tx++) {
      primary.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200) INSERT INTO " + t
          + "(name, price, data) SELECT 'n' || x || '-' || ?, x * 1.5, randomblob(x) FROM c", tx);
    }
    Path file = dir.resolve("boot.db");
    try (Client replica = Libsql.createClient(replica("boot.db").build())) {
      SyncResult first = replica.sync();
      assertTrue(first.framesApplied() > 0, first.toString());
      assertReplicaEquals(primary, replica, file);

      primary.execute("UPDATE " + t + " SET price = price * 2 WHERE id % 3 = 0");
      primary.execute("INSERT INTO " + t + "(name) VALUES ('late')");
      SyncResult second = replica.sync();
      assertTrue(second.framesApplied() > 0);
      assertTrue(second.frameNo() > first.frameNo());
      assertReplicaEquals(primary, replica, file);

      SyncResult idle = replica.sync();
      assertEquals(new SyncResult(0, second.frameNo()), idle);
    }
    // Reopened: no network needed to read what was synced.
    try (Client again = Libsql.createClient(replica("boot.db").build())) {
      assertEquals(1001L, scalar(again, "SELECT count(*) FROM " + t));
    }
  }

  @Test
  void schemaChangesAndDeletes() throws Exception {
    String a = unique("a");
    String b = unique("b");
    primary.batch(TransactionMode.WRITE, List.of(
        Statement.of("CREATE TABLE " + a + " (id INTEGER PRIMARY KEY, v TEXT)"),
        Statement.of("CREATE TABLE " + b + " (id INTEGER PRIMARY KEY, big BLOB)"),
        Statement.of("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000) INSERT INTO " + b
            + " SELECT x, randomblob(2000) FROM c"),
        Statement.of("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500) INSERT INTO " + a
            + " SELECT x, 'v' || x FROM c")));
    Path file = dir.resolve("schema.db");
    try (Client replica = Libsql.createClient(replica("schema.db").build())) {
      replica.sync();
      assertReplicaEquals(primary, replica, file);

      primary.execute("UPDATE " + a + " SET v = upper(v) WHERE id % 2 = 0");
      primary.execute("DELETE FROM " + a + " WHERE id > 400");
      primary.execute("ALTER TABLE " + a + " ADD COLUMN extra INTEGER DEFAULT 7");
      primary.execute("ALTER TABLE " + a + " RENAME COLUMN v TO label");
      primary.execute("CREATE INDEX " + a + "_label ON " + a + "(label)");
      primary.execute("DROP TABLE " + b);
      replica.sync();
      assertReplicaEquals(primary, replica, file);
      assertEquals(7L, scalar(replica, "SELECT extra FROM " + a + " WHERE id = 1"));
    }
  }

  @Test
  void readYourWritesThroughTheReplica() {
    String t = unique("ryw");
    Path file = dir.resolve("ryw.db");
    try (Client replica = Libsql.createClient(replica("ryw.db").build())) {
      replica.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, v TEXT)");
      for (int i = 1; i <= 20; i++) {
        ResultSet rs = replica.execute("INSERT INTO " + t + "(v) VALUES (?)", "v" + i);
        assertEquals(1, rs.rowsAffected());
        assertEquals((long) i, scalar(replica, "SELECT count(*) FROM " + t), "the local read sees the write at once");
      }
      replica.batch(TransactionMode.WRITE, List.of(Statement.of("UPDATE " + t + " SET v = 'x'"),
          Statement.of("DELETE FROM " + t + " WHERE id > 10")));
      assertEquals(10L, scalar(replica, "SELECT count(*) FROM " + t + " WHERE v = 'x'"));
      try (Transaction tx = replica.transaction(TransactionMode.WRITE)) {
        tx.execute("INSERT INTO " + t + "(v) VALUES ('in tx')");
        tx.commit();
      }
      assertEquals(1L, scalar(replica, "SELECT count(*) FROM " + t + " WHERE v = 'in tx'"));
      // A WITH ... INSERT is refused by the read-only local connection and goes to the primary.
      replica.execute("WITH n(x) AS (VALUES (100)) INSERT INTO " + t + "(id, v) SELECT x, 'cte' FROM n");
      assertEquals(1L, scalar(primary, "SELECT count(*) FROM " + t + " WHERE v = 'cte'"));
      assertEquals(1L, scalar(replica, "SELECT count(*) FROM " + t + " WHERE v = 'cte'"));
      assertReplicaEquals(primary, replica, file);
    }
    try (Client lazy = Libsql.createClient(replica("lazy.db").readYourWrites(false).build())) {
      lazy.sync();
      lazy.execute("INSERT INTO " + t + "(v) VALUES ('not yet')");
      assertEquals(0L, scalar(lazy, "SELECT count(*) FROM " + t + " WHERE v = 'not yet'"));
      lazy.sync();
      assertEquals(1L, scalar(lazy, "SELECT count(*) FROM " + t + " WHERE v = 'not yet'"));
    }
  }

  @Test
  void aReadOnlyTokenSyncsAndBadTokensFailClearly() {
    String t = unique("auth");
    primary.execute("CREATE TABLE " + t + " (v)");
    primary.execute("INSERT INTO " + t + " VALUES (42)");
    String readOnly = Jwt.sign(keys.getPrivate(), "{\"a\":\"ro\"}");
    try (Client replica = Libsql.createClient(replica("ro.db").authToken(readOnly).build())) {
      replica.sync();
      assertEquals(42L, scalar(replica, "SELECT v FROM " + t));
    }
    String otherKey = Jwt.fullAccessToken(Jwt.generateKeyPair().getPrivate());
    for (String bad : new String[] {null, otherKey}) {
      try (Client replica = Libsql.createClient(replica("bad.db").authToken(bad).build())) {
        LibsqlException e = assertThrows(LibsqlException.class, replica::sync);
        assertEquals("AUTH_FAILED", e.code(), e.getMessage());
        assertFalse(e.getMessage().contains("EOS"), e.getMessage());
        assertTrue(e.getMessage().contains("credentials"), e.getMessage());
        LibsqlException read = assertThrows(LibsqlException.class, () -> replica.execute("SELECT 1"));
        assertEquals("AUTH_FAILED", read.code(), "a never-synced replica cannot read: " + read.getMessage());
      }
    }
  }

  @Test
  void concurrentReadersSeeOnlyCommittedStates() throws Exception {
    primary.executeMultiple("DROP TABLE IF EXISTS inv; DROP TABLE IF EXISTS meta;"
        + " CREATE TABLE inv (k INTEGER PRIMARY KEY, tx INTEGER, pad BLOB);"
        + " CREATE TABLE meta (id INTEGER PRIMARY KEY, n INTEGER); INSERT INTO meta VALUES (1, 0);");
    Path file = dir.resolve("readers.db");
    try (Client replica = Libsql.createClient(replica("readers.db").build())) {
      replica.sync();
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), ReplicaReaderMain.class.getName(), file.toString(),
          dir.resolve("stop").toString(), "60000")
          .redirectErrorStream(true).start();
      BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = childOut.readLine()) != null && !line.equals("started")) {
        // the child's JVM warnings, if any
      }
      AtomicBoolean done = new AtomicBoolean();
      AtomicLong reads = new AtomicLong();
      AtomicLong violations = new AtomicLong();
      List<Thread> readers = new ArrayList<>();
      readers.add(new Thread(() -> {
        try (Connection c = ReplicaTesting.readOnly(file)) {
          while (!done.get()) {
            if (!ReplicaReaderMain.consistent(c)) {
              violations.incrementAndGet();
            }
            reads.incrementAndGet();
          }
        } catch (Exception e) {
          violations.addAndGet(1_000_000);
        }
      }));
      readers.add(new Thread(() -> {
        while (!done.get()) {
          Row r = replica.execute("SELECT (SELECT count(*) FROM inv), (SELECT n FROM meta WHERE id = 1),"
              + " (SELECT count(DISTINCT tx) * 50 FROM inv)").rows().get(0);
          if (r.getLong(0) != r.getLong(1) || r.getLong(0) != r.getLong(2)) {
            violations.incrementAndGet();
          }
          reads.incrementAndGet();
        }
      }));
      readers.forEach(Thread::start);
      for (int tx = 1; tx <= 60; tx++) {
        List<Statement> stmts = new ArrayList<>();
        stmts.add(Statement.of("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50)"
            + " INSERT INTO inv(tx, pad) SELECT ?, randomblob(300 + abs(random()) % 1500) FROM c", tx));
        stmts.add(Statement.of("UPDATE meta SET n = n + 50 WHERE id = 1"));
        if (tx > 5) {
          stmts.add(Statement.of("DELETE FROM inv WHERE tx = ?", tx - 5));
          stmts.add(Statement.of("UPDATE meta SET n = n - 50 WHERE id = 1"));
        }
        primary.batch(TransactionMode.WRITE, stmts);
        if (tx % 3 == 0) {
          replica.sync();
        }
      }
      replica.sync();
      done.set(true);
      for (Thread th : readers) {
        th.join();
      }
      Files.createFile(dir.resolve("stop"));
      String summary = null;
      while ((line = childOut.readLine()) != null) {
        if (line.startsWith("reads=")) {
          summary = line;
        }
      }
      child.waitFor(10, TimeUnit.SECONDS);
      System.out.println("concurrent readers: this JVM " + reads.get() + " reads, child JVM " + summary);
      assertEquals(0, violations.get(), "torn reads in this JVM");
      assertTrue(reads.get() > 100, "reads in this JVM: " + reads.get());
      assertReplicaEquals(primary, replica, file);
      assertTrue(summary != null && summary.contains(" violations=0 "), "child JVM: " + summary);
      assertFalse(summary.startsWith("reads=0 "), "child JVM: " + summary);
    }
  }

  @Test
  void backgroundSyncPicksUpAnotherClientsWrite() throws Exception {
    String t = unique("bg");
    primary.execute("CREATE TABLE " + t + " (v)");
    Duration interval = Duration.ofMillis(300);
    try (Client replica = Libsql.createClient(replica("bg.db").syncInterval(interval).build())) {
      replica.sync();
      for (int round = 1; round <= 3; round++) {
        primary.execute("INSERT INTO " + t + " VALUES (?)", round);
        long start = System.nanoTime();
        while (scalar(replica, "SELECT count(*) FROM " + t) < round) {
          assertTrue(System.nanoTime() - start < interval.multipliedBy(2).plusMillis(400).toNanos(),
              "not seen within two intervals");
          Thread.sleep(10);
        }
      }
    }
    // A pool's worker is still finishing its exit when awaitTermination returns: allow it a moment.
    List<String> left = replicaThreads();
    for (int i = 0; i < 50 && !left.isEmpty(); i++) {
      Thread.sleep(20);
      left = replicaThreads();
    }
    assertEquals(List.of(), left, "close() leaves no replica threads");
  }

  private static List<String> replicaThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(name -> name.startsWith("libsql-replica")).toList();
  }

  @Test
  void clientsOfOneFileShareOneReplica() {
    String t = unique("shared");
    primary.execute("CREATE TABLE " + t + " (v)");
    Config config = replica("shared.db").build();
    try (Client one = Libsql.createClient(config); AsyncClient two = Libsql.createAsyncClient(config)) {
      one.execute("INSERT INTO " + t + " VALUES (1)");
      assertEquals(1L, two.execute("SELECT count(*) FROM " + t).join().rows().get(0).getLong(0));
      assertEquals(0, two.sync().join().framesApplied());
      LibsqlException e = assertThrows(LibsqlException.class, () -> Libsql.createClient(
          replica("shared.db").authToken(Jwt.sign(keys.getPrivate(), "{\"a\":\"ro\"}")).build()));
      assertEquals("CONFIG_INVALID", e.code());
    }
  }

  @Test
  void syncIsOnlyForReplicas() {
    try (Client local = Libsql.createClient("file:" + dir.resolve("plain.db"))) {
      LibsqlException e = assertThrows(LibsqlException.class, local::sync);
      assertEquals("SYNC_NOT_SUPPORTED", e.code());
    }
    LibsqlException e = assertThrows(LibsqlException.class, primary::sync);
    assertEquals("SYNC_NOT_SUPPORTED", e.code());
  }
}
