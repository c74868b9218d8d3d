package io.libsql.client.internal.replica;

import static io.libsql.client.internal.replica.ReplicaTesting.assertReplicaEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.Libsql;
import io.libsql.client.LibsqlException;
import io.libsql.testing.SqldServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The syncing process dies mid-apply; the next open resumes before reading. One syncer per file across processes. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReplicaCrashTest {
  @TempDir
  Path dir;

  private static Process child(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String a : args) {
      if (a.startsWith("-D")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ReplicaCrashMain.class.getName()));
    for (String a : args) {
      if (!a.startsWith("-D")) {
        cmd.add(a);
      }
    }
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  @Test
  void aSyncKilledMidApplyIsResumedBeforeTheFileIsRead() throws Exception {
    try (SqldServer server = SqldServer.builder().start(); Client primary = Libsql.createClient(server.httpUrl())) {
      primary.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
      primary.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000)"
          + " INSERT INTO t SELECT x, randomblob(1500) FROM c");
      Path file = dir.resolve("crash.db");
      Config config = Config.builder("file:" + file).syncUrl(server.httpUrl()).build();
      try (Client replica = Libsql.createClient(config)) {
        replica.sync();
      }
      // A transaction rewriting most pages, then a sync that dies a third of the way through it.
      primary.execute("UPDATE t SET b = randomblob(1400)");
      primary.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000)"
          + " INSERT INTO t SELECT 10000 + x, randomblob(1500) FROM c");
      Process crash = child("-Dio.libsql.replica.haltAfterPagesForTests=400", "sync", file.toString(), server.httpUrl());
      String out = new String(crash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(crash.waitFor(60, TimeUnit.SECONDS));
      assertEquals(99, crash.exitValue(), "the child halted mid-apply: " + out);
      try (ReplicaMeta meta = ReplicaMeta.open(file.resolveSibling("crash.db-libsql-replica"))) {
        assertTrue(meta.dirty(), "the sidecar says the file may be torn");
      }

      long resumed = ReplicaStats.RESUMED_DIRTY.get();
      try (Client replica = Libsql.createClient(config)) {
        assertEquals(4000L, replica.execute("SELECT count(*) FROM t").rows().get(0).getLong(0));
        assertEquals(resumed + 1, ReplicaStats.RESUMED_DIRTY.get(), "the first read waited for the resumed apply");
        assertReplicaEquals(primary, replica, file);
      }
      try (ReplicaMeta meta = ReplicaMeta.open(file.resolveSibling("crash.db-libsql-replica"))) {
        assertFalse(meta.dirty());
      }
    }
  }

  @Test
  void anotherProcessCannotSyncTheSameFile() throws Exception {
    try (SqldServer server = SqldServer.builder().start()) {
      Path file = dir.resolve("held.db");
      Process holder = child("hold", file.toString(), server.httpUrl());
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("holding")) {
          // JVM noise
        }
        assertEquals("holding", line);
        LibsqlException e = assertThrows(LibsqlException.class,
            () -> Libsql.createClient(Config.builder("file:" + file).syncUrl(server.httpUrl()).build()));
        assertEquals("REPLICA_LOCKED", e.code(), e.getMessage());
      } finally {
        holder.getOutputStream().close();
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
      }
      try (Client after = Libsql.createClient(Config.builder("file:" + file).syncUrl(server.httpUrl()).build())) {
        assertEquals(1L, after.execute("SELECT 1").rows().get(0).getLong(0));
      }
    }
  }
}
