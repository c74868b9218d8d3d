package io.libsql.bench;

import java.util.Arrays;

/**
 * One timed repetition: {@code units} (operations, rows or transactions) in {@code nanos}; for W1
 * also the per-call latency percentiles in microseconds (NaN when not measured).
 */
record Measurement(long units, long nanos, double p50Micros, double p99Micros) {
  static Measurement of(long units, long nanos) {
    return new Measurement(units, nanos, Double.NaN, Double.NaN);
  }

  /** A throughput with latency percentiles from per-call durations in nanoseconds (sorted in place). */
  static Measurement withLatencies(long units, long nanos, long[] latencies) {
    Arrays.sort(latencies);
    return new Measurement(units, nanos, percentile(latencies, 50) / 1000.0, percentile(latencies, 99) / 1000.0);
  }

  /** Nearest-rank percentile, as bench.mjs computes it. */
  static long percentile(long[] sorted, double p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.min(sorted.length - 1, Math.max(0, i))];
  }

  double perSecond() {
    return units * 1e9 / nanos;
  }
}
