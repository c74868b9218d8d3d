package io.libsql.bench;

/**
 * One client on one workload and transport: warmed up once, then measured once per repetition.
 * The harness prepares tables before each call (see {@link Harness}); a contestant only runs SQL.
 */
interface Contestant extends AutoCloseable {
  /** JIT warm-up: runs the workload at reduced size, untimed; returns before {@code deadline}. */
  void warmUp(Deadline deadline);

  /**
   * Untimed work before each repetition, ahead of the harness's table reset (S2: bring the replica
   * up to date, so that the repetition syncs only the rows the reset commits).
   */
  default void prepare(Deadline deadline) {}

  /** One repetition at full size. */
  Measurement measure(Deadline deadline);

  @Override
  void close();
}
