package io.libsql.client.internal.ws;

import java.util.Arrays;

/**
 * Small non-negative int ids, freed ids reused first (Hrana ids only need to be unique among those
 * in use). Not thread-safe: the owner guards it.
 */
final class IdAllocator {
  private final int first;
  private int next;
  private int[] free = new int[16];
  private int freeCount;

  IdAllocator(int first) {
    this.first = first;
    this.next = first;
  }

  int allocate() {
    if (freeCount > 0) {
      return free[--freeCount];
    }
    return next++;
  }

  void release(int id) {
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, free.length * 2);
    }
    free[freeCount++] = id;
  }

  /** Ids handed out and not released. */
  int inUse() {
    return next - first - freeCount;
  }
}
