package io.libsql.client.internal.replica;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.Libsql;
import io.libsql.client.Row;
import io.libsql.client.SyncResult;
import io.libsql.testing.SqldServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sync and read figures for REPLICAS.md (a measurement, not a test): run with the test classpath,
 * {@code java -cp ... io.libsql.client.internal.replica.ReplicaFiguresMain}.
 */
public final class ReplicaFiguresMain {
  private ReplicaFiguresMain() {}

  static void line(String what, String value) {
    System.out.printf("| %s | %s |%n", what, value);
  }

  static String sync(Client replica) {
    long locked = ReplicaStats.LOCKED_NANOS.get();
    long t = System.nanoTime();
    SyncResult r = replica.sync();
    double ms = (System.nanoTime() - t) / 1e6;
    return String.format("%d frames, %.1f ms (locked apply %.1f ms)", r.framesApplied(), ms,
        (ReplicaStats.LOCKED_NANOS.get() - locked) / 1e6);
  }

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("replica-figures");
    try (SqldServer server = SqldServer.builder().start(); Client primary = Libsql.createClient(server.httpUrl())) {
      primary.execute("CREATE TABLE small (id INTEGER PRIMARY KEY, a INTEGER, b TEXT, c REAL, d INTEGER)");
      primary.execute("CREATE TABLE kb (id INTEGER PRIMARY KEY, v BLOB)");
      Config rc = Config.builder("file:" + dir.resolve("r.db")).syncUrl(server.httpUrl()).build();
      try (Client replica = Libsql.createClient(rc)) {
        replica.sync();
        for (int run = 1; run <= 3; run++) {
          primary.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000)"
              + " INSERT INTO small(a, b, c, d) SELECT x, 'row ' || x, x * 0.5, x % 7 FROM c");
          line("10,000 small rows, 1 tx (run " + run + ")", sync(replica));
        }
        for (int run = 1; run <= 3; run++) {
          primary.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000)"
              + " INSERT INTO kb(v) SELECT randomblob(1024) FROM c");
          line("10,000 x 1 KB rows, 1 tx (run " + run + ")", sync(replica));
        }
        line("caught up already", sync(replica));

        int n = 200;
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
          replica.execute("INSERT INTO small(a) VALUES (?)", i);
        }
        line("write through the replica + read-your-writes sync", String.format("%.2f ms each", (System.nanoTime() - t) / 1e6 / n));

        for (int round = 0; round < 3; round++) {
          int ops = 0;
          t = System.nanoTime();
          while (System.nanoTime() - t < 2_000_000_000L) {
            replica.execute("SELECT 1");
            ops++;
          }
          line("W1 local SELECT 1 (round " + round + ")", String.format("%.0f ops/s", ops / ((System.nanoTime() - t) / 1e9)));
        }
        for (int round = 0; round < 3; round++) {
          long rows = 0;
          t = System.nanoTime();
          for (int i = 0; i < 20; i++) {
            for (Row r : replica.execute("SELECT id, a, b, c, d FROM small LIMIT 10000")) {
              rows++;
            }
          }
          line("W3 local SELECT * 10,000 rows x 5 cols (round " + round + ")",
              String.format("%.0f rows/s", rows / ((System.nanoTime() - t) / 1e9)));
        }
        // Routing: what trying locally costs a write before it is forwarded (the refusal alone).
        Replica shared = Replica.acquire(rc);
        try {
          io.libsql.client.Statement w = io.libsql.client.Statement.of("WITH x(a) AS (VALUES (1)) INSERT INTO small(a) SELECT a FROM x");
          for (int i = 0; i < 2000; i++) {
            shared.read(l -> l.execute(null, w)).exceptionally(e -> null).join();
          }
          n = 20000;
          t = System.nanoTime();
          for (int i = 0; i < n; i++) {
            shared.read(l -> l.execute(null, w)).exceptionally(e -> null).join();
          }
          line("a write refused by the read-only local connection", String.format("%.1f us each", (System.nanoTime() - t) / 1e3 / n));
        } finally {
          shared.release();
        }
      }
      // What classifying by Hrana describe would add per statement at least: one round trip.
      for (int i = 0; i < 50; i++) {
        primary.execute("SELECT 1");
      }
      int n = 300;
      long t = System.nanoTime();
      for (int i = 0; i < n; i++) {
        primary.execute("SELECT 1");
      }
      line("one round trip to the primary (SELECT 1 over our http: engine)",
          String.format("%.2f ms each", (System.nanoTime() - t) / 1e6 / n));

      // Bootstrap of a ~50 MB database.
      primary.execute("CREATE TABLE fifty (id INTEGER PRIMARY KEY, v BLOB)");
      for (int i = 0; i < 5; i++) {
        primary.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000)"
            + " INSERT INTO fifty(v) SELECT randomblob(1000) FROM c");
      }
      try (Client fresh = Libsql.createClient(Config.builder("file:" + dir.resolve("fresh.db")).syncUrl(server.httpUrl()).build())) {
        t = System.nanoTime();
        SyncResult r = fresh.sync();
        double ms = (System.nanoTime() - t) / 1e6;
        long bytes = Files.size(dir.resolve("fresh.db"));
        line("fresh replica of a " + bytes / 1_000_000 + " MB database", String.format("%d frames, %.0f ms (%.0f MB/s)",
            r.framesApplied(), ms, bytes / 1e6 / (ms / 1e3)));
      }
    }
  }
}
