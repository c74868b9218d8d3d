package io.libsql.client.internal.replica;

import java.util.concurrent.atomic.AtomicLong;

/** Process-wide counters of the rarer sync paths, for diagnostics and tests. */
final class ReplicaStats {
  private ReplicaStats() {}

  /** Frames written to a spill file instead of the heap. */
  static final AtomicLong FRAMES_SPILLED = new AtomicLong();
  /** Snapshots fetched after NEED_SNAPSHOT. */
  static final AtomicLong SNAPSHOTS = new AtomicLong();
  /** Full resyncs (new log_id, or an interrupted apply that could not be resumed). */
  static final AtomicLong FULL_RESYNCS = new AtomicLong();
  /** Time spent holding the exclusive lock to apply frames in place. */
  static final AtomicLong LOCKED_NANOS = new AtomicLong();
  /** Applies resumed after a crash left the sidecar dirty. */
  static final AtomicLong RESUMED_DIRTY = new AtomicLong();
}
