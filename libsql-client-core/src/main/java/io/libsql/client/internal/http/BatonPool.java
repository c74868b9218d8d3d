package io.libsql.client.internal.http;

import io.libsql.client.internal.hrana.StreamReuse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The server streams kept open between one-shot calls over HTTP: each known by its baton and the
 * {@code base_url} the server gave with it. Thread-safe.
 *
 * <p>At most {@code capacity} streams belong to the pool at once, idle or leased to a call, so the
 * server never holds more for it and a burst of calls cannot grow it. An idle stream is taken newest
 * first (LIFO, so the rest age out under light load); once idle {@code maxIdleNanos} it is no longer
 * handed out, and {@link #expired()} gives it up for the transport to close (each holds one of the
 * server's database connections: see {@link StreamReuse}).
 */
final class BatonPool {
  /** Idle streams are closed after {@link StreamReuse#IDLE_NANOS}, well before sqld's own 10 s expiry. */
  static final long MAX_IDLE_NANOS = StreamReuse.IDLE_NANOS;

  /**
   * A stream of the pool leased to one call: {@code baton} is null for a stream still to be opened
   * by that call; {@code base} is where its requests go, null for the configured URL. Given back by
   * exactly one of {@link #release} and {@link #discard}.
   */
  static final class Lease {
    final String baton;
    final String base;
    private final AtomicBoolean returned = new AtomicBoolean();

    private Lease(String baton, String base) {
      this.baton = baton;
      this.base = base;
    }
  }

  private record Idle(String baton, String base, long since) {}

  private final int capacity;
  private final long maxIdleNanos;
  private final LongSupplier clock;
  // Guarded by this:
  private final ArrayDeque<Idle> idle = new ArrayDeque<>();
  /** Streams idle or leased. */
  private int owned;
  private boolean closed;

  BatonPool(int capacity) {
    this(capacity, MAX_IDLE_NANOS, System::nanoTime);
  }

  BatonPool(int capacity, long maxIdleNanos, LongSupplier clock) {
    this.capacity = Math.max(1, capacity);
    this.maxIdleNanos = maxIdleNanos;
    this.clock = clock;
  }

  /**
   * The newest idle stream that is fresh enough; else, with {@code reuse} false or none idle, a
   * stream to open if the pool has room; else null (the call runs outside the pool).
   */
  synchronized Lease acquire(boolean reuse) {
    if (closed) {
      return null;
    }
    if (reuse) {
      Idle newest = idle.pollLast();
      if (newest != null && clock.getAsLong() - newest.since < maxIdleNanos) {
        return new Lease(newest.baton, newest.base);
      }
      if (newest != null) {
        // The newest is stale, so all are: forget them.
        owned -= idle.size() + 1;
        idle.clear();
      }
    }
    if (owned >= capacity) {
      return null;
    }
    owned++;
    return new Lease(null, null);
  }

  /** The leased stream is idle again, now as {@code baton} at {@code base}. False if not taken back. */
  synchronized boolean release(Lease lease, String baton, String base) {
    if (!lease.returned.compareAndSet(false, true)) {
      return false;
    }
    if (closed) {
      return false;
    }
    idle.addLast(new Idle(baton, base, clock.getAsLong()));
    return true;
  }

  /** The leased stream is gone (closed, lost or unusable): its place is free. */
  synchronized void discard(Lease lease) {
    if (lease.returned.compareAndSet(false, true) && !closed) {
      owned--;
    }
  }

  /**
   * Removes and returns the idle streams that have been idle {@code maxIdleNanos} or more, for the
   * caller to close on the server.
   */
  synchronized List<Lease> expired() {
    List<Lease> out = new ArrayList<>();
    long now = clock.getAsLong();
    while (!idle.isEmpty() && now - idle.peekFirst().since >= maxIdleNanos) {
      Idle i = idle.pollFirst();
      owned--;
      out.add(new Lease(i.baton, i.base));
    }
    return out;
  }

  /** Forgets every idle stream (the server likely forgot them too: it restarted or is unreachable). */
  synchronized void clear() {
    owned -= idle.size();
    idle.clear();
  }

  /** Refuses streams from now on; returns the idle ones fresh enough to be worth a {@code close}. */
  synchronized List<Lease> close() {
    closed = true;
    List<Lease> out = new ArrayList<>(idle.size());
    long now = clock.getAsLong();
    for (Idle i : idle) {
      if (now - i.since < maxIdleNanos) {
        out.add(new Lease(i.baton, i.base));
      }
    }
    idle.clear();
    owned = 0;
    return out;
  }

  /** Idle streams (for tests). */
  synchronized int idle() {
    return idle.size();
  }

  /** Streams idle or leased (for tests). */
  synchronized int owned() {
    return owned;
  }

  /** The idle batons, oldest first (for tests). */
  synchronized List<String> idleBatons() {
    List<String> out = new ArrayList<>(idle.size());
    idle.forEach(i -> out.add(i.baton));
    return out;
  }
}
