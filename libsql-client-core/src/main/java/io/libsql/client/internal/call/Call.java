package io.libsql.client.internal.call;

import io.libsql.client.ClientListener;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One API call in flight: its deadline, whether it was stopped (timed out or cancelled), whether it
 * reached the database, and what to do to stop its work. Not API.
 *
 * <p>The client layer ({@code ClientImpl}, {@code AsyncClientImpl}, transactions, sessions) makes
 * one per call and passes it to the engine's operation ({@link Engine}, {@link EngineSession},
 * {@link EngineTransaction}), which passes it on: the local engine to interrupt SQLite ({@code
 * internal.local.Interrupts}), remote transports to mark the request {@linkplain #markSent() sent}
 * and to register {@linkplain #onStop stop hooks} that abandon its stream. Thread-safe.
 */
public final class Call {
  /** Why a call was stopped. */
  public enum Stop {
    TIMEOUT, INTERRUPTED, CANCELLED
  }

  private static final int STARTED = 1;
  private static final int FINISHED = 2;
  /** The stop reason's ordinal + 1, in bits 2 and 3. */
  private static final int STOP_SHIFT = 2;
  private static final int STOP_MASK = 3 << STOP_SHIFT;
  private static final java.lang.invoke.VarHandle STATE;

  static {
    try {
      STATE = java.lang.invoke.MethodHandles.lookup().findVarHandle(Call.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final ClientListener.CallInfo info;
  final SafeListener listener;
  private final long startNanos = System.nanoTime();
  /** 0: no limit. */
  private final long timeoutNanos;
  private final boolean inTransaction;

  /**
   * STARTED, FINISHED (the end was reported; stopping is then a no-op) and the stop reason, changed
   * by compare-and-set only: the common path (start, finish) takes no lock.
   */
  @SuppressWarnings("unused") // through STATE
  private volatile int state;
  /** Guarded by this; null once the call is stopped or finished. */
  private List<Runnable> hooks;
  /** The request left this client (remote) or SQLite started running it (local). */
  private volatile boolean sent;
  /** The work ran on a local SQLite connection (for the wording of failures). */
  private volatile boolean local;
  /** What the server last answered when it refused the call for overload, or null. */
  private volatile String overload;

  Call(ClientListener.CallInfo info, SafeListener listener, long timeoutNanos, boolean inTransaction) {
    this.info = info;
    this.listener = listener;
    this.timeoutNanos = timeoutNanos;
    this.inTransaction = inTransaction;
  }

  /** A call without deadline, listener or hooks, for work outside the API (tests, internal steps). */
  public static Call untracked() {
    return new Call(null, null, 0, false);
  }

  /** The time limit in nanoseconds, 0 for none. */
  public long timeoutNanos() {
    return timeoutNanos;
  }

  /** Nanoseconds left before the deadline (may be negative), or {@link Long#MAX_VALUE} without one. */
  public long remainingNanos() {
    return timeoutNanos <= 0 ? Long.MAX_VALUE : timeoutNanos - (System.nanoTime() - startNanos);
  }

  long elapsedNanos() {
    return System.nanoTime() - startNanos;
  }

  /** The request left the client (remote), or SQLite began running it (local, with {@link #markLocal}). */
  public void markSent() {
    sent = true;
  }

  /** The work runs on a local SQLite connection, which an interrupt rolls back. */
  public void markLocal() {
    local = true;
    sent = true;
  }

  /**
   * The server refused the request, unrun, because it was overloaded ({@code detail} says how):
   * until it is sent again nothing of the call has run, and a stop says both.
   */
  public void overloaded(String detail) {
    overload = detail;
    sent = false;
  }

  /**
   * Marks the call started (its work handed to an engine); false if it was stopped before, in which
   * case the work must not start.
   */
  boolean begin() {
    for (;;) {
      int s = state;
      if ((s & STOP_MASK) != 0) {
        return false;
      }
      if ((s & STARTED) != 0 || STATE.compareAndSet(this, s, s | STARTED)) {
        return true;
      }
    }
  }

  boolean started() {
    return (state & STARTED) != 0;
  }

  /** Why the call was stopped, or null while it may go on. */
  public Stop stopped() {
    int bits = (state & STOP_MASK) >>> STOP_SHIFT;
    return bits == 0 ? null : Stop.values()[bits - 1];
  }

  public boolean isStopped() {
    return (state & STOP_MASK) != 0;
  }

  /**
   * Runs {@code hook} when the call is stopped (at once, on this thread, if it already is). Hooks
   * run on the thread that stops the call; they must not block.
   */
  public void onStop(Runnable hook) {
    synchronized (this) {
      int s = state;
      if ((s & STOP_MASK) == 0) {
        if ((s & FINISHED) != 0) {
          return;
        }
        if (hooks == null) {
          hooks = new ArrayList<>(2);
        }
        hooks.add(hook);
        return;
      }
    }
    runHook(hook);
  }

  /** Stops the call (the first reason wins) and runs its hooks; false if it had ended or was stopped already. */
  public boolean stop(Stop reason) {
    for (;;) {
      int s = state;
      if ((s & (FINISHED | STOP_MASK)) != 0) {
        return false;
      }
      if (STATE.compareAndSet(this, s, s | ((reason.ordinal() + 1) << STOP_SHIFT))) {
        break;
      }
    }
    List<Runnable> toRun;
    synchronized (this) {
      toRun = hooks;
      hooks = null;
    }
    if (toRun != null) {
      for (Runnable r : toRun) {
        runHook(r);
      }
    }
    return true;
  }

  private static void runHook(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException ignored) {
      // stopping is best effort: the caller is told either way
    }
  }

  /** Marks the call ended; later stops are ignored. Returns false if it had ended already. */
  private boolean finish() {
    for (;;) {
      int s = state;
      if ((s & FINISHED) != 0) {
        return false;
      }
      if (STATE.compareAndSet(this, s, s | FINISHED)) {
        return true;
      }
    }
  }

  /** Ends the call with success, reported to the listener; false if it had ended already (stopped). */
  boolean succeeded(Object result) {
    if (!finish()) {
      return false;
    }
    if (listener != null) {
      listener.callEnd(info, elapsedNanos(), result);
    }
    return true;
  }

  /** Ends the call with {@code e}, reported to the listener (unless it had ended already); returns {@code e}. */
  public LibsqlException failed(LibsqlException e) {
    if (finish() && listener != null) {
      listener.callFailed(info, elapsedNanos(), e.code());
    }
    return e;
  }

  /** As {@link #failed}, telling whether this ended the call. */
  boolean endsWith(LibsqlException e) {
    if (!finish()) {
      return false;
    }
    if (listener != null) {
      listener.callFailed(info, elapsedNanos(), e.code());
    }
    return true;
  }

  /**
   * The failure to report for a call that failed with {@code e}: once the call is stopped, any
   * failure of its work is the stop's TIMEOUT or CANCELLED (the work failed because it was
   * stopped), keeping {@code e} as the cause.
   */
  public LibsqlException mapFailure(LibsqlException e) {
    Stop s = stopped();
    if (s == null) {
      return e;
    }
    // Already this stop's own exception (from a hook): keep it; anything else is what the stop caused.
    return isStopError(e) && e.getMessage().startsWith(stopPrefix(s)) ? e : stoppedError(e);
  }

  private static boolean isStopError(LibsqlException e) {
    return e.is(ErrorCode.TIMEOUT) || e.is(ErrorCode.CANCELLED);
  }

  /** The TIMEOUT or CANCELLED exception for this stopped call, worded by where the work got to. */
  public LibsqlException stoppedError() {
    return stoppedError(null);
  }

  private LibsqlException stoppedError(Throwable cause) {
    Stop s = stopped();
    if (s == null) {
      s = Stop.CANCELLED;
    }
    StringBuilder m = new StringBuilder(stopPrefix(s));
    if (s == Stop.TIMEOUT) {
      m.append(TimeUnit.NANOSECONDS.toMillis(timeoutNanos)).append(" ms");
    }
    String refused = overload;
    if (refused != null) {
      m.append("; the server was overloaded and refused the request (").append(refused).append(")");
    }
    if (local) {
      m.append("; SQLite interrupted the statement and rolled it back (a batch is rolled back whole;"
          + " statements of a script that finished before it stay applied)");
    } else if (sent) {
      m.append(refused != null ? "; its last attempt had been sent" : "; the request had been sent")
          .append(", so the server may still have run it (or may still be running it): check before retrying a write");
    } else {
      m.append(refused != null ? "; nothing was executed" : "; it had not been sent: nothing was executed");
    }
    if (inTransaction) {
      m.append(". The transaction is rolled back and closed");
    }
    ErrorCode code = s == Stop.TIMEOUT ? ErrorCode.TIMEOUT : ErrorCode.CANCELLED;
    return new LibsqlException(code, m.toString(), cause);
  }

  private static String stopPrefix(Stop s) {
    switch (s) {
      case TIMEOUT:
        return "the call did not finish within its timeout of ";
      case INTERRUPTED:
        return "the calling thread was interrupted";
      default:
        return "the call was cancelled";
    }
  }

  @Override
  public String toString() {
    return "Call[" + (info == null ? "" : info.kind()) + ", stop=" + stopped() + ", sent=" + sent + "]";
  }
}
