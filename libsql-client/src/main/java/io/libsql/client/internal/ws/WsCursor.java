package io.libsql.client.internal.ws;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.Futures;
import io.libsql.client.internal.hrana.HranaCursor;
import io.libsql.client.internal.hrana.HranaErrors;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A Hrana 3 cursor on a stream it holds until closed. Entries are fetched {@value #FETCH_MAX} at a
 * time with at most one fetch ahead of the reader, so memory stays bounded whatever the result size.
 * {@code close()} sends {@code close_cursor} and gives the stream back to the pool.
 */
final class WsCursor implements HranaCursor {
  static final int FETCH_MAX = 1000;

  private final WsConnection conn;
  private final WsConnection.PooledStream stream;
  private final int cursorId;
  private final long waitNanos;
  private final SqlScripts.Effect effect;
  private volatile LibsqlException openError;

  // Owned by the reader (the thread calling next()); handed over by the first fetch's completion.
  private List<CursorEntry> entries = List.of();
  private int position;
  private CompletableFuture<Response.FetchCursor> ahead;
  private boolean closed;

  private WsCursor(WsConnection conn, WsConnection.PooledStream stream, int cursorId, long waitNanos, SqlScripts.Effect effect) {
    this.conn = conn;
    this.stream = stream;
    this.cursorId = cursorId;
    this.waitNanos = waitNanos;
    this.effect = effect;
  }

  /**
   * Opens a cursor over {@code batch}; completes once the first entries arrived, failing if they
   * start with an error (so a bad statement fails here, as it does locally).
   */
  static CompletableFuture<HranaCursor> open(WsConnection conn, Batch batch, long waitNanos) {
    int cursorId;
    try {
      cursorId = conn.allocateCursorId();
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
    WsConnection.PooledStream stream = conn.detachStream();
    WsCursor c = new WsCursor(conn, stream, cursorId, waitNanos, WsTransport.batchEffect(batch));
    conn.send(new Request.OpenCursor(stream.id, cursorId, batch), Response.OpenCursor.class, true, (r, e) -> {
      if (e != null) {
        c.openError = e;
      }
    });
    return c.fetch().handle((r, t) -> {
      if (t != null) {
        c.close();
        throw c.failure(t);
      }
      c.accept(r);
      if (!r.entries().isEmpty()) {
        CursorEntry first = r.entries().get(0);
        if (first instanceof CursorEntry.StepError || first instanceof CursorEntry.Error) {
          c.close();
          throw HranaErrors.toException(first instanceof CursorEntry.StepError
              ? ((CursorEntry.StepError) first).error() : ((CursorEntry.Error) first).error());
        }
      }
      return c;
    });
  }

  private CompletableFuture<Response.FetchCursor> fetch() {
    return conn.call(new Request.FetchCursor(cursorId, FETCH_MAX), Response.FetchCursor.class, true);
  }

  private void accept(Response.FetchCursor r) {
    entries = r.entries();
    position = 0;
    ahead = r.done() ? null : fetch();
  }

  private LibsqlException failure(Throwable t) {
    LibsqlException open = openError;
    return open != null ? open : Futures.unwrap(t);
  }

  @Override
  public CursorEntry next() {
    while (position >= entries.size()) {
      if (closed || ahead == null) {
        close();
        return null;
      }
      if (!ahead.isDone() && SocketWebSocket.onReaderThread()) {
        close();
        throw new LibsqlException(ErrorCode.INTERNAL_ERROR, "a row stream was read on the connection's I/O thread "
            + "(inside a callback of the async API), where waiting for more rows would deadlock; read it on another thread");
      }
      Response.FetchCursor r;
      try {
        r = Futures.await(ahead, waitNanos);
      } catch (LibsqlException e) {
        close();
        LibsqlException open = openError;
        throw open != null ? open : e;
      }
      accept(r);
    }
    return entries.get(position++);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    entries = List.of();
    ahead = null;
    if (conn.failure() == null) {
      conn.closeCursorId(cursorId);
      conn.returnDetached(stream, effect != SqlScripts.Effect.NONE || openError != null);
    }
  }
}
