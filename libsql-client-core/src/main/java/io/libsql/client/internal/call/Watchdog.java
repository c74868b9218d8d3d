package io.libsql.client.internal.call;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread per JVM ({@code libsql-watchdog}) for the clients' timers: the deadlines of
 * async calls and the local engine's interrupt checks. Tasks must be short and never block. Not API.
 */
public final class Watchdog {
  private static final ScheduledThreadPoolExecutor TIMER;

  static {
    TIMER = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "libsql-watchdog");
      t.setDaemon(true);
      return t;
    });
    TIMER.setRemoveOnCancelPolicy(true);
    TIMER.setKeepAliveTime(10, TimeUnit.SECONDS);
    TIMER.allowCoreThreadTimeOut(true);
  }

  private Watchdog() {}

  /** Runs {@code task} after {@code delayNanos} on the watchdog thread. */
  public static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
    return TIMER.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
  }
}
