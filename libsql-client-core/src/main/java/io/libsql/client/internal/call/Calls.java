package io.libsql.client.internal.call;

import io.libsql.client.ClientListener;
import io.libsql.client.ClientListener.CallKind;
import io.libsql.client.Config;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

/**
 * Starts and runs API calls for one client: the deadline (the statement's own timeout or the
 * client's), the listener's events, the hand-over to the engine with the {@link Call} current, and
 * the waiting (blocking) or the completing (async) of the caller's result. Thread-safe. Not API.
 */
public final class Calls {
  private final SafeListener listener;
  private final long defaultTimeoutNanos;

  public Calls(Config config) {
    this(SafeListener.of(config.listener()), config.requestTimeout().toNanos());
  }

  Calls(SafeListener listener, long defaultTimeoutNanos) {
    this.listener = listener;
    this.defaultTimeoutNanos = defaultTimeoutNanos;
  }

  /** For tests and internal clients: no listener, the given default timeout. */
  public static Calls withTimeout(long defaultTimeoutNanos) {
    return new Calls(null, defaultTimeoutNanos);
  }

  public SafeListener listener() {
    return listener;
  }

  /** Starts a call; {@code timeout} overrides the client's when non-null (zero: no limit). */
  public Call start(CallKind kind, boolean inTransaction, Object source, Duration timeout) {
    long t = timeout == null ? defaultTimeoutNanos : timeout.toNanos();
    ClientListener.CallInfo info = listener == null ? null : new ClientListener.CallInfo(kind, inTransaction, source);
    Call call = new Call(info, listener, t, inTransaction);
    if (listener != null) {
      listener.callStart(info);
    }
    return call;
  }

  /** A call the listener does not see (opening a session), with the client's timeout. */
  public Call startQuiet() {
    return new Call(null, null, defaultTimeoutNanos, false);
  }

  /** A statement's own timeout, or null. */
  public static Duration timeoutOf(Statement statement) {
    return statement.timeout();
  }

  /** The longest timeout the statements set (zero, no limit, winning), or null when none sets one. */
  public static Duration timeoutOf(List<Statement> statements) {
    Duration longest = null;
    for (Statement s : statements) {
      Duration t = s.timeout();
      if (t == null) {
        continue;
      }
      if (t.isZero()) {
        return Duration.ZERO;
      }
      if (longest == null || t.compareTo(longest) > 0) {
        longest = t;
      }
    }
    return longest;
  }

  /**
   * Blocking: hands {@code op} to the engine on this thread with {@code call} current, then waits
   * for its outcome within the deadline. A thread already interrupted fails at once, with nothing
   * run.
   */
  public <T> T await(Call call, Supplier<CompletableFuture<T>> op) {
    if (Thread.currentThread().isInterrupted()) {
      call.stop(Call.Stop.INTERRUPTED);
      throw call.failed(call.stoppedError());
    }
    CompletableFuture<T> f = handOver(call, op);
    try {
      T value = Futures.await(f, call);
      call.succeeded(value);
      return value;
    } catch (LibsqlException e) {
      throw call.failed(e);
    }
  }

  private static <T> CompletableFuture<T> handOver(Call call, Supplier<CompletableFuture<T>> op) {
    call.begin();
    try {
      CompletableFuture<T> f = op.get();
      return f != null ? f : CompletableFuture.failedFuture(
          new LibsqlException(ErrorCode.INTERNAL_ERROR, "the engine returned no future"));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Async: runs {@code op} (on {@code executor}, or on this thread when null) and returns the
   * caller's future. At the deadline the call is stopped (its hooks interrupt SQLite or abandon
   * the remote stream) and the future fails with TIMEOUT; {@code cancel} of the future stops the
   * call the same way. For work that waits for a local SQLite statement ({@code waitForEngine}),
   * the future completes with the engine's own outcome once it started, since the interrupt makes
   * SQLite return promptly and its answer (rolled back, or done just in time) is the true one.
   */
  public <T> CompletableFuture<T> submit(Call call, Supplier<CompletableFuture<T>> op, Executor executor,
      boolean waitForEngine) {
    CompletableFuture<T> result = new UserFuture<>();
    Runnable start = () -> {
      if (!call.begin()) {
        return; // stopped before it started: the result is failed already
      }
      CompletableFuture<T> f;
      try {
        f = op.get();
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      // The listener hears of the end before the caller does (the call ends once, whoever is first).
      f.whenComplete((v, t) -> {
        if (t == null) {
          if (call.succeeded(v)) {
            result.complete(v);
          }
        } else {
          LibsqlException e = call.mapFailure(Futures.unwrap(t));
          if (call.endsWith(e)) {
            result.completeExceptionally(e);
          }
        }
      });
    };
    ScheduledFuture<?> timer = null;
    if (call.timeoutNanos() > 0) {
      timer = Watchdog.schedule(() -> {
        if (result.isDone()) {
          return;
        }
        boolean started = call.started();
        call.stop(Call.Stop.TIMEOUT);
        if (!waitForEngine || !started) {
          LibsqlException e = call.stoppedError();
          if (call.endsWith(e)) {
            result.completeExceptionally(e);
          }
        }
      }, call.remainingNanos());
    }
    ScheduledFuture<?> deadline = timer;
    result.whenComplete((v, t) -> {
      if (deadline != null) {
        deadline.cancel(false);
      }
      if (t instanceof CancellationException) {
        call.stop(Call.Stop.CANCELLED);
        call.failed(new LibsqlException(ErrorCode.CANCELLED, "cancelled"));
      }
    });
    if (executor == null) {
      start.run();
    } else {
      try {
        executor.execute(start);
      } catch (RejectedExecutionException e) {
        LibsqlException closed = new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed");
        if (call.endsWith(closed)) {
          result.completeExceptionally(closed);
        }
      }
    }
    return result;
  }
}
