package io.libsql.client.internal.replica;

import static io.libsql.client.internal.replica.ReplicaTesting.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.Libsql;
import io.libsql.client.SyncResult;
import io.libsql.testing.SqldServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One transaction of more than 10,000 pages (about 45 MB): applied whole, spilled to disk, not held on the heap. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReplicaLargeTransactionTest {
  @TempDir
  Path dir;

  @Test
  void aTransactionOfMoreThanTenThousandPages() throws Exception {
    try (SqldServer server = SqldServer.builder().start(); Client primary = Libsql.createClient(server.httpUrl())) {
      primary.execute("CREATE TABLE big (id INTEGER PRIMARY KEY, b BLOB)");
      primary.execute("INSERT INTO big VALUES (0, 'small')");
      Path file = dir.resolve("big.db");
      try (Client replica = Libsql.createClient(Config.builder("file:" + file).syncUrl(server.httpUrl()).build())) {
        replica.sync();
        primary.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 11000)"
            + " INSERT INTO big SELECT x, randomblob(3900) FROM c");
        long spilledBefore = ReplicaStats.FRAMES_SPILLED.get();
        long start = System.nanoTime();
        SyncResult r = replica.sync();
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("large transaction: " + r + " in " + ms + " ms, file " + Files.size(file) + " bytes");
        assertTrue(r.framesApplied() > 10_000, r.toString());
        long spilled = ReplicaStats.FRAMES_SPILLED.get() - spilledBefore;
        assertTrue(spilled > r.framesApplied() - Replica.MEMORY_LIMIT / Frame.SIZE - 10,
            "frames past the memory bound went to disk: " + spilled);
        assertEquals(11001L, scalar(replica, "SELECT count(*) FROM big"));
        assertEquals(11000L * 3900 + 5, scalar(replica, "SELECT sum(length(b)) FROM big"));
        // The rows are too big for one sqld response: compare a fingerprint of each.
        String fingerprint = "SELECT id, length(b), substr(hex(b), 1, 32), substr(hex(b), -32) FROM big ORDER BY id";
        assertEquals(primary.execute(fingerprint).rows().toString(), replica.execute(fingerprint).rows().toString());
        assertEquals("ok", ReplicaTesting.integrityCheck(file));
        try (Stream<Path> left = Files.list(dir)) {
          assertEquals(0, left.filter(p -> p.getFileName().toString().contains("spill")).count(), "no spill files left");
        }
      }
    }
  }
}
