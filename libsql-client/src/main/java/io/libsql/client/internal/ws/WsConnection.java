package io.libsql.client.internal.ws;

import io.libsql.client.Encoding;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.AuthTokens;
import io.libsql.client.internal.Futures;
import io.libsql.client.internal.SafeListener;
import io.libsql.client.internal.Watchdog;
import io.libsql.client.internal.codec.HranaCodec;
import io.libsql.client.internal.codec.HranaCodecs;
import io.libsql.client.internal.hrana.HranaErrors;
import io.libsql.client.internal.hrana.Lanes;
import io.libsql.client.internal.hrana.ReadOnlyTokens;
import io.libsql.client.internal.hrana.StreamReuse;
import io.libsql.client.internal.proto.ClientMsg;
import io.libsql.client.internal.proto.HranaError;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Response;
import io.libsql.client.internal.proto.ServerMsg;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLException;

/**
 * One WebSocket to the server and everything that lives on it: pending requests by id, the
 * in-flight bound, the frame writer, the pool of open streams for one-shot operations and the
 * stored-SQL cache. Created by {@link WsTransport}; once closed it stays closed (the transport makes
 * a new one).
 *
 * <p>Ordering: requests get their id and are encoded on the calling thread, then queued in call
 * order on one of two lanes: one-shot requests (bounded by {@code Config.concurrency()} in flight)
 * and the priority lane of transactions, sessions, cursors and stored SQL (a small reserve above
 * the bound, so that a transaction's COMMIT never waits behind a crowd of one-shots holding locks
 * it needs). The priority lane drains first; within a lane order is kept, and every stream sends
 * all its requests on one lane, so a stream's requests reach the server in call order.
 *
 * <p>Threading: frames are written by whichever thread finds the writer idle (no writer thread).
 * Frames are read on the socket's reader thread, which decodes them and completes the futures
 * inline, outside the lock: a caller blocked in {@code get()} is woken directly, with no executor
 * hop. Guarded by {@link #lock}: the fields so marked; the volatile fields after the upgrade are
 * written once before the state becomes OPEN.
 */
final class WsConnection implements WebSocket.Listener, SocketWebSocket.SizeLimited {
  /** Who waits for a pooled stream. Called outside the lock, exactly once. */
  interface StreamUser {
    void acquired(PooledStream stream);

    void failed(LibsqlException e);

    /** As {@link #failed}, but the server certainly ran nothing for this user (a one-shot may go again). */
    default void notSent(LibsqlException e) {
      failed(e);
    }
  }

  /**
   * Receives a request's outcome: exactly one of {@code response} and {@code error} is non-null,
   * unless {@link #notSent} is called instead.
   */
  interface Callback {
    void done(Response response, LibsqlException error);

    /** The request was never written, or the server ran nothing of it: by default, a failure like another. */
    default void notSent(LibsqlException error) {
      done(null, error);
    }
  }

  /** A server stream of the one-shot pool (or a cursor's). */
  static final class PooledStream {
    final int id;
    /** Set if open_stream failed; the stream is then closed instead of pooled. */
    volatile LibsqlException openError;
    /** When it last became idle (System.nanoTime); guarded by the connection's lock. */
    long idleSince;

    PooledStream(int id) {
      this.id = id;
    }
  }

  private enum State { CONNECTING, OPEN, CLOSED }

  /** A request from submission to response. {@code id} and {@code frame} are set by {@link #send}. */
  private static final class Pending {
    final Request request;
    final Class<? extends Response> expected;
    final boolean priority;
    final Callback callback;
    int id;
    Object frame;
    /** Guarded by lock: handed to the writer (counts against the in-flight bound). */
    boolean admitted;
    /** Stored SQL texts this request uses, released when it is answered; or null. */
    SqlCache.Plan plan;
    /** The request as sent, with stored SQL ids; null if as given. */
    Request rewritten;

    Pending(Request request, Class<? extends Response> expected, boolean priority, Callback callback) {
      this.request = request;
      this.expected = expected;
      this.priority = priority;
      this.callback = callback;
    }
  }

  /** How often a rotating token supplier is asked whether the token changed, at most. */
  static final long TOKEN_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** When a frame last arrived (System.nanoTime), for the liveness check. */
  private volatile long lastReceived = System.nanoTime();
  /** Guarded by lock: when the liveness check pinged, 0 when no ping is outstanding. */
  private long pingSent;
  /** Guarded by lock: a liveness check is scheduled. */
  private boolean livenessScheduled;

  /** How long a write failure waits for the reader to report a better reason. */
  private static final long WRITE_FAILURE_GRACE_MILLIS = 1000;

