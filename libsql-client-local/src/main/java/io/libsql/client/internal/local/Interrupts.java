package io.libsql.client.internal.local;

import io.libsql.client.LibsqlException;
import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.call.Watchdog;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Stops local statements with SQLite's interrupt ({@code sqlite3_interrupt}, which makes the
 * running statement fail with SQLITE_INTERRUPT and rolls it back). The shared watchdog thread checks
 * every {@value #POLL_MILLIS} ms each statement that runs for an API call, and interrupts it when
 * the call passed its deadline, was stopped (an async call's timeout or {@code cancel}), or its
 * thread was interrupted ({@code Thread.interrupt()} cannot reach a thread inside SQLite's native
 * code).
 *
 * <p>Cheap on the common path: each thread that runs statements owns one {@link Slot}, registered
 * once; a statement costs a few field writes and one uncontended lock. The watchdog wakes only
 * while statements run (and for a second after).
 */
final class Interrupts {
  static final long POLL_MILLIS = 10;
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS);
  /** Idle polls before the poller stops (about a second). */
  private static final int LINGER_POLLS = 100;

  /** The slots of every thread that ran a statement; dead threads' slots are dropped by the poller. */
  private static final ConcurrentLinkedQueue<Slot> SLOTS = new ConcurrentLinkedQueue<>();
  private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(() -> {
    Slot s = new Slot(Thread.currentThread());
    SLOTS.add(s);
    return s;
  });
  private static final AtomicBoolean POLLING = new AtomicBoolean();
  /** Watchdog thread only. */
  private static int idlePolls;

  private Interrupts() {}

  /** What one thread is running, if anything. */
  private static final class Slot {
    final WeakReference<Thread> thread;
    /** Guarded by this: the connection of the running statement, open while set. */
    private LocalConnection conn;
    /** Guarded by this. */
    private Call call;
    /** Guarded by this: the running statement was interrupted. */
    private boolean fired;
    /** A statement runs (read by the poller without the lock, as a hint). */
    private volatile boolean busy;

    Slot(Thread thread) {
      this.thread = new WeakReference<>(thread);
    }

    synchronized void start(LocalConnection c, Call k) {
      conn = c;
      call = k;
      fired = false;
      busy = true;
    }

    /** Ends the statement; true if it was interrupted. */
    synchronized boolean end() {
      busy = false;
      conn = null;
      call = null;
      return fired;
    }

    /** Interrupts the statement of {@code k} if it still runs. */
    synchronized void interrupt(Call k) {
      if (call == k && conn != null && !fired) {
        fired = true;
        conn.interrupt();
      }
    }

    synchronized Call call() {
      return call;
    }
  }

  /**
   * Runs {@code op} on {@code conn} for {@code call} (if not null): refused when the call is stopped
   * already, interrupted when it is stopped while running. A failure of a stopped call is its
   * TIMEOUT or CANCELLED.
   */
  static <T> T run(LocalConnection conn, Call call, Supplier<T> op) {
    if (call == null) {
      return op.get();
    }
    if (call.isStopped()) {
      throw call.stoppedError();
    }
    call.markLocal();
    Slot slot = SLOT.get();
    slot.start(conn, call);
    if (!POLLING.get()) {
      startPolling();
    }
    boolean fired = false;
    try {
      return op.get();
    } catch (LibsqlException e) {
      fired = slot.end();
      if (fired) {
        conn.finalizeCached(); // no statement may stay active, or SQLite keeps interrupting the connection
      }
      throw call.mapFailure(e);
    } finally {
      if (!fired) {
        slot.end();
      }
    }
  }

  private static void startPolling() {
    if (POLLING.compareAndSet(false, true)) {
      Watchdog.schedule(Interrupts::poll, POLL_NANOS);
    }
  }

  private static void poll() {
    boolean anyBusy = false;
    for (Iterator<Slot> it = SLOTS.iterator(); it.hasNext();) {
      Slot slot = it.next();
      Thread t = slot.thread.get();
      if (t == null || !t.isAlive()) {
        it.remove();
        continue;
      }
      if (!slot.busy) {
        continue;
      }
      anyBusy = true;
      Call call = slot.call();
      if (call == null) {
        continue;
      }
      if (!call.isStopped()) {
        if (call.remainingNanos() <= 0) {
          call.stop(Call.Stop.TIMEOUT);
        } else if (t.isInterrupted()) {
          call.stop(Call.Stop.INTERRUPTED);
        }
      }
      if (call.isStopped()) {
        slot.interrupt(call);
      }
    }
    if (!anyBusy) {
      if (++idlePolls >= LINGER_POLLS) {
        idlePolls = 0;
        POLLING.set(false);
        // A statement that started just now may have seen POLLING still set: look once more
        // (its busy flag is written before it reads POLLING, so one of the two sees the other).
        for (Slot slot : SLOTS) {
          if (slot.busy) {
            startPolling();
            break;
          }
        }
        return; // otherwise the next statement starts polling again
      }
    } else {
      idlePolls = 0;
    }
    Watchdog.schedule(Interrupts::poll, POLL_NANOS);
  }
}
