package io.libsql.client.internal.http;

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
 */
final class RequestLimiter {
  private final ReentrantLock lock = new ReentrantLock();
  /** Guarded by {@link #lock}. */
  private int available;
  /** Guarded by {@link #lock}; each waiter is completed with a permit already taken for it. */
  private final ArrayDeque<CompletableFuture<Void>> waiters = new ArrayDeque<>();
  /** Guarded by {@link #lock}. */
  private boolean closed;

  RequestLimiter(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be positive: " + permits);
    }
    this.available = permits;
  }

  /**
   * Runs {@code operation} once a permit is free and releases the permit when the operation's
   * future completes, whichever way.
   */
  <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> operation) {
    return acquire().thenCompose(ignored -> {
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
  CompletableFuture<Void> acquire() {
    lock.lock();
    try {
      if (closed) {
        return CompletableFuture.failedFuture(closedException());
      }
      if (available > 0) {
        available--;
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> waiter = new CompletableFuture<>();
      waiters.addLast(waiter);
      return waiter;
    } finally {
      lock.unlock();
    }
  }

  /** Returns a permit, handing it to the oldest waiter if there is one. */
  void release() {
    CompletableFuture<Void> next;
    lock.lock();
    try {
      next = waiters.pollFirst();
      if (next == null) {
        available++;
      }
    } finally {
      lock.unlock();
    }
    if (next != null) {
      next.complete(null); // outside the lock: this starts the waiter's request
    }
  }

  /** Permits free right now (for tests and diagnostics). */
  int available() {
    lock.lock();
    try {
      return available;
    } finally {
      lock.unlock();
    }
  }

  /** Operations waiting for a permit right now. */
  int waiting() {
    lock.lock();
    try {
      return waiters.size();
    } finally {
      lock.unlock();
    }
  }

  /** Fails every waiter and every later acquire with CLIENT_CLOSED. Idempotent. */
  void close() {
    List<CompletableFuture<Void>> failed;
    lock.lock();
    try {
      closed = true;
      failed = new ArrayList<>(waiters);
      waiters.clear();
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