  private final WsTransport transport;
  private final String redactedUrl;
  /** Where the hello's token comes from; tokens are never logged or put in messages. */
  private final AuthTokens tokens;
  /** The user's listener, or null. */
  private final SafeListener listener;
  private final List<String> offered;
  private final int maxPooledStreams;

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
  /** Encoded frames, in the order they must be written. */
  private final ArrayDeque<Object> outbox = new ArrayDeque<>();
  /** True while one thread is writing the outbox. */
  private boolean writing;
  private final IdAllocator requestIds = new IdAllocator(0);
  private final IdAllocator streamIds = new IdAllocator(1);
  private final IdAllocator cursorIds = new IdAllocator(1);
  /** Idle pooled streams, most recently used last. */
  private final ArrayDeque<PooledStream> idle = new ArrayDeque<>();
  /** A timer to close streams idle {@link StreamReuse#IDLE_NANOS} is pending. */
  private boolean idleCloseScheduled;
  /** Pooled streams open or opening, idle or in use (cursors included). */
  private int pooledOpen;
  private final ArrayDeque<StreamUser> streamWaiters = new ArrayDeque<>();
  /** Set once the operations that waited for the upgrade have started; then calls go straight on. */
  private volatile boolean ready;
  /** Operations waiting for the upgrade, in call order (a future's dependents would run LIFO). */
  private final ArrayDeque<StreamUser> openWaiters = new ArrayDeque<>();
  private final SqlCache sqlCache;

  /** The token of the last hello sent (null: none); written on the reader thread and by senders under lock. */
  private volatile String helloToken;
  /** The server accepted a hello (so a hello_error is about a re-hello). */
  private volatile boolean helloAccepted;
  /** When a rotating token supplier is next asked whether the token changed (System.nanoTime). */
  private volatile long nextTokenCheck;

  // Written once in onOpen before the state becomes OPEN; read by senders after they saw OPEN.
  private volatile WebSocket ws;
  private volatile HranaCodec codec;
  private volatile boolean binary;
  private volatile int version;
  private volatile String subprotocol;


  // Listener thread only (the JDK calls the listener sequentially).
  private StringBuilder textParts;
  private byte[] binaryParts;
  private int binaryLength;

  WsConnection(WsTransport transport, String redactedUrl, String jwt, List<String> offered, int concurrency,
      int maxPooledStreams, int storedSqlCapacity) {
    this(transport, redactedUrl, AuthTokens.fixed(jwt), null, offered, concurrency, maxPooledStreams, storedSqlCapacity);
  }

  WsConnection(WsTransport transport, String redactedUrl, AuthTokens tokens, SafeListener listener, List<String> offered,
      int concurrency, int maxPooledStreams, int storedSqlCapacity) {
    this.transport = transport;
    this.redactedUrl = redactedUrl;
    this.tokens = tokens;
    this.listener = listener;
    this.offered = offered;
    this.lanes = new Lanes<>(concurrency);
    this.maxPooledStreams = Math.max(1, Math.min(maxPooledStreams, concurrency));
    this.sqlCache = new SqlCache(storedSqlCapacity);
  }

  // ---------------------------------------------------------------- connecting

