package io.libsql.client.internal.ws;

import io.libsql.client.LibsqlException;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Response;

/**
 * A server stream on one connection, held by one user at a time (a one-shot operation, a
 * transaction, a session, a cursor): the one view of the connection a request gets. Requests are
 * sent on the stream's lane (the priority lane while it is detached from the pool), so they reach the
 * server after its {@code open_stream}, in call order.
 */
final class ServerStream {
  /** Receives a request's outcome: exactly one of {@code response} and {@code error} is non-null. */
  interface Callback {
    void done(Response response, LibsqlException error);

    /** The request was never written, or the server ran nothing of it: by default, a failure like another. */
    default void notSent(LibsqlException error) {
      done(null, error);
    }
  }

  /** Who waits for a pooled stream. Called outside any lock, exactly once. */
  interface User {
    void acquired(ServerStream stream);

    void failed(LibsqlException e);

    /** As {@link #failed}, but the server certainly ran nothing for this user (a one-shot may go again). */
    default void notSent(LibsqlException e) {
      failed(e);
    }
  }

  final int id;
  private final WsConnection conn;
  private final StreamPool pool;
  /** Set if open_stream failed; the stream is then closed instead of pooled. */
  volatile LibsqlException openError;
  /** Owned by one transaction, session or cursor, outside the pool; written by the pool under its lock. */
  volatile boolean detached;
  /** When it last became idle (System.nanoTime); guarded by the pool's lock. */
  long idleSince;

  ServerStream(int id, WsConnection conn, StreamPool pool) {
    this.id = id;
    this.conn = conn;
    this.pool = pool;
  }

  /** Sends {@code request} (which names this stream); {@code callback} runs exactly once. */
  void send(Request request, Class<? extends Response> expected, Callback callback) {
    conn.send(request, expected, detached, callback);
  }

  /** Gives the stream back: pooled again, or closed on the server if {@code close} or it cannot be. */
  void release(boolean close) {
    if (detached) {
      pool.returnDetached(this, close);
    } else {
      pool.release(this, close);
    }
  }

  /** The Hrana version of the connection. */
  int version() {
    return conn.version();
  }

  /** Why the connection closed, or null while it is usable. */
  LibsqlException failure() {
    return conn.failure();
  }

  WsConnection connection() {
    return conn;
  }

  @Override
  public String toString() {
    return "stream " + id + " on " + conn;
  }
}
