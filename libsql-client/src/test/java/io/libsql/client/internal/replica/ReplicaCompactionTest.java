package io.libsql.client.internal.replica;

import static io.libsql.client.internal.replica.ReplicaTesting.assertReplicaEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.Libsql;
import io.libsql.client.internal.url.DatabaseUrl;
import io.libsql.testing.SqldServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Log compaction on the primary ({@code --max-log-size 1}, in MB): replicas catch up through snapshots. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReplicaCompactionTest {
  @TempDir
  Path dir;

  @Test
  void replicasCatchUpThroughSnapshotsAfterCompaction() throws Exception {
    try (SqldServer server = SqldServer.builder().extraArgs("--max-log-size", "1").start();
        Client primary = Libsql.createClient(server.httpUrl())) {
      primary.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
      primary.execute("INSERT INTO t VALUES (0, 'first')");
      Path behindFile = dir.resolve("behind.db");
      Config behindConfig = Config.builder("file:" + behindFile).syncUrl(server.httpUrl()).build();
      try (Client behind = Libsql.createClient(behindConfig)) {
        behind.sync();
      }
      // Write until the log no longer starts at frame 0: BatchLogEntries(0) must then be refused.
      try (ReplicationClient rc = new ReplicationClient(DatabaseUrl.parse(server.httpUrl(), null), null,
          Duration.ofSeconds(5), dir, 1 << 20)) {
        rc.hello();
        boolean compacted = false;
        for (int round = 1; round <= 40 && !compacted; round++) {
          primary.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100)"
              + " INSERT INTO t SELECT ? * 1000 + x, randomblob(3000) FROM c", round);
          primary.execute("UPDATE t SET b = randomblob(100) WHERE id % 7 = ?", round % 7);
          try (FrameBuffer b = rc.batch(0)) {
            compacted = b.isEmpty() || b.get(0).frameNo() != 0;
          } catch (ReplicationException.NeedSnapshot | ReplicationException.StatusLost e) {
            compacted = true;
          }
          if (!compacted) {
            Thread.sleep(100);
          }
        }
        assertTrue(compacted, "the primary never compacted its log");
      }
      long snapshots = ReplicaStats.SNAPSHOTS.get();
      Path freshFile = dir.resolve("fresh.db");
      try (Client fresh = Libsql.createClient(Config.builder("file:" + freshFile).syncUrl(server.httpUrl()).build())) {
        fresh.sync();
        assertReplicaEquals(primary, fresh, freshFile);
      }
      try (Client behind = Libsql.createClient(behindConfig)) {
        behind.sync();
        assertReplicaEquals(primary, behind, behindFile);
        primary.execute("INSERT INTO t VALUES (-1, 'after')");
        behind.sync();
        assertReplicaEquals(primary, behind, behindFile);
      }
      assertTrue(ReplicaStats.SNAPSHOTS.get() >= snapshots + 2, "both replicas went through a snapshot");
    }
  }
}
