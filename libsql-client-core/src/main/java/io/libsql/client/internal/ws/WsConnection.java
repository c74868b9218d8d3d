package io.libsql.client.internal.ws;

import io.libsql.client.Encoding;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.url.AuthTokens;
import io.libsql.client.internal.call.Futures;
import io.libsql.client.internal.call.SafeListener;
import io.libsql.client.internal.call.Watchdog;
import io.libsql.client.internal.codec.BinaryFrameCodec;
import io.libsql.client.internal.codec.HranaCodec;
import io.libsql.client.internal.codec.HranaCodecs;
import io.libsql.client.internal.codec.TextFrameCodec;
import io.libsql.client.internal.hrana.HranaErrors;
import io.libsql.client.internal.hrana.Lanes;
import io.libsql.client.internal.hrana.ReadOnlyTokens;
import io.libsql.client.internal.proto.ClientMsg;
import io.libsql.client.internal.proto.HranaError;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Response;
import io.libsql.client.internal.proto.ServerMsg;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One WebSocket to the server and its request table: pending requests by id, the in-flight
 * {@link Lanes} and the stored-SQL cache. Around it: {@link Handshake} (upgrade and
 * authentication), {@link FrameWriter} and {@link FrameReader} (sending, receiving),
 * {@link Liveness}, {@link StreamPool} (the open streams) and {@link MessageLimits}. Requests reach it through a {@link ServerStream}.
 * Created by {@link WsTransport}; once closed it stays closed (the transport makes a new one).
 *
 * <p>Ordering: requests get their id and are encoded on the calling thread, then queued in call
 * order on one of two lanes: one-shot requests (bounded by {@code Config.concurrency()} in flight)
 * and the priority lane of transactions, sessions, cursors and stored SQL (a small reserve above
 * the bound, so that a transaction's COMMIT never waits behind a crowd of one-shots holding locks
 * it needs). The priority lane drains first; within a lane order is kept, and every stream sends
 * all its requests on one lane, so a stream's requests reach the server in call order.
 *
 * <p>Threading: frames are written by {@link FrameWriter}, by whichever thread finds it idle.
 * Frames are read on the socket's reader thread, which decodes them and completes the callbacks
 * inline, outside the lock: a caller blocked in {@code get()} is woken directly, with no executor
 * hop. Guarded by {@link #lock}: the fields so marked; the volatile fields after the upgrade are
 * written once before the state becomes OPEN.
 */
final class WsConnection {
  private enum State { CONNECTING, OPEN, CLOSED }

  /** A request from submission to response. {@code id} and {@code frame} are set by {@link #send}. */
  private static final class Pending {
    final Request request;
    final Class<? extends Response> expected;
    final boolean priority;
    final ServerStream.Callback callback;
    int id;
    Object frame;
    /** Guarded by lock: handed to the writer (counts against the in-flight bound). */
    boolean admitted;
    /** Stored SQL texts this request uses, released when it is answered; or null. */
    SqlCache.Plan plan;
    /** The request as sent, with stored SQL ids; null if as given. */
    Request rewritten;

    Pending(Request request, Class<? extends Response> expected, boolean priority, ServerStream.Callback callback) {
      this.request = request;
      this.expected = expected;
      this.priority = priority;
      this.callback = callback;
    }
  }

  /** How long a write failure waits for the reader to report a better reason. */
  private static final long WRITE_FAILURE_GRACE_MILLIS = 1000;

  private final WsTransport transport;
  private final String redactedUrl;
  private final Handshake handshake;
  /** The user's listener, or null. */
  private final SafeListener listener;
  private final Liveness liveness;
  private final FrameReader reader;
  private final StreamPool streams;
  private final FrameWriter writer = new FrameWriter(this::writeFailed);

  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock:
  private volatile State state = State.CONNECTING;
  private LibsqlException failure;
  /** The server ran nothing sent on this connection (its first hello was refused). */
  private volatile boolean nothingRan;
  /** Requests registered (admitted or waiting), indexed by request id. */
  private Pending[] pending = new Pending[64];
  /** Requests in flight, and those waiting for room: one-shots, and the priority lane of dedicated streams. */
  private final Lanes<Pending> lanes;
  /** The most requests ever in flight at once (for tests). */
  private int maxInFlightSeen;
  private final IdAllocator requestIds = new IdAllocator(0);
  private final IdAllocator cursorIds = new IdAllocator(1);
  /** Set once the operations that waited for the upgrade have started; then calls go straight on. */
  private volatile boolean ready;
  /** Operations waiting for the upgrade, in call order (a future's dependents would run LIFO). */
  private final ArrayDeque<ServerStream.User> openWaiters = new ArrayDeque<>();
  private final SqlCache sqlCache;

  // Written once in opened() before the state becomes OPEN; read by senders after they saw OPEN.
  private volatile WebSocket ws;
  private volatile HranaCodec codec;
  private volatile boolean binary;
  private volatile int version;
  private volatile String subprotocol;

  WsConnection(WsTransport transport, String redactedUrl, String jwt, List<String> offered, int concurrency,
      int maxPooledStreams, int storedSqlCapacity) {
    this(transport, redactedUrl, AuthTokens.fixed(jwt), null, offered, concurrency, maxPooledStreams, storedSqlCapacity);
  }

  WsConnection(WsTransport transport, String redactedUrl, AuthTokens tokens, SafeListener listener, List<String> offered,
      int concurrency, int maxPooledStreams, int storedSqlCapacity) {
    this.transport = transport;
    this.redactedUrl = redactedUrl;
    this.handshake = new Handshake(tokens, redactedUrl, offered);
    this.listener = listener;
    this.lanes = new Lanes<>(concurrency);
    this.sqlCache = new SqlCache(storedSqlCapacity);
    this.streams = new StreamPool(this, Math.max(1, Math.min(maxPooledStreams, concurrency)));
    this.liveness = new Liveness(new Liveness.Watched() {
      @Override
      public boolean busy() {
        lock.lock();
        try {
          return state == State.OPEN && lanes.running() > 0;
        } finally {
          lock.unlock();
        }
      }

      @Override
      public void ping() {
        try {
          ws.sendPing(ByteBuffer.allocate(0));
        } catch (RuntimeException ignored) {
          // a failing socket reports itself through onError
        }
      }

      @Override
      public void dead(long silentNanos) {
        fail(new LibsqlException(ErrorCode.CONNECTION_LOST, "the connection to " + redactedUrl + " was dropped: nothing came"
            + " from the server for " + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms, not even an answer to a ping;"
            + " requests in flight on it may or may not have been executed"), true);
      }
    }, transport::livenessNanos);
    this.reader = new FrameReader(this, liveness, transport::maxResponseSize, redactedUrl);
  }

  // ---------------------------------------------------------------- connecting

  /** Starts connecting: {@code opener} builds the WebSocket with this connection's reader as its listener. */
  void connect(Function<WebSocket.Listener, CompletableFuture<WebSocket>> opener, Duration connectTimeout) {
    CompletableFuture<WebSocket> f;
    try {
      // The JDK's WebSocket applies its timeout to the TCP connect only; bound the whole upgrade.
      f = opener.apply(reader).orTimeout(connectTimeout.toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      fail(handshake.connectFailure(e, connectTimeout), false);
      return;
    }
    f.whenComplete((socket, t) -> {
      if (t != null) {
        fail(handshake.connectFailure(t, connectTimeout), false);
      } else if (isClosed()) {
        socket.abort();
      }
    });
  }

  /** The upgrade is done: checks the subprotocol, pipelines the hello, starts what waited. */
  void opened(WebSocket socket) {
    Handshake.Negotiated n = handshake.negotiate(socket.getSubprotocol());
    if (n == null) {
      socket.abort();
      fail(handshake.notOffered(socket.getSubprotocol()), false);
      return;
    }
    this.codec = HranaCodecs.forEncoding(n.encoding());
    this.binary = n.encoding() == Encoding.PROTOBUF;
    this.version = n.version();
    this.subprotocol = n.subprotocol();
    this.ws = socket;
    Object hello;
    try {
      hello = encode(new ClientMsg.Hello(handshake.firstToken()));
    } catch (LibsqlException e) {
      socket.abort();
      fail(e, false);
      return;
    }
    lock.lock();
    try {
      if (state != State.CONNECTING) {
        hello = null;
      } else {
        state = State.OPEN;
        writer.open(socket, hello);
      }
    } finally {
      lock.unlock();
    }
    if (hello == null) {
      socket.abort();
      return;
    }
    socket.request(1);
    writer.flush();
    if (listener != null) {
      listener.connectionOpened(redactedUrl, subprotocol);
    }
    // Start the operations that waited for the upgrade, in call order, before later ones may
    // start directly.
    for (;;) {
      List<ServerStream.User> waiters;
      lock.lock();
      try {
        if (openWaiters.isEmpty()) {
          ready = state == State.OPEN;
          return;
        }
        waiters = new ArrayList<>(openWaiters);
        openWaiters.clear();
      } finally {
        lock.unlock();
      }
      for (ServerStream.User w : waiters) {
        w.acquired(null);
      }
    }
  }

  /**
   * Runs {@code waiter.acquired(null)} once the connection is open (at once if it is), in call
   * order, or {@code waiter.failed} if it never opens.
   */
  void whenOpen(ServerStream.User waiter) {
    LibsqlException error = null;
    boolean now = false;
    lock.lock();
    try {
      if (state == State.CLOSED) {
        error = failure;
      } else if (ready) {
        now = true;
      } else {
        openWaiters.add(waiter);
      }
    } finally {
      lock.unlock();
    }
    if (error != null) {
      waiter.failed(error);
    } else if (now) {
      waiter.acquired(null);
    }
  }

  /** True once open and every operation that waited for the upgrade has started. */
  boolean isOpen() {
    return ready && state == State.OPEN;
  }

  boolean isClosed() {
    lock.lock();
    try {
      return state == State.CLOSED;
    } finally {
      lock.unlock();
    }
  }

  int version() {
    return version;
  }

  /** The negotiated subprotocol, e.g. {@code hrana3-protobuf}; null before the upgrade. */
  String subprotocol() {
    return subprotocol;
  }

  String redactedUrl() {
    return redactedUrl;
  }

  HranaCodec codec() {
    return codec;
  }

  /** Protobuf frames (else JSON text). */
  boolean binary() {
    return binary;
  }

  /** The connection's open streams. */
  StreamPool streams() {
    return streams;
  }

  long maxMessageSize() {
    return reader.maxMessageSize();
  }

  /** Why the connection closed, or null while it is usable. */
  LibsqlException failure() {
    lock.lock();
    try {
      return failure;
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- sending

  /**
   * With a rotating token supplier, queues a hello with the new token ahead of the requests sent
   * after it (see {@link Handshake#rotatedToken}). Requests in flight are not disturbed.
   */
  private void refreshToken() {
    String token = handshake.rotatedToken(version);
    if (token == null) {
      return;
    }
    Object hello;
    try {
      hello = encode(new ClientMsg.Hello(token));
    } catch (RuntimeException e) {
      return;
    }
    lock.lock();
    try {
      if (state != State.OPEN) {
        return;
      }
      writer.add(hello);
    } finally {
      lock.unlock();
    }
    writer.flush();
  }

  /** Sends {@code request}; {@code callback} runs exactly once (maybe on this thread, on failure). */
  void send(Request request, Class<? extends Response> expected, boolean priority, ServerStream.Callback callback) {
    refreshToken();
    Pending p = new Pending(request, expected, priority, callback);
    LibsqlException error = null;
    lock.lock();
    try {
      if (state != State.OPEN) {
        error = notOpenError();
      } else {
        p.id = requestIds.allocate();
        if (sqlCache.enabled() && version >= 2 && (request instanceof Request.Execute || request instanceof Request.BatchReq)) {
          storeSqlLocked(p);
        }
      }
    } finally {
      lock.unlock();
    }
    if (error != null) {
      refuse(callback, error);
      return;
    }
    try {
      p.frame = encode(new ClientMsg.RequestMsg(p.id, p.rewritten != null ? p.rewritten : p.request));
      MessageLimits.checkRequestSize(p.frame);
    } catch (RuntimeException e) {
      lock.lock();
      try {
        if (state == State.OPEN) {
          requestIds.release(p.id);
          if (p.plan != null) {
            sqlCache.release(p.plan);
          }
        }
      } finally {
        lock.unlock();
      }
      callback.done(null, Futures.unwrap(e));
      return;
    }
    lock.lock();
    try {
      if (state != State.OPEN) {
        error = notOpenError();
      } else {
        enqueueLocked(p);
      }
    } finally {
      lock.unlock();
    }
    if (error != null) {
      refuse(callback, error);
    } else {
      writer.flush();
    }
  }

  /** Sends {@code request} and completes the future with its response. */
  <R extends Response> CompletableFuture<R> call(Request request, Class<R> expected, boolean priority) {
    CompletableFuture<R> f = new CompletableFuture<>();
    send(request, expected, priority, (r, e) -> {
      if (e != null) {
        f.completeExceptionally(e);
      } else {
        f.complete(expected.cast(r));
      }
    });
    return f;
  }

  /** Registers an encoded request and admits it or queues it. Guarded by lock. */
  private void enqueueLocked(Pending p) {
    if (p.id >= pending.length) {
      pending = Arrays.copyOf(pending, Math.max(pending.length * 2, p.id + 1));
    }
    pending[p.id] = p;
    if (lanes.offer(p, p.priority)) {
      admit(p);
    }
  }

  /** Hands a request that {@link #lanes} admitted to the writer. Guarded by lock. */
  private void admit(Pending p) {
    p.admitted = true;
    liveness.arm();
    if (lanes.running() > maxInFlightSeen) {
      maxInFlightSeen = lanes.running();
    }
    writer.add(p.frame);
    p.frame = null;
  }

  /**
   * Replaces repeated SQL texts of {@code p} by stored ids. New texts are stored and evicted ones
   * closed right here, under the lock and on the priority lane, so that no request can use an id
   * before its store_sql, whichever thread sends it. Guarded by lock.
   */
  private void storeSqlLocked(Pending p) {
    SqlCache.Plan plan = new SqlCache.Plan();
    Request rewritten = sqlCache.rewrite(p.request, plan);
    if (plan.used.isEmpty() && plan.close.isEmpty()) {
      return;
    }
    p.plan = plan.used.isEmpty() ? null : plan;
    for (int id : plan.close) {
      Pending c = new Pending(new Request.CloseSql(id), Response.CloseSql.class, true, (r, e) -> {
        if (e == null) {
          lock.lock();
          try {
            if (state == State.OPEN) {
              sqlCache.closed(id);
            }
          } finally {
            lock.unlock();
          }
        }
      });
      c.id = requestIds.allocate();
      c.frame = encode(new ClientMsg.RequestMsg(c.id, c.request));
      enqueueLocked(c);
    }
    for (SqlCache.Entry entry : plan.store) {
      Pending st = new Pending(new Request.StoreSql(entry.id, entry.sql), Response.StoreSql.class, true, (r, e) -> {
        if (e != null) {
          lock.lock();
          try {
            sqlCache.storeFailed(entry);
          } finally {
            lock.unlock();
          }
        }
      });
      st.id = requestIds.allocate();
      st.frame = encode(new ClientMsg.RequestMsg(st.id, st.request));
      enqueueLocked(st);
    }
    p.rewritten = rewritten;
  }

  /** Why a request cannot be sent now. Guarded by lock (or the state is CLOSED, then final). */
  LibsqlException notOpenError() {
    if (state == State.CONNECTING) {
      return new LibsqlException(ErrorCode.INTERNAL_ERROR, "a request was sent before the WebSocket was open");
    }
    return unsentError(failure);
  }

  /** How a request that never left the client learns of {@code cause}. */
  private LibsqlException unsentError(LibsqlException cause) {
    return cause.is(ErrorCode.CONNECTION_LOST) && !nothingRan ? new LibsqlException(cause.code(), "the connection to "
        + redactedUrl + " was lost before the request was sent; it was not executed", -1, cause) : cause;
  }

  /** Whether a request refused with {@code error} (from {@link #notOpenError}) certainly never ran. */
  private boolean neverSent(LibsqlException error) {
    return error.is(ErrorCode.CONNECTION_LOST) || nothingRan;
  }

  private void refuse(ServerStream.Callback callback, LibsqlException error) {
    if (neverSent(error)) {
      callback.notSent(error);
    } else {
      callback.done(null, error);
    }
  }

  /** Fails a stream user because the connection is not open. */
  void refuse(ServerStream.User user) {
    LibsqlException error;
    lock.lock();
    try {
      error = notOpenError();
    } finally {
      lock.unlock();
    }
    if (neverSent(error)) {
      user.notSent(error);
    } else {
      user.failed(error);
    }
  }

  private Object encode(ClientMsg msg) {
    HranaCodec c = codec;
    return binary ? ((BinaryFrameCodec) c).encodeClientMsgBinary(msg) : ((TextFrameCodec) c).encodeClientMsgText(msg);
  }

  // ---------------------------------------------------------------- receiving

  /** A decoded server message (on the reader thread). */
  void dispatch(ServerMsg msg) {
    if (msg instanceof ServerMsg.ResponseOk) {
      ServerMsg.ResponseOk ok = (ServerMsg.ResponseOk) msg;
      complete(ok.requestId(), ok.response(), null);
    } else if (msg instanceof ServerMsg.ResponseError) {
      ServerMsg.ResponseError err = (ServerMsg.ResponseError) msg;
      complete(err.requestId(), null, err.error());
    } else if (msg instanceof ServerMsg.HelloError) {
      Handshake.Refusal refusal = handshake.refused(((ServerMsg.HelloError) msg).error());
      fail(refusal.error(), true, refusal.nothingRan());
    } else if (msg instanceof ServerMsg.HelloOk) {
      handshake.accepted();
    }
  }

  private void complete(int requestId, Response response, HranaError error) {
    if (!completeWith(requestId, response, error == null ? null : HranaErrors.toException(error))) {
      protocolViolation("the server answered request id " + requestId + ", which is not pending", null);
    }
  }

  /** Completes pending request {@code requestId}; false if no such request is in flight. */
  boolean completeWith(int requestId, Response response, LibsqlException error) {
    Pending p = null;
    lock.lock();
    try {
      if (state == State.CLOSED) {
        return true;
      }
      if (requestId >= 0 && requestId < pending.length && pending[requestId] != null && pending[requestId].admitted) {
        p = pending[requestId];
        pending[requestId] = null;
        requestIds.release(requestId);
        if (p.plan != null) {
          sqlCache.release(p.plan);
        }
        lanes.release(this::admit);
      }
    } finally {
      lock.unlock();
    }
    if (p == null) {
      return false;
    }
    if (response != null && !p.expected.isInstance(response)) {
      LibsqlException e = new LibsqlException(ErrorCode.HRANA_PROTO_ERROR, "the server answered a "
          + p.expected.getSimpleName() + " request with a " + response.getClass().getSimpleName() + " response");
      p.callback.done(null, e);
      fail(e, true);
      return true;
    }
    writer.flush();
    p.callback.done(response, error);
    return true;
  }

  void protocolViolation(String message, Throwable cause) {
    fail(new LibsqlException(ErrorCode.HRANA_PROTO_ERROR, message + "; the connection to " + redactedUrl + " was dropped", cause), true);
  }

  void closedByServer(int statusCode, String reason) {
    String detail = "closed by the server with code " + statusCode + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
    fail(new LibsqlException(ErrorCode.CONNECTION_LOST,
        "the connection to " + redactedUrl + " was lost (" + detail + "); the request may or may not have been executed"), false);
  }

  /**
   * A write failed: the socket is going down, but the reader may still hold the reason (a
   * hello_error or close frame the server sent before closing), so it gets a moment to report it
   * before this failure is used.
   */
  private void writeFailed(Throwable t) {
    CompletableFuture.delayedExecutor(WRITE_FAILURE_GRACE_MILLIS, TimeUnit.MILLISECONDS).execute(() -> lost(t));
  }

  void lost(Throwable t) {
    Throwable c = t;
    while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    String detail = c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    fail(new LibsqlException(ErrorCode.CONNECTION_LOST,
        "the connection to " + redactedUrl + " was lost (" + detail + "); the request may or may not have been executed", c), true);
  }

  // ---------------------------------------------------------------- failing and closing

  /** Closes the connection for good, failing everything pending with {@code cause}. */
  void fail(LibsqlException cause, boolean abort) {
    fail(cause, abort, false);
  }

  /** As {@link #fail(LibsqlException, boolean)}; {@code nothingRan}: the server ran none of the requests sent. */
  private void fail(LibsqlException cause, boolean abort, boolean nothingRan) {
    List<Pending> failed = new ArrayList<>();
    List<ServerStream.User> users;
    lock.lock();
    try {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      failure = cause;
      this.nothingRan = nothingRan;
      for (int i = 0; i < pending.length; i++) {
        if (pending[i] != null) {
          failed.add(pending[i]);
          pending[i] = null;
        }
      }
      lanes.clear();
      writer.clear();
      users = new ArrayList<>(openWaiters);
      openWaiters.clear();
    } finally {
      lock.unlock();
    }
    users.addAll(streams.close());
    WebSocket socket = ws;
    if (abort && socket != null) {
      socket.abort();
    }
    transport.connectionClosed(this);
    if (listener != null) {
      listener.connectionClosed(redactedUrl, cause.is(ErrorCode.CLIENT_CLOSED) ? null : cause.code());
    }
    // Fail in request-id order so callers see failures roughly in the order they sent.
    failed.sort((a, b) -> Integer.compare(a.id, b.id));
    LibsqlException unsent = unsentError(cause);
    boolean unsentNeverRan = neverSent(unsent);
    boolean readOnlyToken = cause.is(ErrorCode.CONNECTION_LOST) && ReadOnlyTokens.readOnly(handshake.helloToken());
    for (Pending p : failed) {
      try {
        if (nothingRan || (!p.admitted && unsentNeverRan)) {
          p.callback.notSent(p.admitted ? cause : unsent);
        } else {
          p.callback.done(null, !p.admitted ? unsent
              : readOnlyToken && ReadOnlyTokens.mayWrite(p.request) ? ReadOnlyTokens.refusal(cause) : cause);
        }
      } catch (RuntimeException ignored) {
        // a callback's failure must not keep the others from running
      }
    }
    for (ServerStream.User u : users) {
      try {
        if (unsentNeverRan) {
          u.notSent(unsent);
        } else {
          u.failed(unsent);
        }
      } catch (RuntimeException ignored) {
        // as above
      }
    }
  }

  /** Closes for the client's close(): fails pending with {@code cause}, says goodbye, aborts after {@code grace}. */
  void shutdown(LibsqlException cause, Duration grace) {
    fail(cause, false);
    WebSocket socket = ws;
    if (socket == null) {
      return;
    }
    try {
      CompletableFuture<WebSocket> f = socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
      f.get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception ignored) {
      // best effort: the socket is aborted below either way
    }
    socket.abort();
  }

  // ---------------------------------------------------------------- cursors

  int allocateCursorId() {
    lock.lock();
    try {
      if (state != State.OPEN) {
        throw notOpenError();
      }
      return cursorIds.allocate();
    } finally {
      lock.unlock();
    }
  }

  void closeCursorId(int cursorId) {
    send(new Request.CloseCursor(cursorId), Response.CloseCursor.class, true, (r, e) -> {
      if (e == null) {
        lock.lock();
        try {
          if (state == State.OPEN) {
            cursorIds.release(cursorId);
          }
        } finally {
          lock.unlock();
        }
      }
    });
  }

  // ---------------------------------------------------------------- for tests

  /** Requests registered and not answered. */
  int pendingCount() {
    lock.lock();
    try {
      return requestIds.inUse();
    } finally {
      lock.unlock();
    }
  }

  /** The most requests in flight at once so far. */
  int maxInFlightSeen() {
    lock.lock();
    try {
      return maxInFlightSeen;
    } finally {
      lock.unlock();
    }
  }

  /** The in-flight bounds: one-shots, and dedicated streams. */
  int[] inFlightLimits() {
    return new int[] {lanes.permits(), lanes.priorityPermits()};
  }

  /** Stored SQL slots in use on the server. */
  int storedSqlSlots() {
    lock.lock();
    try {
      return sqlCache.slotsInUse();
    } finally {
      lock.unlock();
    }
  }

  /** Pooled streams open. */
  int pooledStreams() {
    return streams.pooledStreams();
  }

  @Override
  public String toString() {
    return "WsConnection[" + redactedUrl + ", hrana" + version + (binary ? "-protobuf" : "") + ", " + state + "]";
  }
}
