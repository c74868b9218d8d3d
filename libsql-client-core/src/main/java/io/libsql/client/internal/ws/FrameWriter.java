package io.libsql.client.internal.ws;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The sending side of one connection: encoded frames in the order they must be written, written by
 * whichever thread finds the writer idle (no writer thread; the JDK allows one outstanding send).
 * Thread-safe; guarded by {@link #lock}: the fields so marked. The connection adds frames under its
 * own lock, in admission order, and calls {@link #flush} once it released it.
 */
final class FrameWriter {
  private final Consumer<Throwable> failed;
  private final ReentrantLock lock = new ReentrantLock();
  /** Guarded by lock. */
  private final ArrayDeque<Object> outbox = new ArrayDeque<>();
  /** Guarded by lock: one thread is writing the outbox. */
  private boolean writing;
  private volatile WebSocket socket;

  /** @param failed told of a failed write (the socket is going down) */
  FrameWriter(Consumer<Throwable> failed) {
    this.failed = failed;
  }

  /** The socket is open: {@code hello} goes before anything queued. */
  void open(WebSocket socket, Object hello) {
    this.socket = socket;
    lock.lock();
    try {
      outbox.addFirst(hello);
    } finally {
      lock.unlock();
    }
  }

  void add(Object frame) {
    lock.lock();
    try {
      outbox.add(frame);
    } finally {
      lock.unlock();
    }
  }

  /** Drops what was not written (the connection closed). */
  void clear() {
    lock.lock();
    try {
      outbox.clear();
    } finally {
      lock.unlock();
    }
  }

  /** Writes the outbox unless another thread is at it. */
  void flush() {
    lock.lock();
    try {
      if (writing || outbox.isEmpty()) {
        return;
      }
      writing = true;
    } finally {
      lock.unlock();
    }
    drain();
  }

  /** Writes the outbox, one frame at a time; this thread is the writer. */
  private void drain() {
    WebSocket ws = socket;
    for (;;) {
      Object frame;
      lock.lock();
      try {
        frame = outbox.poll();
        if (frame == null) {
          writing = false;
          return;
        }
      } finally {
        lock.unlock();
      }
      CompletableFuture<WebSocket> f;
      try {
        f = frame instanceof String ? ws.sendText((String) frame, true) : ws.sendBinary((ByteBuffer) frame, true);
      } catch (RuntimeException e) {
        failed.accept(e);
        return;
      }
      if (!f.isDone()) {
        f.whenComplete((w, t) -> {
          if (t != null) {
            failed.accept(t);
          } else {
            drain();
          }
        });
        return;
      }
      if (f.isCompletedExceptionally()) {
        f.whenComplete((w, t) -> failed.accept(t));
        return;
      }
    }
  }
}
