package io.libsql.client.internal.call;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting on futures and unwrapping their failures into {@link LibsqlException}. Not API. */
public final class Futures {
  private Futures() {}

  /**
   * Waits for the outcome of {@code call}'s work: until its deadline, stopping it on expiry
   * (TIMEOUT) or when the thread is interrupted (CANCELLED, the interrupt flag kept). Refuses to
   * wait on one of the client's I/O threads, where the answer could never arrive.
   */
  public static <T> T await(CompletableFuture<T> future, Call call) {
    checkNotIoThread(future);
    try {
      long remaining = call.remainingNanos();
      return remaining == Long.MAX_VALUE ? future.get() : future.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      LibsqlException cause = call.mapFailure(unwrap(e.getCause()));
      // Rethrown on the caller's thread: keep the original as cause so both stack traces show.
      throw new LibsqlException(cause.code(), cause.getMessage(), cause.statementIndex(), cause);
    } catch (TimeoutException e) {
      call.stop(Call.Stop.TIMEOUT);
      throw call.stoppedError();
    } catch (CancellationException e) {
      call.stop(Call.Stop.CANCELLED);
      throw call.stoppedError();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.stop(Call.Stop.INTERRUPTED);
      throw call.stoppedError();
    }
  }

  static void checkNotIoThread(CompletableFuture<?> future) {
    if (!future.isDone() && IoThread.current()) {
      throw new LibsqlException(ErrorCode.BLOCKING_ON_IO_THREAD, "a blocking call was made on the client's I/O thread "
          + Thread.currentThread().getName() + " (inside a callback of an AsyncClient future), where its answer could"
          + " never arrive; make the call from another thread (e.g. thenApplyAsync) or use the AsyncClient");
    }
  }

  /** Waits for {@code future}; {@code timeoutNanos <= 0} waits without limit. */
  public static <T> T await(CompletableFuture<T> future, long timeoutNanos) {
    checkNotIoThread(future);
    try {
      return timeoutNanos > 0 ? future.get(timeoutNanos, TimeUnit.NANOSECONDS) : future.get();
    } catch (ExecutionException e) {
      LibsqlException cause = unwrap(e.getCause());
      // Rethrown on the caller's thread: keep the original as cause so both stack traces show.
      throw new LibsqlException(cause.code(), cause.getMessage(), cause.statementIndex(), cause);
    } catch (TimeoutException e) {
      future.cancel(false);
      throw new LibsqlException(ErrorCode.TIMEOUT,
          "the call did not finish within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms; its outcome on the server is unknown");
    } catch (CancellationException e) {
      throw new LibsqlException(ErrorCode.CANCELLED, "the call was cancelled", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(false);
      throw new LibsqlException(ErrorCode.CANCELLED, "interrupted while waiting for the database; its outcome is unknown", e);
    }
  }

  /** The {@link LibsqlException} behind {@code t}, wrapping anything else as INTERNAL_ERROR. */
  public static LibsqlException unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof LibsqlException) {
      return (LibsqlException) t;
    }
    if (t instanceof TimeoutException) {
      return new LibsqlException(ErrorCode.TIMEOUT, "the call timed out; its outcome on the server is unknown", t);
    }
    if (t instanceof CancellationException) {
      return new LibsqlException(ErrorCode.CANCELLED, "the call was cancelled", t);
    }
    return new LibsqlException(ErrorCode.INTERNAL_ERROR, "unexpected " + t.getClass().getName() + ": " + t.getMessage(), t);
  }

}
