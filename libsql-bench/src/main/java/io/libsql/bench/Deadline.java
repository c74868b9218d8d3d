package io.libsql.bench;

import java.util.concurrent.TimeUnit;

/** A point in time after which a run gives up: every benchmark loop checks one. */
final class Deadline {
  private final long end;
  private final long budgetNanos;

  private Deadline(long budgetNanos) {
    this.budgetNanos = budgetNanos;
    this.end = System.nanoTime() + budgetNanos;
  }

  static Deadline in(long amount, TimeUnit unit) {
    return new Deadline(unit.toNanos(amount));
  }

  /** Nanoseconds left, at least 1 (for timed waits). */
  long remainingNanos() {
    return Math.max(1, end - System.nanoTime());
  }

  /** The budget this deadline was given, in whole seconds. */
  long budgetSeconds() {
    return TimeUnit.NANOSECONDS.toSeconds(budgetNanos);
  }

  boolean passed() {
    return System.nanoTime() - end >= 0;
  }

  /** Throws if the deadline has passed; {@code what} names the loop in the message. */
  void check(String what) {
    if (passed()) {
      throw new BenchException(what + " did not finish within " + TimeUnit.NANOSECONDS.toSeconds(budgetNanos) + " s");
    }
  }
}
