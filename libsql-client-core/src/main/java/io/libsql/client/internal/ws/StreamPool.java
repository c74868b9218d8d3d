package io.libsql.client.internal.ws;

import io.libsql.client.internal.call.Watchdog;
import io.libsql.client.internal.hrana.StreamReuse;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Response;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The open streams of one connection: a pool for one-shot operations (at most {@code maxPooled}
 * open, idle or in use; more users wait in order), from which transactions, sessions and cursors
 * detach a stream of their own (never waiting, never counted, so open transactions cannot starve
 * one-shots). Which streams go back, and how long an idle one is kept, is {@link StreamReuse}'s rule.
 * A new stream's {@code open_stream} is sent right before its first request, on the same lane.
 *
 * <p>Thread-safe; guarded by {@link #lock}: the fields so marked. Users are called outside the lock.
 */
final class StreamPool {
  private final WsConnection conn;
  private final int maxPooled;
  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock:
  private boolean closed;
  private final IdAllocator streamIds = new IdAllocator(1);
  /** Idle pooled streams, most recently used last. */
  private final ArrayDeque<ServerStream> idle = new ArrayDeque<>();
  /** A timer to close streams idle {@link StreamReuse#IDLE_NANOS} is pending. */
  private boolean idleCloseScheduled;
  /** Pooled streams open or opening, idle or in use. */
  private int pooledOpen;
  private final ArrayDeque<ServerStream.User> waiters = new ArrayDeque<>();

  StreamPool(WsConnection conn, int maxPooled) {
    this.conn = conn;
    this.maxPooled = maxPooled;
  }

  /** Gives {@code user} an idle pooled stream, a new one, or queues it until one is released. */
  void acquire(ServerStream.User user) {
    ServerStream s = null;
    boolean fresh = false;
    boolean refused = false;
    lock.lock();
    try {
      if (closed) {
        refused = true;
      } else {
        s = idle.pollLast();
        if (s == null) {
          if (pooledOpen < maxPooled) {
            s = newStream();
            pooledOpen++;
            fresh = true;
          } else {
            waiters.add(user);
          }
        }
      }
    } finally {
      lock.unlock();
    }
    if (refused) {
      conn.refuse(user);
    } else if (s != null) {
      if (fresh) {
        open(s);
      }
      user.acquired(s);
    }
  }

  /**
   * A stream for a transaction, session or cursor: an idle pooled one (which leaves the pool) or a
   * new one; its requests use the priority lane. Given back with {@link ServerStream#release}.
   */
  ServerStream detach() {
    ServerStream s;
    boolean fresh = false;
    lock.lock();
    try {
      if (closed) {
        throw conn.notOpenError();
      }
      s = idle.pollLast();
      if (s != null) {
        pooledOpen--;
      } else {
        s = newStream();
        fresh = true;
      }
      s.detached = true;
    } finally {
      lock.unlock();
    }
    if (fresh) {
      open(s);
    }
    return s;
  }

  /** Takes back a detached stream into the pool if it is clean and there is room; else closes it. */
  void returnDetached(ServerStream s, boolean close) {
    boolean rejoin = false;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (!close && s.openError == null && pooledOpen < maxPooled) {
        pooledOpen++;
        s.detached = false;
        rejoin = true;
      }
    } finally {
      lock.unlock();
    }
    if (rejoin) {
      release(s, false);
    } else {
      closeOnServer(s);
    }
  }

  /** Returns a pooled stream, or closes it on the server when it may carry state. */
  void release(ServerStream s, boolean close) {
    ServerStream.User user = null;
    ServerStream handed = null;
    boolean fresh = false;
    boolean closeIt;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closeIt = close || s.openError != null || pooledOpen > maxPooled;
      if (closeIt) {
        pooledOpen--;
        if (!waiters.isEmpty() && pooledOpen < maxPooled) {
          user = waiters.poll();
          handed = newStream();
          pooledOpen++;
          fresh = true;
        }
      } else if (!waiters.isEmpty()) {
        user = waiters.poll();
        handed = s;
      } else {
        s.idleSince = System.nanoTime();
        idle.addLast(s);
        scheduleIdleCloseLocked();
      }
    } finally {
      lock.unlock();
    }
    if (closeIt) {
      closeOnServer(s);
    }
    if (user != null) {
      if (fresh) {
        open(handed);
      }
      user.acquired(handed);
    }
  }

  /** Fails nothing itself: stops the pool and returns the users still waiting, for the connection to fail. */
  List<ServerStream.User> close() {
    lock.lock();
    try {
      closed = true;
      idle.clear();
      List<ServerStream.User> out = new ArrayList<>(waiters);
      waiters.clear();
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Pooled streams open (for tests). */
  int pooledStreams() {
    lock.lock();
    try {
      return pooledOpen;
    } finally {
      lock.unlock();
    }
  }

  /** Guarded by lock. */
  private ServerStream newStream() {
    return new ServerStream(streamIds.allocate(), conn, this);
  }

  /** Sends open_stream on the stream's lane: a request may never overtake it (sqld drops the socket for an unknown stream). */
  private void open(ServerStream s) {
    s.send(new Request.OpenStream(s.id), Response.OpenStream.class, (r, e) -> {
      if (e != null) {
        s.openError = e;
      }
    });
  }

  /** Sends close_stream; the id is reused once the server confirmed. */
  private void closeOnServer(ServerStream s) {
    s.send(new Request.CloseStream(s.id), Response.CloseStream.class, (r, e) -> {
      if (e == null) {
        lock.lock();
        try {
          if (!closed) {
            streamIds.release(s.id);
          }
        } finally {
          lock.unlock();
        }
      }
    });
  }

  /** Guarded by lock: makes sure streams idle {@link StreamReuse#IDLE_NANOS} get closed. */
  private void scheduleIdleCloseLocked() {
    if (idleCloseScheduled || closed) {
      return;
    }
    idleCloseScheduled = true;
    Watchdog.schedule(this::closeIdleStreams, StreamReuse.IDLE_NANOS / 2);
  }

  /**
   * Closes the pooled streams idle {@link StreamReuse#IDLE_NANOS} or more (each holds one of the
   * server's database connections), oldest first; runs on the watchdog thread.
   */
  private void closeIdleStreams() {
    List<ServerStream> expired = new ArrayList<>();
    lock.lock();
    try {
      idleCloseScheduled = false;
      if (closed) {
        return;
      }
      long now = System.nanoTime();
      while (!idle.isEmpty() && now - idle.peekFirst().idleSince >= StreamReuse.IDLE_NANOS) {
        expired.add(idle.pollFirst());
        pooledOpen--;
      }
      if (!idle.isEmpty()) {
        scheduleIdleCloseLocked();
      }
    } finally {
      lock.unlock();
    }
    for (ServerStream s : expired) {
      closeOnServer(s);
    }
  }
}
