package io.libsql.client.internal.ws;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.call.Futures;
import io.libsql.client.internal.hrana.HranaCursor;
import io.libsql.client.internal.hrana.HranaErrors;
import io.libsql.client.internal.hrana.StreamReuse;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Response;
import io.libsql.client.internal.sql.Effect;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A Hrana 3 cursor on a stream it holds until closed. Entries are fetched at most {@value #FETCH_MAX}
 * at a time with at most one fetch ahead of the reader, so memory stays bounded whatever the result
 * size. Fewer when rows are large: each fetch asks for as many rows as a quarter of
 * {@code maxResponseSize} holds, judged by the largest row seen (the first fetch assumes 16 KiB
 * rows), so that a large result streams even when it is many times that limit.
 * {@code close()} sends {@code close_cursor} and gives the stream back to the pool.
 */
final class WsCursor implements HranaCursor {
  static final int FETCH_MAX = 1000;

  private final WsConnection conn;
  private final ServerStream stream;
  private final int cursorId;
  private final long waitNanos;
  private final Effect effect;
  private volatile LibsqlException openError;
  /** Rows to ask for in the next fetch. */
  private volatile int fetchMax;
  /** The largest row seen so far, estimated as encoded, in bytes (reader thread). */
  private long largestRow = 16 * 1024;

  // Owned by the reader (the thread calling next()); handed over by the first fetch's completion.
  private List<CursorEntry> entries = List.of();
  private int position;
  private CompletableFuture<Response.FetchCursor> ahead;
  /** The server said the cursor is done: its statement no longer runs on the stream. */
  private boolean finished;
  private boolean closed;

  private WsCursor(WsConnection conn, ServerStream stream, int cursorId, long waitNanos, Effect effect) {
    this.conn = conn;
    this.stream = stream;
    this.cursorId = cursorId;
    this.waitNanos = waitNanos;
    this.effect = effect;
    this.fetchMax = rowsPerFetch(conn.maxMessageSize(), largestRow);
  }

  /** How many rows of {@code rowBytes} fit a quarter of {@code maxResponse}, between 1 and {@value #FETCH_MAX}. */
  static int rowsPerFetch(long maxResponse, long rowBytes) {
    return (int) Math.max(1, Math.min(FETCH_MAX, maxResponse / 4 / Math.max(1, rowBytes)));
  }

  /** A row's size as encoded, roughly (text as UTF-8 at worst, blobs as base64). */
  static long estimateBytes(CursorEntry.Row row) {
    long n = 8;
    for (Object v : row.values()) {
      if (v instanceof byte[]) {
        n += ((byte[]) v).length * 4L / 3 + 16;
      } else if (v instanceof String) {
        n += ((String) v).length() * 3L + 16;
      } else {
        n += 32;
      }
    }
    return n;
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
    ServerStream stream = conn.streams().detach();
    WsCursor c = new WsCursor(conn, stream, cursorId, waitNanos, StreamReuse.effect(batch));
    stream.send(new Request.OpenCursor(stream.id, cursorId, batch), Response.OpenCursor.class, (r, e) -> {
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
    return conn.call(new Request.FetchCursor(cursorId, fetchMax), Response.FetchCursor.class, true);
  }

  private void accept(Response.FetchCursor r) {
    entries = r.entries();
    position = 0;
    long largest = largestRow;
    for (CursorEntry e : entries) {
      if (e instanceof CursorEntry.Row) {
        largest = Math.max(largest, estimateBytes((CursorEntry.Row) e));
      }
    }
    if (largest != largestRow) {
      largestRow = largest;
      fetchMax = rowsPerFetch(conn.maxMessageSize(), largest);
    }
    finished = r.done();
    ahead = finished ? null : fetch();
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
        throw new LibsqlException(ErrorCode.BLOCKING_ON_IO_THREAD, "a row stream was read on the connection's I/O thread "
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
      // A cursor closed before its end may still be running on the server (a stalled query does not
      // stop until it sends a row): close its stream rather than queue the next statement behind it.
      stream.release(effect != Effect.NONE || openError != null || !finished);
    }
  }
}