  /** Starts connecting: {@code opener} builds the WebSocket with this connection as its listener. */
  void connect(java.util.function.Function<WebSocket.Listener, CompletableFuture<WebSocket>> opener, Duration connectTimeout) {
    CompletableFuture<WebSocket> f;
    try {
      // The JDK's WebSocket applies its timeout to the TCP connect only; bound the whole upgrade.
      f = opener.apply(this).orTimeout(connectTimeout.toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      fail(connectFailure(e, connectTimeout), false);
      return;
    }
    f.whenComplete((socket, t) -> {
      if (t != null) {
        fail(connectFailure(t, connectTimeout), false);
      } else if (isClosed()) {
        socket.abort();
      }
    });
  }

  private LibsqlException connectFailure(Throwable t, Duration connectTimeout) {
    Throwable c = t;
    for (Throwable x = t; x != null; x = x.getCause()) {
      if (x instanceof WebSocketHandshakeException || x instanceof SocketWebSocket.HandshakeException
          || x instanceof HttpTimeoutException || x instanceof SSLException || x instanceof ConnectException
          || x instanceof UnresolvedAddressException || x instanceof java.net.UnknownHostException
          || x instanceof java.util.concurrent.TimeoutException || x instanceof LibsqlException) {
        c = x;
        break;
      }
      if (x.getCause() == null) {
        c = x;
      }
    }
    if (c instanceof LibsqlException) {
      return (LibsqlException) c;
    }
    if (c instanceof WebSocketHandshakeException || c instanceof SocketWebSocket.HandshakeException) {
      int status = c instanceof SocketWebSocket.HandshakeException ? ((SocketWebSocket.HandshakeException) c).status
          : ((WebSocketHandshakeException) c).getResponse().statusCode();
      if (status == 401 || status == 403) {
        return new LibsqlException(ErrorCode.AUTH_FAILED,
            "the server at " + redactedUrl + " rejected the credentials (HTTP " + status + " on the WebSocket upgrade); check the auth token", c);
      }
      if (status == 404) {
        return new LibsqlException(ErrorCode.ENDPOINT_NOT_FOUND,
            "the server at " + redactedUrl + " answered HTTP 404 to the WebSocket upgrade; check the URL", c);
      }
      return new LibsqlException(ErrorCode.CONNECTION_FAILED,
          "the server at " + redactedUrl + " refused the WebSocket upgrade with HTTP " + status
              + "; it may not speak any of the offered subprotocols " + offered + " (try an http: URL)", c);
    }
    if (c instanceof HttpTimeoutException || c instanceof java.util.concurrent.TimeoutException) {
      return new LibsqlException(ErrorCode.CONNECTION_FAILED,
          "could not connect to " + redactedUrl + " within " + connectTimeout.toMillis() + " ms", c);
    }
    if (c instanceof SSLException) {
      return new LibsqlException(ErrorCode.CONNECTION_FAILED,
          "the TLS handshake with " + redactedUrl + " failed: " + c.getMessage(), c);
    }
    if (c instanceof java.net.UnknownHostException) {
      return new LibsqlException(ErrorCode.CONNECTION_FAILED, "could not connect to " + redactedUrl + ": unknown host", c);
    }
    if (c instanceof ConnectException || c instanceof UnresolvedAddressException) {
      return new LibsqlException(ErrorCode.CONNECTION_FAILED,
          "could not connect to " + redactedUrl + ": " + (c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage()), c);
    }
    return new LibsqlException(ErrorCode.CONNECTION_FAILED,
        "could not connect to " + redactedUrl + ": " + c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage()), c);
  }

  @Override
  public void onOpen(WebSocket socket) {
    String sub = socket.getSubprotocol();
    int v;
    Encoding encoding = Encoding.JSON;
    switch (sub == null ? "" : sub) {
      case "hrana3-protobuf":
        v = 3;
        encoding = Encoding.PROTOBUF;
        break;
      case "hrana3":
        v = 3;
        break;
      case "hrana2":
        v = 2;
        break;
      case "hrana1":
      case "":
        // A server that picks no subprotocol speaks Hrana 1 (as the spec and the TS client assume).
        v = 1;
        sub = "hrana1";
        break;
      default:
        v = -1;
    }
    if (v < 0 || !offered.contains(sub)) {
      socket.abort();
      fail(new LibsqlException(ErrorCode.HRANA_PROTO_ERROR,
          "the server chose the WebSocket subprotocol '" + socket.getSubprotocol() + "', which was not offered " + offered), false);
      return;
    }
    HranaCodec c = HranaCodecs.forEncoding(encoding);
    this.codec = c;
    this.binary = encoding == Encoding.PROTOBUF;
    this.version = v;
    this.subprotocol = sub;
    this.ws = socket;
    Object hello;
    try {
      String jwt = tokens.get();
      helloToken = jwt;
      nextTokenCheck = System.nanoTime() + TOKEN_CHECK_NANOS;
      hello = encode(new ClientMsg.Hello(jwt));
    } catch (LibsqlException e) {
      socket.abort();
      fail(e, false);
      return;
    }
    boolean drain;
    lock.lock();
    try {
      if (state != State.CONNECTING) {
        drain = false;
        hello = null;
      } else {
        state = State.OPEN;
        outbox.addFirst(hello);
        drain = !writing;
        writing = true;
      }
    } finally {
      lock.unlock();
    }
    if (hello == null) {
      socket.abort();
      return;
    }
    socket.request(1);
    if (drain) {
      drain();
    }
    if (listener != null) {
      listener.connectionOpened(redactedUrl, sub);
    }
    // Start the operations that waited for the upgrade, in call order, before later ones may
    // start directly.
    for (;;) {
      List<StreamUser> waiters;
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
      for (StreamUser w : waiters) {
        w.acquired(null);
      }
    }
  }

