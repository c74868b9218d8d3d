package io.libsql.client;

import static io.libsql.client.internal.replica.ReplicaTesting.assertReplicaEquals;
import static io.libsql.client.internal.replica.ReplicaTesting.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.internal.replica.ReplicaTesting;
import io.libsql.testing.SqldServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A replica across primary restarts (clean and SIGKILL), an unreachable primary, and a shrinking database. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReplicaRestartTest {
  SqldServer server;
  Client primary;

  @TempDir
  Path dir;

  @BeforeEach
  void start() {
    server = SqldServer.builder().start();
    primary = Libsql.createClient(server.httpUrl());
  }

  @AfterEach
  void stop() {
    primary.close();
    server.close();
  }

  private Client replica() {
    return Libsql.createClient(Config.builder("file:" + dir.resolve("replica.db")).syncUrl(server.httpUrl()).build());
  }

  private void fill(String t, int from, int to) {
    primary.execute("WITH RECURSIVE c(x) AS (SELECT ? UNION ALL SELECT x + 1 FROM c WHERE x < ?) INSERT INTO " + t
        + " SELECT x, randomblob(1000) FROM c", from, to);
  }

  @Test
  void cleanRestartAndSigkillOfThePrimary() {
    primary.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
    fill("t", 1, 1000);
    Path file = dir.resolve("replica.db");
    try (Client replica = replica()) {
      replica.sync();
      assertReplicaEquals(primary, replica, file);

      server.restart(); // clean: same log, new session (NO_HELLO)
      fill("t", 1001, 1500);
      SyncResult afterRestart = replica.sync();
      assertEquals(500 + 0L, scalar(replica, "SELECT count(*) FROM t") - 1000);
      assertTrue(afterRestart.framesApplied() > 0);
      assertReplicaEquals(primary, replica, file);

      server.kill(); // SIGKILL: the primary rebuilds its log under a new log_id
      server.restart();
      primary.execute("DELETE FROM t WHERE id % 2 = 0");
      fill("t", 2001, 2300);
      replica.sync();
      assertReplicaEquals(primary, replica, file);
      assertEquals(1050L, scalar(replica, "SELECT count(*) FROM t"));
    }
  }

  @Test
  void aReplicaOfAnEmptyPrimaryIsAnEmptyDatabase() {
    Path file = dir.resolve("replica.db");
    try (Client replica = replica()) {
      assertEquals(new SyncResult(0, -1), replica.sync());
      assertEquals(0L, scalar(replica, "SELECT count(*) FROM sqlite_master"));
      assertEquals("ok", ReplicaTesting.integrityCheck(file));
      replica.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
      fill("t", 1, 10);
      replica.sync();
      assertReplicaEquals(primary, replica, file);
    }
  }

  @Test
  void readsKeepWorkingWhileThePrimaryIsDown() {
    primary.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
    fill("t", 1, 100);
    try (Client replica = replica()) {
      replica.sync();
      server.stop();
      assertEquals(100L, scalar(replica, "SELECT count(*) FROM t"));
      LibsqlException sync = assertThrows(LibsqlException.class, replica::sync);
      assertEquals("CONNECTION_FAILED", sync.code(), sync.getMessage());
      LibsqlException write = assertThrows(LibsqlException.class, () -> replica.execute("INSERT INTO t(id) VALUES (1000)"));
      assertTrue(write.code().startsWith("CONNECTION_"), write.code() + ": " + write.getMessage());
      assertEquals(100L, scalar(replica, "SELECT count(*) FROM t"), "reads still work after failed syncs");
      server.restart();
      replica.execute("INSERT INTO t(id) VALUES (1000)");
      assertEquals(101L, scalar(replica, "SELECT count(*) FROM t"));
      assertReplicaEquals(primary, replica, dir.resolve("replica.db"));
    }
    try (Client offline = Libsql.createClient(Config.builder("file:" + dir.resolve("never.db"))
        .syncUrl(server.httpUrl()).build())) {
      server.stop();
      LibsqlException e = assertThrows(LibsqlException.class, () -> offline.execute("SELECT 1"));
      assertEquals("CONNECTION_FAILED", e.code(), "a replica that never synced has nothing to read: " + e.getMessage());
    }
  }

  @Test
  void theFileShrinksWhenThePrimaryIsRecreatedSmaller() throws Exception {
    // sqld 0.24 refuses VACUUM and PRAGMA auto_vacuum, so its file never shrinks in place; a
    // primary rebuilt from scratch (new log_id) with less data is the shrinking a replica meets.
    primary.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
    fill("t", 1, 3000);
    Path file = dir.resolve("replica.db");
    try (Client replica = replica()) {
      replica.sync();
      long big = Files.size(file);
      server.stop();
      try (var paths = Files.walk(server.dataDir())) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      server.restart();
      primary.execute("CREATE TABLE keep (v)");
      primary.execute("INSERT INTO keep VALUES ('kept')");
      replica.sync();
      assertReplicaEquals(primary, replica, file);
      long small = Files.size(file);
      assertTrue(small < big / 10, "the replica shrank with the primary: " + big + " -> " + small);
      assertEquals("kept", replica.execute("SELECT v FROM keep").rows().get(0).get(0));
      assertThrows(LibsqlException.class, () -> replica.execute("SELECT count(*) FROM t"));
    }
  }
}
