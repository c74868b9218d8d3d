package io.libsql.client.internal.http;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.codec.HranaCodec;
import io.libsql.client.internal.hrana.HranaCursor;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.client.internal.proto.Pipeline;
import io.libsql.client.internal.proto.Request;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cursor over the body of a {@code POST /v3/cursor} response, read entry by entry as the caller
 * asks, so memory stays bounded whatever the number of rows. Not thread-safe (like every cursor),
 * except that {@link #close()} may come from another thread while a read waits: it then closes the
 * body, which ends the read (the JDK 17 HttpClient's body ignores interrupts), and the reader closes.
 *
 * <p>The cursor owns its stream: {@link #close()} closes the body and then sends {@code [close]}
 * with the stream's baton (fire and forget, bounded by {@link #CLOSE_TIMEOUT}).
 */
final class HttpCursor implements HranaCursor {
  /** How long the closing {@code [close]} request may take before it is abandoned. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  /** At close, bytes read to reach the end of the body, so the connection can be reused. */
  private static final int DRAIN_BUDGET = 16 * 1024;

  private final PipelineClient client;
  private final Endpoint endpoint;
  private final InputStream body;
  /** Bounds each entry read from {@link #body}. */
  private final LimitedBodies.EntryLimit limit;
  private final HranaCodec.CursorReader reader;
  private final String baton;
  private final String base;
  private final Runnable onClosed;
  private boolean done;
  private boolean closed;
  /** Set by {@link #abort()} from the thread closing the transport. */
  private volatile boolean aborted;
  /** Held while reading and closing, so that a close from another thread never runs beside a read. */
  private final java.util.concurrent.locks.ReentrantLock busy = new java.util.concurrent.locks.ReentrantLock();
  /** Set by {@link #close()} from another thread while a read waited. */
  private volatile boolean cancelled;

  private HttpCursor(PipelineClient client, Endpoint endpoint, LimitedBodies.EntryLimit body, HranaCodec.CursorReader reader,
      Pipeline.CursorHead head, String base, Runnable onClosed) {
    this.client = client;
    this.endpoint = endpoint;
    this.body = body;
    this.limit = body;
    this.reader = reader;
    this.baton = head.baton();
    this.base = base;
    this.onClosed = onClosed;
  }

  /**
   * Reads the head of {@code body} (blocking until the server sends it) and returns the cursor.
   * Closes the body if that fails.
   */
  static HttpCursor open(PipelineClient client, Endpoint endpoint, InputStream rawBody, String requestBase,
      Runnable onClosed) {
    HranaCodec.CursorReader reader = null;
    LimitedBodies.EntryLimit body = new LimitedBodies.EntryLimit(rawBody, client.maxResponseSize());
    try {
      reader = endpoint.codec().cursorReader(body);
      Pipeline.CursorHead head = reader.head();
      if (head == null) {
        throw new LibsqlException(ErrorCode.HRANA_PROTO_ERROR, "the cursor response has no head");
      }
      String base = head.baseUrl() == null ? requestBase : HttpTransport.validBaseUrl(head.baseUrl());
      return new HttpCursor(client, endpoint, body, reader, head, base, onClosed);
    } catch (IOException | RuntimeException e) {
      if (reader != null) {
        PipelineClient.closeQuietly(reader);
      }
      PipelineClient.closeQuietly(body);
      onClosed.run();
      if (e instanceof LibsqlException) {
        throw (LibsqlException) e;
      }
      if (e instanceof LimitedBodies.TooLarge) {
        throw ((LimitedBodies.TooLarge) e).error;
      }
      throw HttpErrors.fromThrowable(e, "the cursor");
    }
  }

  @Override
  public CursorEntry next() {
    busy.lock();
    try {
      return read();
    } finally {
      if (cancelled) {
        closeOwned(); // closed from another thread during this read
      }
      busy.unlock();
    }
  }

  private CursorEntry read() {
    if (closed || aborted || cancelled) {
      throw new LibsqlException(ErrorCode.CLIENT_CLOSED, aborted ? "the client is closed" : "the cursor is closed");
    }
    if (done) {
      return null;
    }
    CursorEntry entry;
    try {
      limit.startEntry();
      entry = reader.next();
    } catch (LimitedBodies.TooLarge e) {
      close();
      throw new LibsqlException(e.error.code(), e.error.getMessage(), -1, e.error);
    } catch (IOException e) {
      close();
      if (aborted) {
        throw new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed", e);
      }
      if (cancelled) {
        throw new LibsqlException(ErrorCode.CLIENT_CLOSED, "the cursor is closed", e);
      }
      throw new LibsqlException(ErrorCode.CONNECTION_LOST,
          "the connection dropped while reading the results (" + e.getMessage() + ")", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    if (entry == null) {
      done = true;
      close();
    }
    return entry;
  }

  @Override
  public void close() {
    if (!busy.tryLock()) {
      // Another thread waits for entries: end its read; it closes the cursor as it fails.
      cancelled = true;
      PipelineClient.closeQuietly(body);
      return;
    }
    try {
      closeOwned();
    } finally {
      busy.unlock();
    }
  }

  private void closeOwned() {
    if (closed) {
      return;
    }
    closed = true;
    if (!done && !aborted && !cancelled) {
      drain();
    }
    PipelineClient.closeQuietly(reader);
    PipelineClient.closeQuietly(body);
    closeStream();
    onClosed.run();
  }

  /** Closes the body from another thread (the transport is closing); the reader sees CLIENT_CLOSED. */
  void abort() {
    aborted = true;
    PipelineClient.closeQuietly(body);
  }

  /** Reads a little of the rest, so a body that is nearly done can give its connection back. */
  private void drain() {
    try {
      byte[] buffer = new byte[4096];
      int budget = DRAIN_BUDGET;
      while (budget > 0 && body.available() > 0) {
        int n = body.read(buffer, 0, Math.min(buffer.length, budget));
        if (n < 0) {
          return;
        }
        budget -= n;
      }
    } catch (IOException ignored) {
      // the connection is being dropped anyway
    }
  }

  private void closeStream() {
    if (baton == null || client.isClosed()) {
      return;
    }
    client.pipeline(base, endpoint, new Pipeline.Request(baton, List.of(new Request.CloseStream(0))))
        .orTimeout(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(t -> null); // best effort: the server expires an unclosed stream anyway
  }
}
