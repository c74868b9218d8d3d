package io.libsql.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A contestant that runs in this JVM. Warm-up: quarter-size rounds until the warm-up time has
 * passed, at least {@value #MIN_WARMUP_ROUNDS} and at most {@value #MAX_WARMUP_ROUNDS}, recreating
 * the write table before each round (the same rule bench.mjs follows).
 */
abstract class JavaContestant implements Contestant {
  static final int MIN_WARMUP_ROUNDS = 1;
  static final int MAX_WARMUP_ROUNDS = 200;
  static final double WARMUP_SCALE = 0.25;

  final Workload workload;
  private final Runnable resetTable;
  private final long warmupNanos;
  private int w1Rounds = 1;
  private int vectorRows = Workload.DEFAULT_VECTOR_ROWS;
  /** V1/V3: the rows to insert; V2: the query vectors. Built before the warm-up, never timed. */
  float[][] vectors;

  JavaContestant(Workload workload, Runnable resetTable, long warmupMillis) {
    this.workload = workload;
    this.resetTable = resetTable;
    this.warmupNanos = TimeUnit.MILLISECONDS.toNanos(warmupMillis);
  }

  /**
   * Makes one W1 repetition run {@code rounds} rounds of 2000 calls: local W1 takes a few
   * milliseconds per round, too short to time alone on a shared machine.
   */
  JavaContestant w1Rounds(int rounds) {
    this.w1Rounds = rounds;
    return this;
  }

  /** Sets V1's rows per repetition (a multiple of 100). */
  JavaContestant vectorRows(int rows) {
    this.vectorRows = rows;
    return this;
  }

  /** The number of vector batches of 100 inserted at {@code scale} (V1, V3). */
  int vectorBatches(double scale) {
    int rows = workload == Workload.V3 ? Workload.V3_ROWS : vectorRows;
    return Workload.scaled(rows / Workload.VECTOR_ROWS_PER_BATCH, scale);
  }

  /** The number of W1 calls at {@code scale}. */
  int w1Ops(double scale) {
    return Workload.scaled(Workload.W1_OPS, scale) * w1Rounds;
  }

  /** Runs the workload at {@code scale} (1 = the measured size). */
  abstract Measurement round(double scale, Deadline deadline);

  @Override
  public void warmUp(Deadline deadline) {
    switch (workload) {
      case V1:
        vectors = Data.vectors(vectorRows, Workload.VECTOR_DIMS, Data.STORED_SEED);
        break;
      case V3:
        vectors = Data.vectors(Workload.V3_ROWS, Workload.VECTOR_DIMS, Data.STORED_SEED);
        break;
      case V2:
        vectors = Data.vectors(Workload.V2_QUERIES, Workload.VECTOR_DIMS, Data.QUERY_SEED);
        break;
      default:
        break;
    }
    long start = System.nanoTime();
    for (int round = 0; round < MAX_WARMUP_ROUNDS
        && (round < MIN_WARMUP_ROUNDS || System.nanoTime() - start < warmupNanos); round++) {
      deadline.check("warm-up");
      if (workload.writes()) {
        resetTable.run();
      }
      round(WARMUP_SCALE, deadline);
    }
  }

  @Override
  public Measurement measure(Deadline deadline) {
    return round(1, deadline);
  }

  static <T> T await(CompletableFuture<T> future, Deadline deadline) {
    try {
      return future.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new BenchException(cause.toString(), cause);
    } catch (TimeoutException e) {
      future.cancel(false);
      throw new BenchException("a call did not complete before the run's deadline", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
  }

  static void expectRows(int actual, int expected, String what) {
    if (actual != expected) {
      throw new BenchException(what + " returned " + actual + " rows, expected " + expected);
    }
  }
}
