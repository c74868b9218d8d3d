package io.libsql.client.internal.ws;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The liveness check of one connection. A TCP connection whose peer vanished (a NAT or firewall
 * forgot it, the host lost power) fails no read and no write for many minutes: every request would
 * time out and the connection would never be replaced. So while requests are in flight, a
 * connection silent for {@link WsTransport#livenessNanos} is pinged, and one that stays silent as
 * long again (at least 2 s) is dropped (CONNECTION_LOST), so the next call reconnects. sqld answers
 * pings even while it runs a long statement. Thread-safe; guarded by {@link #lock}: the fields so
 * marked.
 */
final class Liveness {
  /** What the check watches. Called outside the check's lock. */
  interface Watched {
    /** Open with requests in flight: worth watching. */
    boolean busy();

    void ping();

    /** Nothing came for {@code silentNanos}, not even a pong: give the connection up. */
    void dead(long silentNanos);
  }

  private final Watched watched;
  private final LongSupplier intervalNanos;
  private final ReentrantLock lock = new ReentrantLock();
  /** When a frame last arrived (System.nanoTime). */
  private volatile long lastReceived = System.nanoTime();
  /** Guarded by lock: when the check pinged, 0 when no ping is outstanding. */
  private long pingSent;
  /** Guarded by lock: a check is scheduled. */
  private boolean scheduled;

  Liveness(Watched watched, LongSupplier intervalNanos) {
    this.watched = watched;
    this.intervalNanos = intervalNanos;
  }

  /** A frame (or pong) arrived. */
  void received() {
    lastReceived = System.nanoTime();
  }

  /** Schedules a check if none is (a request was just sent). */
  void arm() {
    lock.lock();
    try {
      if (scheduled) {
        return;
      }
      scheduled = true;
    } finally {
      lock.unlock();
    }
    CompletableFuture.delayedExecutor(intervalNanos.getAsLong(), TimeUnit.NANOSECONDS).execute(this::check);
  }

  private void check() {
    long interval = intervalNanos.getAsLong();
    // A loaded machine may be slow to answer: the pong gets at least 2 s.
    long pongWait = Math.max(interval, TimeUnit.SECONDS.toNanos(2));
    boolean busy = watched.busy();
    boolean ping = false;
    boolean dead = false;
    long silentNanos;
    long next = 0;
    lock.lock();
    try {
      scheduled = false;
      if (!busy) {
        pingSent = 0;
        return;
      }
      long now = System.nanoTime();
      long last = lastReceived;
      silentNanos = now - last;
      if (pingSent != 0 && last - pingSent >= 0) {
        pingSent = 0; // answered
      }
      if (pingSent != 0) {
        dead = now - pingSent >= pongWait;
      } else if (silentNanos >= interval) {
        ping = true;
        pingSent = now;
      }
      if (!dead) {
        scheduled = true;
        next = Math.max(pingSent != 0 ? pingSent + pongWait - now : last + interval - now, TimeUnit.MILLISECONDS.toNanos(10));
      }
    } finally {
      lock.unlock();
    }
    if (dead) {
      watched.dead(silentNanos);
      return;
    }
    CompletableFuture.delayedExecutor(next, TimeUnit.NANOSECONDS).execute(this::check);
    if (ping) {
      watched.ping();
    }
  }
}
