package io.libsql.client.internal.ws;

import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.url.AuthTokens;
import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.url.DatabaseUrl;
import io.libsql.client.internal.call.Futures;
import io.libsql.client.internal.call.SafeListener;
import io.libsql.client.internal.hrana.HranaCursor;
import io.libsql.client.internal.hrana.HranaStream;
import io.libsql.client.internal.hrana.HranaTransport;
import io.libsql.client.internal.hrana.StreamReuse;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Response;
import io.libsql.client.internal.proto.Stmt;
import io.libsql.client.internal.proto.StmtResult;
import io.libsql.client.internal.sql.Effect;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Hrana over one WebSocket, connected lazily and reconnected transparently after a drop (one-shot
 * operations only; a transaction's stream dies with its socket). Thread-safe; {@link #close()}
 * fails what is pending with CLIENT_CLOSED and leaves no thread behind.
 *
 * <p>The connection is written against the {@code java.net.http.WebSocket} API. The socket is
 * {@link SocketWebSocket}, a small RFC 6455 client on a JDK socket, because the JDK's own
 * implementation never completes the upgrade with sqld 0.24 (a 101 with {@code Content-Length: 31}
 * and no body); the system property {@code libsql.ws.jdk=true} selects the JDK's implementation
 * for servers without that quirk (and with HTTP proxies, which {@link SocketWebSocket} does not
 * support).
 *
 * <p>Requests are pipelined: {@code hello} goes first without waiting for {@code hello_ok}, a new
 * stream's {@code open_stream} goes right before its first request, and responses are matched by
 * id in any order. A one-shot request that the client never sent before its socket died is retried
 * once on a new connection; one that was sent fails with CONNECTION_LOST (its fate is unknown).
 * SQL texts executed repeatedly are stored on the server ({@code store_sql}, Hrana 2+, at most
 * {@code 128} per connection) and referenced by id.
 *
 * <p>One-shot operations run on a small pool of open streams ({@value StreamReuse#MAX_POOLED} at most,
 * fewer if {@link Config#concurrency()} is lower); more concurrent one-shots wait for a stream.
 * Which streams go back to the pool, and how long an idle one is kept (then closed), is
 * {@link StreamReuse}'s rule, shared with the HTTP transport.
 * Requests in flight on the socket are bounded by {@link Config#concurrency()}; the rest wait in the
 * client, in order.
 *
 * <p>Scripts ({@link #sequence}) run as one batch whose steps each need the previous one to succeed
 * ({@link io.libsql.client.internal.hrana.Sequences}, as on HTTP). Hrana 1 and 2 have no cursors ({@link #openCursor} needs Hrana 3; the engine runs a
 * batch instead).
 */
public final class WsTransport implements HranaTransport {
  /** Stored SQL texts per connection (sqld allows 150); 0 disables stored SQL. */
  static final int STORED_SQL_CAPACITY = Integer.getInteger("libsql.ws.storedSql", 128);
  private static final Duration CLOSE_GRACE = Duration.ofMillis(500);
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();

  private final Config config;
  private final AuthTokens tokens;
  private final SafeListener listener;
  private final URI uri;
  private final String redactedUrl;
  private final List<String> offered;
  private final long cursorWaitNanos;
  private final int storedSqlCapacity;
  private final boolean jdkWebSocket;

  private final Object lock = new Object();
  /** The live (or connecting) connection, or null. Written under lock. */
  private volatile WsConnection current;
  /** Guarded by lock. */
  private boolean closed;
  /** A connection was made before (so the next one is a reconnect); guarded by lock. */
  private boolean connectedBefore;
  /** Created on first connect; guarded by lock. */
  private HttpClient http;
  private ExecutorService executor;

  public WsTransport(Config config) {
    this(config, STORED_SQL_CAPACITY, Boolean.getBoolean("libsql.ws.jdk"));
  }

  WsTransport(Config config, int storedSqlCapacity) {
    this(config, storedSqlCapacity, false);
  }

  /**
   * @param storedSqlCapacity stored SQL texts per connection (0: none)
   * @param jdkWebSocket use the JDK's HttpClient WebSocket instead of {@link SocketWebSocket}
   */
  WsTransport(Config config, int storedSqlCapacity, boolean jdkWebSocket) {
    this.storedSqlCapacity = storedSqlCapacity;
    this.jdkWebSocket = jdkWebSocket;
    DatabaseUrl url = DatabaseUrl.of(config);
    if (!url.scheme().equals("ws") && !url.scheme().equals("wss")) {
      throw new IllegalArgumentException("not a ws/wss URL: " + url.redacted());
    }
    this.config = config;
    this.tokens = AuthTokens.of(config);
    this.listener = SafeListener.of(config.listener());
    this.uri = URI.create(url.baseUri(url.scheme()) + (url.path().isEmpty() ? "/" : ""));
    this.redactedUrl = url.redacted();
    this.offered = subprotocols(config.hranaVersion(), config.encoding());
    this.cursorWaitNanos = config.requestTimeout().toNanos();
  }

  /** The subprotocols to offer, most preferred first. */
  static List<String> subprotocols(int version, Encoding encoding) {
    List<String> out = new ArrayList<>(4);
    if ((version == 0 || version == 3) && encoding != Encoding.JSON) {
      out.add("hrana3-protobuf");
    }
    if (encoding != Encoding.PROTOBUF) {
      if (version == 0 || version == 3) {
        out.add("hrana3");
      }
      if (version == 0 || version == 2) {
        out.add("hrana2");
      }
      if (version == 0 || version == 1) {
        out.add("hrana1");
      }
    }
    if (out.isEmpty()) {
      throw new LibsqlException(ErrorCode.CONFIG_INVALID,
          "no WebSocket subprotocol speaks Hrana " + version + " with encoding " + encoding);
    }
    return List.copyOf(out);
  }

  @Override
  public String protocol() {
    return "ws";
  }

  @Override
  public CompletableFuture<Integer> version(Call call) {
    return withConnection(c -> CompletableFuture.completedFuture(c.version()));
  }

  /** The negotiated subprotocol of the current connection, e.g. {@code hrana3-protobuf}, or null. */
  String subprotocol() {
    WsConnection c = current;
    return c == null ? null : c.subprotocol();
  }

  @Override
  public CompletableFuture<StmtResult> execute(Call call, Stmt stmt) {
    return new OneShot<>(call, this::pooledStream, id -> new Request.Execute(id, stmt), Response.Execute.class,
        Response.Execute::result, Effect.of(stmt.sql())).start();
  }

  @Override
  public CompletableFuture<BatchResult> batch(Call call, Batch batch) {
    return new OneShot<>(call, this::pooledStream, id -> new Request.BatchReq(id, batch), Response.BatchResp.class,
        Response.BatchResp::result, StreamReuse.effect(batch)).start();
  }

  /** Gives {@code user} a pooled stream of the current (or a new) connection, or fails it. */
  private void pooledStream(ServerStream.User user) {
    withConnection(c -> {
      c.streams().acquire(user);
      return CompletableFuture.completedFuture(null);
    }).whenComplete((v, t) -> {
      if (t != null) {
        user.failed(Futures.unwrap(t));
      }
    });
  }

  @Override
  public CompletableFuture<HranaStream> openStream(Call call) {
    return withConnection(c -> CompletableFuture.completedFuture(new WsStream(c.streams().detach())));
  }

  @Override
  public CompletableFuture<HranaCursor> openCursor(Call call, Batch batch) {
    return withConnection(c -> {
      if (c.version() >= 3) {
        return WsCursor.open(c, batch, cursorWaitNanos);
      }
      return CompletableFuture.failedFuture(new LibsqlException(ErrorCode.PROTOCOL_VERSION_ERROR,
          "cursors need Hrana 3; this connection speaks Hrana " + c.version()));
    });
  }

  /** Runs {@code op} on the open connection, connecting first if needed; calls start in call order. */
  private <T> CompletableFuture<T> withConnection(Function<WsConnection, CompletableFuture<T>> op) {
    WsConnection c;
    try {
      c = connection();
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (c.isOpen()) {
      return guard(op, c);
    }
    CompletableFuture<T> out = new CompletableFuture<>();
    c.whenOpen(new ServerStream.User() {
      @Override
      public void acquired(ServerStream ignored) {
        guard(op, c).whenComplete((v, t) -> {
          if (t != null) {
            out.completeExceptionally(Futures.unwrap(t));
          } else {
            out.complete(v);
          }
        });
      }

      @Override
      public void failed(LibsqlException e) {
        out.completeExceptionally(e);
      }
    });
    return out;
  }

  private static <T> CompletableFuture<T> guard(Function<WsConnection, CompletableFuture<T>> op, WsConnection c) {
    try {
      return op.apply(c);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(Futures.unwrap(e));
    }
  }

  /**
   * How long a connection with requests in flight may stay silent before it is pinged, and then how
   * long (at least 2 s) the ping may go unanswered before the connection is given up as dead (a
   * half-open TCP connection never fails on its own): half the request timeout, between 1 and 10
   * seconds.
   */
  static long livenessNanos(Duration requestTimeout) {
    long half = requestTimeout.isZero() ? Long.MAX_VALUE : requestTimeout.toNanos() / 2;
    return Math.max(TimeUnit.SECONDS.toNanos(1), Math.min(TimeUnit.SECONDS.toNanos(10), half));
  }

  long maxResponseSize() {
    return config.maxResponseSize();
  }

  long livenessNanos() {
    return livenessNanos(config.requestTimeout());
  }

  /** The current connection or null (for tests). */
  WsConnection current() {
    return current;
  }

  /** The current connection, or a new one that starts connecting. */
  WsConnection connection() {
    WsConnection c = current;
    if (c != null && !c.isClosed()) {
      return c;
    }
    java.util.function.Function<java.net.http.WebSocket.Listener, CompletableFuture<java.net.http.WebSocket>> opener;
    boolean reconnect;
    synchronized (lock) {
      if (closed) {
        throw new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed");
      }
      c = current;
      if (c != null && !c.isClosed()) {
        return c;
      }
      opener = opener();
      c = new WsConnection(this, redactedUrl, tokens, listener, offered, config.concurrency(), StreamReuse.MAX_POOLED,
          storedSqlCapacity);
      current = c;
      reconnect = connectedBefore;
      connectedBefore = true;
    }
    if (reconnect && listener != null) {
      listener.reconnect(redactedUrl);
    }
    c.connect(opener, config.connectTimeout());
    return c;
  }

  /**
   * How sockets are opened (guarded by lock). By default {@link SocketWebSocket}; with the system
   * property {@code libsql.ws.jdk=true}, the JDK's HttpClient WebSocket, which works only with
   * servers that send no Content-Length on the 101 (not sqld 0.24's main port; its legacy
   * {@code --hrana-listen-addr} port is fine).
   */
  private java.util.function.Function<java.net.http.WebSocket.Listener, CompletableFuture<java.net.http.WebSocket>> opener() {
    if (executor == null) {
      executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
        Thread t = new Thread(r, "libsql-ws-" + THREAD_IDS.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
    ExecutorService pool = executor;
    Duration timeout = config.connectTimeout();
    if (jdkWebSocket) {
      if (http == null) {
        HttpClient.Builder b = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .executor(pool);
        if (config.sslContext() != null) {
          b.sslContext(config.sslContext());
        }
        http = b.build();
      }
      HttpClient client = http;
      return listener -> {
        java.net.http.WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(timeout);
        builder.subprotocols(offered.get(0), offered.subList(1, offered.size()).toArray(new String[0]));
        return builder.buildAsync(uri, listener);
      };
    }
    return listener -> SocketWebSocket.connect(uri, offered, timeout, config.sslContext(), listener, pool);
  }

  /** Called by a connection once it is closed. */
  void connectionClosed(WsConnection c) {
    synchronized (lock) {
      if (current == c) {
        current = null;
      }
    }
  }

  @Override
  public void close() {
    WsConnection c;
    ExecutorService pool;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      c = current;
      current = null;
      pool = executor;
    }
    if (c != null) {
      c.shutdown(new LibsqlException(ErrorCode.CLIENT_CLOSED,
          "the client was closed; a request in flight may or may not have been executed"), CLOSE_GRACE);
    }
    if (pool != null) {
      pool.shutdown();
      if (!Thread.currentThread().getName().startsWith("libsql-ws-")) {
        try {
          if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
            pool.shutdownNow();
          }
        } catch (InterruptedException e) {
          pool.shutdownNow();
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Override
  public String toString() {
    return "WsTransport[" + redactedUrl + "]";
  }
}
