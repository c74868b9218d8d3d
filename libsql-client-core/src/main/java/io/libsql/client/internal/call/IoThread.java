package io.libsql.client.internal.call;

/**
 * A thread of the client's own that completes futures (a WebSocket's reader, a replica's sync
 * thread): a blocking call made on it, inside a user's callback, would wait for itself.
 * {@link Futures#await} refuses to wait on one. Not API.
 */
public class IoThread extends Thread {
  public IoThread(Runnable r, String name) {
    super(r, name);
    setDaemon(true);
  }

  /** True when the current thread is one of the client's I/O threads. */
  public static boolean current() {
    return Thread.currentThread() instanceof IoThread;
  }
}
