package io.libsql.client.internal.hrana;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A non-blocking semaphore: at most {@code permits} operations run at once, the others wait in a
 * FIFO queue as futures (no thread is parked). Thread-safe.
 *
 * <p>Priority operations (requests on an HTTP stream the server already holds, i.e. an open
 * transaction with its locks) wait in a lane of their own that is served first, and may use a
 * small reserve of permits above the bound. Without it, a transaction's COMMIT could wait behind
 * one-shot writes that hold every permit while they wait on the server for the lock that very
 * transaction holds, until sqld times the transaction out (as the ws transport's lanes avoid).
 */
public final class RequestLimiter {
  private final ReentrantLock lock = new ReentrantLock();
  private final int permits;
  private final int priorityPermits;
  /** Guarded by {@link #lock}: operations running. */
  private int running;
  /** Guarded by {@link #lock}; each waiter is completed with a permit already taken for it. */
  private final ArrayDeque<CompletableFuture<Void>> waiters = new ArrayDeque<>();
  /** Guarded by {@link #lock}: priority waiters, served before {@link #waiters}. */
  private final ArrayDeque<CompletableFuture<Void>> priorityWaiters = new ArrayDeque<>();
  /** Guarded by {@link #lock}. */
  private boolean closed;

  public RequestLimiter(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be positive: " + permits);
    }
    this.permits = permits;
    this.priorityPermits = permits + Math.max(4, permits / 4);
  }

  /**
   * Runs {@code operation} once a permit is free and releases the permit when the operation's
   * future completes, whichever way.
   */
  public <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> operation) {
    return run(false, operation);
  }

  /** As {@link #run(Supplier)}; a {@code priority} operation goes ahead of the others. */
  public <T> CompletableFuture<T> run(boolean priority, Supplier<CompletableFuture<T>> operation) {
    return acquire(priority).thenCompose(ignored -> {
      CompletableFuture<T> f;
      try {
        f = operation.get();
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      return f.whenComplete((v, t) -> release());
    });
  }

  /** A future that completes when a permit is taken for the caller, who must {@link #release()} it. */
  public CompletableFuture<Void> acquire() {
    return acquire(false);
  }

  public CompletableFuture<Void> acquire(boolean priority) {
    lock.lock();
    try {
      if (closed) {
        return CompletableFuture.failedFuture(closedException());
      }
      if (priority ? priorityWaiters.isEmpty() && running < priorityPermits
          : priorityWaiters.isEmpty() && waiters.isEmpty() && running < permits) {
        running++;
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> waiter = new CompletableFuture<>();
      (priority ? priorityWaiters : waiters).addLast(waiter);
      return waiter;
    } finally {
      lock.unlock();
    }
  }

  /** Returns a permit, handing it to the oldest waiter (priority first) if there is one. */
  public void release() {
    List<CompletableFuture<Void>> next = new ArrayList<>(2);
    lock.lock();
    try {
      running--;
      while (running < priorityPermits && !priorityWaiters.isEmpty()) {
        running++;
        next.add(priorityWaiters.pollFirst());
      }
      while (running < permits && priorityWaiters.isEmpty() && !waiters.isEmpty()) {
        running++;
        next.add(waiters.pollFirst());
      }
    } finally {
      lock.unlock();
    }
    for (CompletableFuture<Void> waiter : next) {
      waiter.complete(null); // outside the lock: this starts the waiter's request
    }
  }

  /** Permits free right now, not counting the priority reserve (for tests and diagnostics). */
  public int available() {
    lock.lock();
    try {
      return Math.max(0, permits - running);
    } finally {
      lock.unlock();
    }
  }

  /** Operations waiting for a permit right now. */
  public int waiting() {
    lock.lock();
    try {
      return waiters.size() + priorityWaiters.size();
    } finally {
      lock.unlock();
    }
  }

  /** Fails every waiter and every later acquire with CLIENT_CLOSED. Idempotent. */
  public void close() {
    List<CompletableFuture<Void>> failed;
    lock.lock();
    try {
      closed = true;
      failed = new ArrayList<>(priorityWaiters);
      failed.addAll(waiters);
      waiters.clear();
      priorityWaiters.clear();
    } finally {
      lock.unlock();
    }
    for (CompletableFuture<Void> waiter : failed) {
      waiter.completeExceptionally(closedException());
    }
  }

  private static LibsqlException closedException() {
    return new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed");
  }
}
