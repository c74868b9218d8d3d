package io.libsql.bench;

import io.libsql.client.Client;
import io.libsql.client.Libsql;
import io.libsql.client.SyncResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Our {@link Client} as an embedded replica, timing {@code sync()}. S1: each repetition opens a
 * fresh replica in a new directory and times the open and its first sync. S2: one replica, brought
 * up to date untimed ({@link #prepare}); the harness then commits 10,000 rows on the primary and the
 * repetition times the sync that fetches them. Both check the local row count afterwards, untimed.
 */
final class ReplicaSyncContestant implements Contestant {
  private final Workload workload;
  private final Path dir;
  private final String syncUrl;
  private final Runnable writeRows;
  /** S2's replica, open for the whole run. */
  private Client replica;
  private long rowsBefore;
  private int round;

  /**
   * @param dir a directory of this contestant's own (S1: one sub-directory per round)
   * @param writeRows S2: commits the next 10,000 rows on the primary (used by the warm-up)
   */
  ReplicaSyncContestant(Workload workload, Path dir, String syncUrl, Runnable writeRows) {
    this.workload = workload;
    this.dir = dir;
    this.syncUrl = syncUrl;
    this.writeRows = writeRows;
  }

  /** {@code file:<path>?syncUrl=<primary>}: the URL form the JDBC driver and the shell take. */
  static String replicaUrl(Path file, String syncUrl) {
    return "file:" + file + "?syncUrl=" + URLEncoder.encode(syncUrl, StandardCharsets.UTF_8);
  }

  @Override
  public void warmUp(Deadline deadline) {
    if (workload == Workload.S1) {
      initialSync(); // a full round: the JIT sees the whole path once
      return;
    }
    replica = Libsql.createClient(replicaUrl(dir.resolve("replica.db"), syncUrl));
    replica.sync();
    deadline.check("S2 warm-up");
    writeRows.run();
    replica.sync();
  }

  @Override
  public void prepare(Deadline deadline) {
    if (workload == Workload.S2) {
      replica.sync();
      rowsBefore = count(replica, Data.COUNT_S2);
    }
  }

  @Override
  public Measurement measure(Deadline deadline) {
    return workload == Workload.S1 ? initialSync() : incrementalSync();
  }

  private Measurement initialSync() {
    Path roundDir = dir.resolve("round-" + (++round));
    try {
      Files.createDirectories(roundDir);
      long start = System.nanoTime();
      long nanos;
      try (Client fresh = Libsql.createClient(replicaUrl(roundDir.resolve("replica.db"), syncUrl))) {
        SyncResult result = fresh.sync();
        nanos = System.nanoTime() - start;
        requireFrames(result);
        long rows = count(fresh, Data.COUNT_S1);
        if (rows != Workload.S1_ROWS) {
          throw new BenchException("S1: the replica holds " + rows + " rows of " + Workload.S1_ROWS);
        }
      }
      return Measurement.of(Workload.S1_MB, nanos);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(roundDir);
    }
  }

  private Measurement incrementalSync() {
    long start = System.nanoTime();
    SyncResult result = replica.sync();
    long nanos = System.nanoTime() - start;
    requireFrames(result);
    long added = count(replica, Data.COUNT_S2) - rowsBefore;
    if (added != Workload.S2_ROWS) {
      throw new BenchException("S2: the sync brought " + added + " new rows, expected " + Workload.S2_ROWS);
    }
    return Measurement.of(added, nanos);
  }

  private static void requireFrames(SyncResult result) {
    if (result.framesApplied() <= 0) {
      throw new BenchException("the sync applied no frames: " + result);
    }
  }

  private static long count(Client client, String sql) {
    return client.execute(sql).rows().get(0).getLong(0);
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      Harness.log("cannot delete " + root + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    if (replica != null) {
      replica.close();
    }
  }
}
