package io.libsql.client.internal.hrana;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A non-blocking semaphore with the two {@link Lanes} (the rule the WebSocket connection applies to
 * its requests in flight): at most {@code permits} operations run at once, the others wait in call
 * order as futures (no thread is parked). Used for HTTP requests in flight and for
 * {@link HranaEngine}'s write lane. Thread-safe.
 */
public final class RequestLimiter {
  private final ReentrantLock lock = new ReentrantLock();
  /** Guarded by {@link #lock}; each waiter is completed with a permit already taken for it. */
  private final Lanes<CompletableFuture<Void>> lanes;
  /** Guarded by {@link #lock}. */
  private boolean closed;

  public RequestLimiter(int permits) {
    this.lanes = new Lanes<>(permits);
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
      CompletableFuture<Void> waiter = new CompletableFuture<>();
      return lanes.offer(waiter, priority) ? CompletableFuture.completedFuture(null) : waiter;
    } finally {
      lock.unlock();
    }
  }

  /** Returns a permit, handing it to the oldest waiter (priority first) if there is one. */
  public void release() {
    List<CompletableFuture<Void>> next = new ArrayList<>(2);
    lock.lock();
    try {
      lanes.release(next::add);
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
      return Math.max(0, lanes.permits() - lanes.running());
    } finally {
      lock.unlock();
    }
  }

  /** Operations waiting for a permit right now. */
  public int waiting() {
    lock.lock();
    try {
      return lanes.waiting();
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
      failed = lanes.clear();
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