  /**
   * Runs {@code waiter.acquired(null)} once the connection is open (at once if it is), in call
   * order, or {@code waiter.failed} if it never opens.
   */
  void whenOpen(StreamUser waiter) {
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
   * With a rotating token supplier, asks it (at most once a {@link #TOKEN_CHECK_NANOS}) whether the
   * token changed and, if so, queues a new hello ahead of the requests sent after it (Hrana 2+:
   * Hrana 1 has no re-authentication; its connection uses the new token when it reconnects).
   * Requests in flight are not disturbed.
   */
  private void refreshToken() {
    if (!tokens.rotating() || version < 2 || System.nanoTime() - nextTokenCheck < 0) {
      return;
    }
    nextTokenCheck = System.nanoTime() + TOKEN_CHECK_NANOS;
    String token;
    Object hello;
    try {
      token = tokens.get();
      if (java.util.Objects.equals(token, helloToken)) {
        return;
      }
      hello = encode(new ClientMsg.Hello(token));
    } catch (RuntimeException e) {
      return; // the supplier failed: keep the session's current authentication
    }
    boolean drain = false;
    lock.lock();
    try {
      if (state != State.OPEN) {
        return;
      }
      helloToken = token;
      outbox.add(hello);
      if (!writing) {
        writing = true;
        drain = true;
      }
    } finally {
      lock.unlock();
    }
    if (drain) {
      drain();
    }
  }

  /** Sends {@code request}; {@code callback} runs exactly once (maybe on this thread, on failure). */
  void send(Request request, Class<? extends Response> expected, boolean priority, Callback callback) {
    refreshToken();
    Pending p = new Pending(request, expected, priority, callback);
    LibsqlException error = null;
    lock.lock();
    try {
      if (state != State.OPEN) {
        error = notOpen();
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
      notOpen(callback, error);
      return;
    }
    try {
      p.frame = encode(new ClientMsg.RequestMsg(p.id, p.rewritten != null ? p.rewritten : p.request));
      checkRequestSize(p.frame);
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
    boolean drain = false;
    lock.lock();
    try {
      if (state != State.OPEN) {
        error = notOpen();
      } else {
        enqueueLocked(p);
        if (!writing && !outbox.isEmpty()) {
          writing = true;
          drain = true;
        }
      }
    } finally {
      lock.unlock();
    }
    if (error != null) {
      notOpen(callback, error);
    } else if (drain) {
      drain();
    }
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

  /** Why a request cannot be sent now (guarded by lock); see {@link #neverSent}. */
  private LibsqlException notOpen() {
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

  /** Whether a request refused with {@code error} (by {@link #notOpen}) certainly never ran. */
  private boolean neverSent(LibsqlException error) {
    return error.is(ErrorCode.CONNECTION_LOST) || nothingRan;
  }

  private void notOpen(Callback callback, LibsqlException error) {
    if (neverSent(error)) {
      callback.notSent(error);
    } else {
      callback.done(null, error);
    }
  }

  /**
   * The largest request message sent: sqld (its WebSocket library's default) drops the whole
   * connection on a longer one, failing every request on it.
   */
  static final long MAX_REQUEST_MESSAGE = 64L << 20;

  /** Fails a request too large for one WebSocket message with ARGUMENT_INVALID, before anything is sent. */
  static void checkRequestSize(Object frame) {
    long size;
    if (frame instanceof ByteBuffer) {
      size = ((ByteBuffer) frame).remaining();
    } else {
      String text = (String) frame;
      size = text.length() * 3L <= MAX_REQUEST_MESSAGE ? text.length() : utf8Length(text);
    }
    if (size > MAX_REQUEST_MESSAGE) {
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID, "the request is " + size + " bytes as a WebSocket message,"
          + " and sqld accepts at most " + MAX_REQUEST_MESSAGE + " (64 MiB), dropping the connection beyond; nothing was"
          + " sent. Send smaller arguments (sqld stores values of at most about 5 MB), or use an http: URL");
    }
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private Object encode(ClientMsg msg) {
    HranaCodec c = codec;
    return binary ? c.encodeClientMsgBinary(msg) : c.encodeClientMsgText(msg);
  }

  /** Hands a request that {@link #lanes} admitted to the writer. Guarded by lock. */
  private void admit(Pending p) {
    p.admitted = true;
    armLiveness();
    if (lanes.running() > maxInFlightSeen) {
      maxInFlightSeen = lanes.running();
    }
    outbox.add(p.frame);
    p.frame = null;
  }

  /** Writes the outbox, one frame at a time (the JDK allows one outstanding send). */
  private void drain() {
    WebSocket socket = ws;
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
        f = frame instanceof String ? socket.sendText((String) frame, true) : socket.sendBinary((ByteBuffer) frame, true);
      } catch (RuntimeException e) {
        writeFailed(e);
        return;
      }
      if (!f.isDone()) {
        f.whenComplete((w, t) -> {
          if (t != null) {
            writeFailed(t);
          } else {
            drain();
          }
        });
        return;
      }
      if (f.isCompletedExceptionally()) {
        f.whenComplete((w, t) -> writeFailed(t));
        return;
      }
    }
  }

  // ---------------------------------------------------------------- liveness

  /**
   * Schedules a liveness check if none is (guarded by lock). A TCP connection whose peer vanished
   * (a NAT or firewall forgot it, the host lost power) fails no read and no write for many minutes:
   * every request would time out and the connection would never be replaced. So while requests are
   * in flight, a connection silent for {@link WsTransport#livenessNanos} is pinged, and one that
   * stays silent as long again (at least 2 s) is dropped (CONNECTION_LOST), so the next call
   * reconnects. sqld answers pings even while it runs a long statement.
   */
  private void armLiveness() {
    if (livenessScheduled || state != State.OPEN) {
      return;
    }
    livenessScheduled = true;
    long delay = transport.livenessNanos();
    CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS).execute(this::checkLiveness);
  }

  private void checkLiveness() {
    long interval = transport.livenessNanos();
    // A loaded machine may be slow to answer: the pong gets at least 2 s.
    long pongWait = Math.max(interval, TimeUnit.SECONDS.toNanos(2));
    boolean ping = false;
    boolean dead = false;
    long silentNanos;
    lock.lock();
    try {
      livenessScheduled = false;
      if (state != State.OPEN || lanes.running() == 0) {
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
        livenessScheduled = true;
        long next = pingSent != 0 ? pingSent + pongWait - now : last + interval - now;
        CompletableFuture.delayedExecutor(Math.max(next, TimeUnit.MILLISECONDS.toNanos(10)), TimeUnit.NANOSECONDS)
            .execute(this::checkLiveness);
      }
    } finally {
      lock.unlock();
    }
    if (dead) {
      fail(new LibsqlException(ErrorCode.CONNECTION_LOST, "the connection to " + redactedUrl + " was dropped: nothing came"
          + " from the server for " + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms, not even an answer to a ping;"
          + " requests in flight on it may or may not have been executed"), true);
    } else if (ping) {
      try {
        ws.sendPing(ByteBuffer.allocate(0));
      } catch (RuntimeException ignored) {
        // a failing socket reports itself through onError
      }
    }
  }

  @Override
  public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
    lastReceived = System.nanoTime();
    socket.request(1);
    return null;
  }

  // ---------------------------------------------------------------- oversized messages

  @Override
  public long maxMessageSize() {
    return transport.maxResponseSize();
  }

  /**
   * A message larger than {@code maxResponseSize} was skipped by the socket: the request it answers
   * (its id is near the start: sqld writes {@code request_id} before the response) fails with
   * RESPONSE_TOO_LARGE and the connection goes on. If the id cannot be read, the connection is
   * dropped and everything in flight fails with RESPONSE_TOO_LARGE.
   */
  @Override
  public void onMessageTooLarge(WebSocket socket, boolean text, byte[] head, long length) {
    lastReceived = System.nanoTime();
    long max = maxMessageSize();
    int id = binary ? protobufRequestId(head) : jsonRequestId(head);
    String what = "a response of " + length + " bytes from " + redactedUrl + " is more than maxResponseSize (" + max
        + " bytes)";
    String advice = "; raise Config.Builder.maxResponseSize, or read large results with stream()";
    if (id < 0 || !completeWith(id, null, new LibsqlException(ErrorCode.RESPONSE_TOO_LARGE,
        what + "; the statement may have run on the server" + advice))) {
      fail(new LibsqlException(ErrorCode.RESPONSE_TOO_LARGE, what + ", and the connection was dropped; requests in flight"
          + " on it may or may not have been executed" + advice), true);
      return;
    }
    socket.request(1);
  }

  /**
   * For the JDK's WebSocket, which delivers messages in parts and cannot skip one: drops the
   * connection once a message grows past the limit.
   */
  private boolean partsTooLarge(long size) {
    long max = maxMessageSize();
    if (size <= max) {
      return false;
    }
    fail(new LibsqlException(ErrorCode.RESPONSE_TOO_LARGE, "a response from " + redactedUrl + " is more than"
        + " maxResponseSize (" + max + " bytes), and the connection was dropped; requests in flight on it may or may not"
        + " have been executed; raise Config.Builder.maxResponseSize, or read large results with stream()"), true);
    return true;
  }

  private static final java.util.regex.Pattern JSON_REQUEST_ID =
      java.util.regex.Pattern.compile("\"request_id\"\\s*:\\s*(\\d{1,9})");

  /** The request id at the start of a JSON server message, or -1. */
  static int jsonRequestId(byte[] head) {
    java.util.regex.Matcher m = JSON_REQUEST_ID.matcher(new String(head, java.nio.charset.StandardCharsets.ISO_8859_1));
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** The request id at the start of a Protobuf ServerMsg (response_ok = 3, response_error = 4; request_id = 1), or -1. */
  static int protobufRequestId(byte[] head) {
    try {
      com.google.protobuf.CodedInputStream in = com.google.protobuf.CodedInputStream.newInstance(head);
      int tag = in.readTag();
      if (tag != ((3 << 3) | 2) && tag != ((4 << 3) | 2)) {
        return -1;
      }
      in.readRawVarint32(); // the message's length
      if (in.readTag() != (1 << 3)) {
        return -1;
      }
      int id = in.readInt32();
      return id >= 0 ? id : -1;
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  // ---------------------------------------------------------------- receiving

  @Override
  public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
    lastReceived = System.nanoTime();
    if (partsTooLarge((textParts == null ? 0 : textParts.length()) + (long) data.length())) {
      textParts = null;
      return null;
    }
    if (!last) {
      if (textParts == null) {
        textParts = new StringBuilder(Math.max(1024, data.length() * 2));
      }
      textParts.append(data);
      socket.request(1);
      return null;
    }
    CharSequence text = data;
    if (textParts != null && textParts.length() > 0) {
      textParts.append(data);
      text = textParts;
    }
    ServerMsg msg = null;
    try {
      if (binary) {
        protocolViolation("the server sent a text frame on a protobuf connection", null);
        return null;
      }
      msg = codec.decodeServerMsgText(text);
    } catch (RuntimeException e) {
      protocolViolation("the server sent a frame that cannot be decoded: " + e.getMessage(), e);
      return null;
    } finally {
      if (textParts != null) {
        if (textParts.capacity() > (1 << 20)) {
          textParts = null;
        } else {
          textParts.setLength(0);
        }
      }
    }
    dispatch(msg);
    socket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
    lastReceived = System.nanoTime();
    if (partsTooLarge((long) binaryLength + data.remaining())) {
      binaryParts = null;
      binaryLength = 0;
      return null;
    }
    if (!last || binaryLength > 0) {
      int n = data.remaining();
      if (binaryParts == null || binaryParts.length - binaryLength < n) {
        int want = Math.max(binaryLength + n, binaryParts == null ? 4096 : binaryParts.length * 2);
        binaryParts = binaryParts == null ? new byte[want] : Arrays.copyOf(binaryParts, want);
      }
      data.get(binaryParts, binaryLength, n);
      binaryLength += n;
      if (!last) {
        socket.request(1);
        return null;
      }
      data = ByteBuffer.wrap(binaryParts, 0, binaryLength);
    }
    ServerMsg msg;
    try {
      if (!binary) {
        protocolViolation("the server sent a binary frame on a JSON connection", null);
        return null;
      }
      msg = codec.decodeServerMsgBinary(data);
    } catch (RuntimeException e) {
      protocolViolation("the server sent a frame that cannot be decoded: " + e.getMessage(), e);
      return null;
    } finally {
      binaryLength = 0;
      if (binaryParts != null && binaryParts.length > (1 << 20)) {
        binaryParts = null;
      }
    }
    dispatch(msg);
    socket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
    String detail = "closed by the server with code " + statusCode + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
    fail(new LibsqlException(ErrorCode.CONNECTION_LOST,
        "the connection to " + redactedUrl + " was lost (" + detail + "); the request may or may not have been executed"), false);
    return null;
  }

  @Override
  public void onError(WebSocket socket, Throwable error) {
    lost(error);
  }

  /**
   * A write failed: the socket is going down, but the reader may still hold the reason (a
   * hello_error or close frame the server sent before closing), so it gets a moment to report it
   * before this failure is used.
   */
  private void writeFailed(Throwable t) {
    CompletableFuture.delayedExecutor(WRITE_FAILURE_GRACE_MILLIS, TimeUnit.MILLISECONDS).execute(() -> lost(t));
  }

  private void lost(Throwable t) {
    Throwable c = t;
    while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    String detail = c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    fail(new LibsqlException(ErrorCode.CONNECTION_LOST,
        "the connection to " + redactedUrl + " was lost (" + detail + "); the request may or may not have been executed", c), true);
  }

  private void dispatch(ServerMsg msg) {
    if (msg instanceof ServerMsg.ResponseOk) {
      ServerMsg.ResponseOk ok = (ServerMsg.ResponseOk) msg;
      complete(ok.requestId(), ok.response(), null);
    } else if (msg instanceof ServerMsg.ResponseError) {
      ServerMsg.ResponseError err = (ServerMsg.ResponseError) msg;
      complete(err.requestId(), null, err.error());
    } else if (msg instanceof ServerMsg.HelloError) {
      LibsqlException e = helloError(((ServerMsg.HelloError) msg).error());
      boolean nothingRan = false;
      if (!helloAccepted && e.is(ErrorCode.AUTH_FAILED) && tokens.another(helloToken) != null) {
        // The first hello failed, so nothing pipelined behind it ran; the supplier has another
        // token: one-shot operations may try once more on a new connection (which asks for it).
        e = new LibsqlException(e.code(), e.getMessage() + "; the request was not executed", -1, e);
        nothingRan = true;
      } else if (helloAccepted) {
        e = new LibsqlException(e.code(), e.getMessage() + "; the new token was refused on the open connection, and requests"
            + " in flight on it may or may not have been executed", -1, null);
      }
      fail(e, true, nothingRan);
    } else if (msg instanceof ServerMsg.HelloOk) {
      helloAccepted = true;
    }
  }

  private LibsqlException helloError(HranaError error) {
    String message = error == null || error.message() == null ? "(no message)" : error.message();
    String code = error == null ? null : error.code();
    String text = (message + " " + (code == null ? "" : code)).toLowerCase(Locale.ROOT);
    boolean auth = text.contains("auth") || text.contains("jwt") || text.contains("token") || text.contains("unauthorized");
    return new LibsqlException(auth ? ErrorCode.AUTH_FAILED : ErrorCode.SERVER_ERROR,
        (auth ? "the server at " + redactedUrl + " rejected the credentials: " : "the server at " + redactedUrl + " refused the connection: ")
            + message + (code == null ? "" : " (" + code + ")"));
  }

  private void complete(int requestId, Response response, HranaError error) {
    if (!completeWith(requestId, response, error == null ? null : HranaErrors.toException(error))) {
      protocolViolation("the server answered request id " + requestId + ", which is not pending", null);
    }
  }

  /** Completes pending request {@code requestId}; false if no such request is in flight. */
  private boolean completeWith(int requestId, Response response, LibsqlException error) {
    Pending p = null;
    boolean drain = false;
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
        if (!writing && !outbox.isEmpty()) {
          writing = true;
          drain = true;
        }
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
    if (drain) {
      drain();
    }
    p.callback.done(response, error);
    return true;
  }

  private void protocolViolation(String message, Throwable cause) {
    fail(new LibsqlException(ErrorCode.HRANA_PROTO_ERROR, message + "; the connection to " + redactedUrl + " was dropped", cause), true);
  }

  // ---------------------------------------------------------------- failing and closing

  /** Closes the connection for good, failing everything pending with {@code cause}. */
  void fail(LibsqlException cause, boolean abort) {
    fail(cause, abort, false);
  }

  /** As {@link #fail(LibsqlException, boolean)}; {@code nothingRan}: the server ran none of the requests sent. */
  private void fail(LibsqlException cause, boolean abort, boolean nothingRan) {
    List<Pending> failed = new ArrayList<>();
    List<StreamUser> users;
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
      outbox.clear();
      idle.clear();
      users = new ArrayList<>(openWaiters);
      users.addAll(streamWaiters);
      openWaiters.clear();
      streamWaiters.clear();
    } finally {
      lock.unlock();
    }
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
    boolean readOnlyToken = cause.is(ErrorCode.CONNECTION_LOST) && ReadOnlyTokens.readOnly(helloToken);
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
    for (StreamUser u : users) {
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

  // ---------------------------------------------------------------- the stream pool

  /** Gives {@code user} an idle pooled stream, a new one, or queues it until one is released. */
  void acquireStream(StreamUser user) {
    PooledStream s = null;
    boolean fresh = false;
    LibsqlException error = null;
    lock.lock();
    try {
      if (state != State.OPEN) {
        error = notOpen();
      } else {
        s = idle.pollLast();
        if (s == null) {
          if (pooledOpen < maxPooledStreams) {
            s = new PooledStream(streamIds.allocate());
            pooledOpen++;
            fresh = true;
          } else {
            streamWaiters.add(user);
          }
        }
      }
    } finally {
      lock.unlock();
    }
    if (error != null) {
      if (neverSent(error)) {
        user.notSent(error);
      } else {
        user.failed(error);
      }
    } else if (s != null) {
      if (fresh) {
        openStream(s, false);
      }
      user.acquired(s);
    }
  }

  /**
   * A stream for a transaction, session or cursor: an idle pooled one (which leaves the pool) or a
   * new one. Never waits, and never counts against the pool, so open transactions cannot starve
   * one-shot operations. Give it back with {@link #returnDetached}.
   */
  PooledStream detachStream() {
    PooledStream s;
    boolean fresh = false;
    lock.lock();
    try {
      if (state != State.OPEN) {
        throw notOpen();
      }
      s = idle.pollLast();
      if (s != null) {
        pooledOpen--;
      } else {
        s = new PooledStream(streamIds.allocate());
        fresh = true;
      }
    } finally {
      lock.unlock();
    }
    if (fresh) {
      openStream(s, true);
    }
    return s;
  }

  /** Takes back a detached stream into the pool if it is clean and there is room; else closes it. */
  void returnDetached(PooledStream s, boolean close) {
    boolean rejoin = false;
    lock.lock();
    try {
      if (state != State.OPEN) {
        return;
      }
      if (!close && s.openError == null && pooledOpen < maxPooledStreams) {
        pooledOpen++;
        rejoin = true;
      }
    } finally {
      lock.unlock();
    }
    if (rejoin) {
      releaseStream(s, false);
    } else {
      closeStreamId(s.id, true);
    }
  }

  /**
   * Sends open_stream on the lane the stream's requests will use: a request may never overtake its
   * stream's open_stream (sqld drops the whole socket for a request on an unknown stream).
   */
  private void openStream(PooledStream s, boolean priority) {
    send(new Request.OpenStream(s.id), Response.OpenStream.class, priority, (r, e) -> {
      if (e != null) {
        s.openError = e;
      }
    });
  }

  /** Returns a stream to the pool, or closes it on the server when it may carry state. */
  void releaseStream(PooledStream s, boolean close) {
    StreamUser user = null;
    PooledStream handed = null;
    boolean fresh = false;
    boolean closeIt;
    lock.lock();
    try {
      if (state != State.OPEN) {
        return;
      }
      closeIt = close || s.openError != null || pooledOpen > maxPooledStreams;
      if (closeIt) {
        pooledOpen--;
        if (!streamWaiters.isEmpty() && pooledOpen < maxPooledStreams) {
          user = streamWaiters.poll();
          handed = new PooledStream(streamIds.allocate());
          pooledOpen++;
          fresh = true;
        }
      } else if (!streamWaiters.isEmpty()) {
        user = streamWaiters.poll();
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
      closeStreamId(s.id, false);
    }
    if (user != null) {
      if (fresh) {
        openStream(handed, false);
      }
      user.acquired(handed);
    }
  }

  /** Guarded by lock: makes sure streams idle {@link StreamReuse#IDLE_NANOS} get closed. */
  private void scheduleIdleCloseLocked() {
    if (idleCloseScheduled || state != State.OPEN) {
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
    List<PooledStream> expired = new ArrayList<>();
    lock.lock();
    try {
      idleCloseScheduled = false;
      if (state != State.OPEN) {
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
    for (PooledStream s : expired) {
      closeStreamId(s.id, false);
    }
  }

  /** Sends close_stream; the id is reused once the server confirmed. */
  CompletableFuture<Void> closeStreamId(int streamId, boolean priority) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    send(new Request.CloseStream(streamId), Response.CloseStream.class, priority, (r, e) -> {
      if (e == null) {
        freeId(streamIds, streamId);
        f.complete(null);
      } else {
        f.completeExceptionally(e);
      }
    });
    return f;
  }

  int allocateCursorId() {
    lock.lock();
    try {
      if (state != State.OPEN) {
        throw notOpen();
      }
      return cursorIds.allocate();
    } finally {
      lock.unlock();
    }
  }

  void closeCursorId(int cursorId) {
    send(new Request.CloseCursor(cursorId), Response.CloseCursor.class, true, (r, e) -> {
      if (e == null) {
        freeId(cursorIds, cursorId);
      }
    });
  }

  /** Runs {@code action} under the connection lock (for the stored-SQL cache). */
  <T> T locked(java.util.function.Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  private void freeId(IdAllocator ids, int id) {
    lock.lock();
    try {
      if (state == State.OPEN) {
        ids.release(id);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Requests registered and not answered (for tests). */
  int pendingCount() {
    lock.lock();
    try {
      return requestIds.inUse();
    } finally {
      lock.unlock();
    }
  }

  /** The most requests in flight at once so far (for tests). */
  int maxInFlightSeen() {
    lock.lock();
    try {
      return maxInFlightSeen;
    } finally {
      lock.unlock();
    }
  }

  /** The in-flight bounds: one-shots, and dedicated streams (for tests). */
  int[] inFlightLimits() {
    return new int[] {lanes.permits(), lanes.priorityPermits()};
  }

  /** Stored SQL slots in use on the server (for tests). */
  int storedSqlSlots() {
    lock.lock();
    try {
      return sqlCache.slotsInUse();
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

  @Override
  public String toString() {
    return "WsConnection[" + redactedUrl + ", hrana" + version + (binary ? "-protobuf" : "") + ", " + state + "]";
  }
}
