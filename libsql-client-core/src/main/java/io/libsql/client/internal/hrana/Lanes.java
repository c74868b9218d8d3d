package io.libsql.client.internal.hrana;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The admission rule of both transports' request limits: at most {@code permits} requests run at
 * once; the others wait in call order in one of two lanes. The priority lane (requests on a stream
 * the server already holds for a transaction, session or cursor, with its locks) is served first and
 * may use a small reserve above the bound: without it, a transaction's COMMIT could wait behind
 * one-shot writes that hold every permit while they wait on the server for the lock that very
 * transaction holds, until sqld times the transaction out.
 *
 * <p>Not thread-safe: its owner ({@link RequestLimiter}, the WebSocket connection) guards it with
 * its own lock, so that what it admits is started in order under that lock.
 *
 * @param <T> what waits
 */
public final class Lanes<T> {
  private final int permits;
  private final int priorityPermits;
  private int running;
  private final ArrayDeque<T> waiting = new ArrayDeque<>();
  private final ArrayDeque<T> waitingPriority = new ArrayDeque<>();

  /**
   * @param permits ordinary requests running at once at most (positive); priority ones may use
   *     {@code max(4, permits / 4)} more
   */
  public Lanes(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be positive: " + permits);
    }
    this.permits = permits;
    this.priorityPermits = permits + Math.max(4, permits / 4);
  }

  /**
   * Admits {@code item} (taking a permit for it) if its lane may run it now, else queues it.
   *
   * @return true if admitted
   */
  public boolean offer(T item, boolean priority) {
    boolean now = priority ? waitingPriority.isEmpty() && running < priorityPermits
        : waitingPriority.isEmpty() && waiting.isEmpty() && running < permits;
    if (now) {
      running++;
    } else {
      (priority ? waitingPriority : waiting).addLast(item);
    }
    return now;
  }

  /** Returns a permit and admits waiters, priority first, passing each (its permit taken) to {@code admitted}. */
  public void release(Consumer<T> admitted) {
    running--;
    while (running < priorityPermits && !waitingPriority.isEmpty()) {
      running++;
      admitted.accept(waitingPriority.pollFirst());
    }
    while (running < permits && waitingPriority.isEmpty() && !waiting.isEmpty()) {
      running++;
      admitted.accept(waiting.pollFirst());
    }
  }

  /** Removes and returns every waiter, priority lane first. */
  public List<T> clear() {
    List<T> out = new ArrayList<>(waitingPriority);
    out.addAll(waiting);
    waitingPriority.clear();
    waiting.clear();
    return out;
  }

  /** Permits taken. */
  public int running() {
    return running;
  }

  /** Waiters in both lanes. */
  public int waiting() {
    return waiting.size() + waitingPriority.size();
  }

  /** The bound of ordinary requests. */
  public int permits() {
    return permits;
  }

  /** The bound with the priority reserve. */
  public int priorityPermits() {
    return priorityPermits;
  }
}
