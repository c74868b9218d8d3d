package io.libsql.client.internal.http;

import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.url.AuthTokens;
import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.url.DatabaseUrl;
import io.libsql.client.internal.call.Futures;
import io.libsql.client.internal.call.SafeListener;
import io.libsql.client.internal.hrana.RequestLimiter;
import io.libsql.client.internal.hrana.Resend;
import io.libsql.client.internal.call.Watchdog;
import io.libsql.client.internal.hrana.HranaCursor;
import io.libsql.client.internal.hrana.HranaErrors;
import io.libsql.client.internal.hrana.HranaStream;
import io.libsql.client.internal.hrana.HranaTransport;
import io.libsql.client.internal.hrana.RequestLimiter;
import io.libsql.client.internal.hrana.StreamReuse;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.Pipeline;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Response;
import io.libsql.client.internal.proto.Stmt;
import io.libsql.client.internal.proto.StmtResult;
import io.libsql.client.internal.sql.Effect;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hrana over HTTP with the JDK's {@link HttpClient}, for {@code http:} and {@code https:} URLs.
 * Thread-safe; {@link #close()} releases it. Not API.
 *
 * <p><b>Connections.</b> Plain {@code http:} is pinned to HTTP/1.1 (sqld never answers the h2c
 * upgrade the JDK would otherwise attempt, so HTTP/2 would hang); {@code https:} lets ALPN choose,
 * preferring HTTP/2. Connections are kept alive and pooled by the JDK client. TLS certificates and
 * host names are verified; {@link Config#sslContext()} replaces the JDK's trust when given. The
 * client runs on a daemon-thread pool owned by this transport and shut down by {@link #close()};
 * each exchange is a blocking {@code send} on a thread of that pool, where its response is then
 * decoded (JDK 17's {@code sendAsync} costs about a third of the one-request throughput in thread
 * hand-offs, see {@code PipelineClient}; an inline executor, tried to save them, makes the JDK client
 * serialise every connection on its selector thread and hang under concurrent load).
 * At most {@link Config#concurrency()} HTTP requests wait for their answer at once, each holding a
 * pool thread; further calls queue (as futures, no thread blocks). A cursor's permit and thread are
 * returned once its response head arrived, so holding cursors open never starves other calls.
 *
 * <p><b>What each server gets.</b> The first call probes {@code GET /v3} once (the result is
 * cached; a failed probe is retried by the next call):
 * <ul>
 *   <li><b>Hrana 3</b> ({@code /v3} answers 2xx, or {@code hranaVersion(3)}): {@code POST
 *       /v3/pipeline} (JSON) or {@code /v3-protobuf/pipeline} (Protobuf, the default encoding:
 *       measured faster) for execute, batch (scripts too: {@link io.libsql.client.internal.hrana.Sequences})
 *       and transactions; {@code /v3/cursor} or
 *       {@code /v3-protobuf/cursor} for {@code stream()}, read incrementally with bounded memory.
 *   <li><b>Hrana 2</b> ({@code /v3} answers 404 and {@code /v2} answers, or {@code
 *       hranaVersion(2)}): {@code POST /v2/pipeline}, JSON only (forcing Protobuf fails with
 *       PROTOCOL_VERSION_ERROR). Execute, batch, scripts and transactions work; there are no
 *       cursors, so {@code stream()} runs the statement as one batch and reads it from memory, and
 *       the Hrana 3 additions ({@code get_autocommit}, the {@code is_autocommit} batch condition)
 *       are not available.
 *   <li><b>Minimal servers</b> ({@code /v3} and {@code /v2} both 404 but {@code POST /v2/pipeline}
 *       exists, like the Turso CLI's {@code tursodb --sync-server}): they know only {@code execute}
 *       and {@code batch} and keep no streams, so one-shots are sent without {@code close};
 *       interactive transactions fail with PROTOCOL_VERSION_ERROR, and
 *       {@code stream()} reads a batch from memory as on Hrana 2.
 * </ul>
 *
 * <p><b>Streams.</b> One-shot calls (execute, batch, executeMultiple) run in autocommit mode on a
 * {@link BatonPool} of open server streams: at most {@value StreamReuse#MAX_POOLED} (and at most
 * {@link Config#concurrency()}), idle or in use, each used by one request at a time. A call takes
 * the newest idle baton (to the {@code base_url} that came with it), or opens a stream if the pool
 * has room, and sends {@code [op, get_autocommit]} on Hrana 3, {@code [op]} on Hrana 2; the answer's
 * baton goes back to the pool only if the call was not stopped and {@link StreamReuse} allows it
 * (the same rule as on WebSocket). Otherwise the stream is closed with a separate {@code close};
 * after an operation that may have left a transaction open that close is awaited before the caller
 * sees the outcome, so its rollback (and the write lock) never outlives the call. Calls with session
 * effects (PRAGMA, ATTACH, temporary objects), transaction effects on Hrana 2 (no
 * {@code get_autocommit}), calls finding the pool full, and all calls to minimal servers, which keep
 * no streams, are one pipeline {@code [op, close]} with no baton ({@code [op]} on minimal servers).
 * Idle batons are closed after {@link StreamReuse#IDLE_NANOS 1 s} (each holds one of sqld's database
 * connections), and forgotten when a connection fails (so a read retry, {@link Config#retryReads()},
 * starts on a new stream). If the server nevertheless refuses a pooled baton
 * (HTTP 400: {@code STREAM_EXPIRED} JSON, or text "Received an invalid baton" after a restart),
 * it ran nothing: the call is sent once more on a new stream. A request refused for overload
 * (HTTP 429) is sent again after a backoff within the call's deadline (see {@link PipelineClient}).
 * {@link #close()} sends {@code close} for the idle batons and waits for them at most
 * {@value #CLOSE_WAIT_MILLIS} ms.
 *
 * <p>A transaction holds a {@link HttpStream}: a chain of requests carrying the latest baton, to the
 * {@code base_url} the server last gave. sqld expires a stream idle for about 10 s; the next call of
 * that transaction then fails with STREAM_EXPIRED and is never retried.
 *
 * <p><b>Failures</b> (see {@link HttpErrors}): 401/403 AUTH_FAILED, 404 ENDPOINT_NOT_FOUND, 5xx
 * SERVER_ERROR, an HTML body HRANA_PROTO_ERROR, refused connections and TLS failures
 * CONNECTION_FAILED (nothing executed), a connection dropped after sending CONNECTION_LOST (outcome
 * unknown), no answer within the call's deadline TIMEOUT (the exchange is then aborted). The auth
 * token (fixed, or asked of {@link Config#authTokenSupplier()} for each request) is sent as
 * {@code Authorization: Bearer} only when set, and is never logged or put in a message.
 */
public final class HttpTransport implements HranaTransport {
  /**
   * The encoding used when {@link Config#encoding()} is null: Protobuf, measured faster than JSON
   * on every pipeline workload (loopback sqld 0.24.32, best of 5 interleaved rounds): 10,000-row
   * SELECTs 1.66x the rows/s, single-row calls 1.03-1.11x; cursors are bound by sqld's own speed
   * (0.91x, within noise). See {@code EncodingMeasurement} in the tests.
   */
  static final Encoding DEFAULT_ENCODING = Encoding.PROTOBUF;

  /** How long {@link #close()} waits for the {@code close} requests of idle streams. */
  static final long CLOSE_WAIT_MILLIS = 200;

  private static final AtomicInteger THREAD_IDS = new AtomicInteger();

  private final Config config;
  private final String base;
  private final ExecutorService executor;
  private final HttpClient http;
  private final PipelineClient client;
  private final BatonPool batons;
  private final AtomicReference<CompletableFuture<Endpoint>> endpoint = new AtomicReference<>();
  private final Set<HttpStream> streams = ConcurrentHashMap.newKeySet();
  private final Set<HttpCursor> cursors = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** A timer to close expired idle streams is pending. */
  private final AtomicBoolean idleCloseScheduled = new AtomicBoolean();

  public HttpTransport(Config config) {
    this.config = config;
    DatabaseUrl url = DatabaseUrl.of(config);
    if (!url.scheme().equals("http") && !url.scheme().equals("https")) {
      throw new LibsqlException(ErrorCode.URL_SCHEME_NOT_SUPPORTED,
          "the HTTP transport needs an http: or https: URL, not " + url.scheme() + ":");
    }
    this.base = url.baseUri(url.scheme());
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "libsql-http-" + THREAD_IDS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    HttpClient.Builder builder = HttpClient.newBuilder()
        .executor(executor)
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(url.tls() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
    if (config.sslContext() != null) {
      builder.sslContext(config.sslContext());
    }
    this.http = builder.build();
    // A one-shot's HTTP request times out at its call's deadline (Config.requestTimeout or
    // Statement.withTimeout); the configured timeout applies to probes, cursors and callers without a call.
    this.client = new PipelineClient(http, executor, new RequestLimiter(config.concurrency()), AuthTokens.of(config),
        config.requestTimeout(), SafeListener.of(config.listener()), url.redacted());
    client.maxResponseSize(config.maxResponseSize());
    this.batons = new BatonPool(Math.min(StreamReuse.MAX_POOLED, config.concurrency()));
  }

  @Override
  public String protocol() {
    return "http";
  }

  @Override
  public CompletableFuture<Integer> version(Call call) {
    return endpoint(call).thenApply(Endpoint::version);
  }

  @Override
  public CompletableFuture<StmtResult> execute(Call call, Stmt stmt) {
    return endpoint(call).thenCompose(ep -> oneShot(ep, new Request.Execute(0, stmt), Effect.of(stmt.sql()), call))
        .thenApply(r -> ((Response.Execute) r).result());
  }

  @Override
  public CompletableFuture<BatchResult> batch(Call call, Batch batch) {
    return endpoint(call).thenCompose(ep -> oneShot(ep, new Request.BatchReq(0, batch), StreamReuse.effect(batch), call))
        .thenApply(r -> ((Response.BatchResp) r).result());
  }

  @Override
  public CompletableFuture<HranaStream> openStream(Call call) {
    return endpoint(call).thenApply(ep -> {
      if (ep.minimal()) {
        throw unsupported(ep, "interactive transactions (streams with batons)");
      }
      ensureOpen();
      HttpStream[] holder = new HttpStream[1];
      HttpStream stream = new HttpStream(client, ep, base, () -> streams.remove(holder[0]));
      holder[0] = stream;
      streams.add(stream);
      if (closed.get()) {
        stream.abort(PipelineClient.closedException());
      }
      return stream;
    });
  }

  @Override
  public CompletableFuture<HranaCursor> openCursor(Call call, Batch batch) {
    return endpoint(call).thenCompose(ep -> {
      if (ep.cursorPath() == null) {
        return CompletableFuture.failedFuture(new LibsqlException(ErrorCode.PROTOCOL_VERSION_ERROR,
            "cursors need Hrana 3; the server at " + base + " is " + ep.describe()));
      }
      return client.cursor(base, ep, new Pipeline.CursorRequest(null, batch)).thenApply(response -> {
        HttpCursor[] holder = new HttpCursor[1];
        HttpCursor cursor = HttpCursor.open(client, ep, response.body(), base, () -> {
          if (holder[0] != null) {
            cursors.remove(holder[0]);
          }
        });
        holder[0] = cursor;
        cursors.add(cursor);
        if (closed.get()) {
          cursor.abort();
          throw PipelineClient.closedException();
        }
        return cursor;
      });
    });
  }

  /**
   * Runs {@code request} in autocommit mode, on a pooled stream when {@code effect} allows (see
   * Streams in the class comment). Stopping {@code call} aborts the HTTP exchange (the server may
   * still finish the statement).
   */
  private CompletableFuture<Response> oneShot(Endpoint ep, Request request, Effect effect, Call call) {
    boolean poolable = !ep.minimal() && StreamReuse.worthPooling(effect, ep.version());
    BatonPool.Lease lease = poolable ? batons.acquire(true) : null;
    return lease == null ? unpooled(ep, request, call) : pooled(ep, request, effect, lease, call);
  }

  /** {@code [op, close]} on a new stream, or {@code [op]} on a server without streams. */
  private CompletableFuture<Response> unpooled(Endpoint ep, Request request, Call call) {
    List<Request> requests = ep.minimal() ? List.of(request) : List.of(request, new Request.CloseStream(0));
    return client.pipeline(base, ep, new Pipeline.Request(null, requests), call)
        .thenApply(response -> result(request, response, requests.size()));
  }

  /** {@code [op, get_autocommit]} (Hrana 3) or {@code [op]} on the leased stream; gives it back or closes it. */
  private CompletableFuture<Response> pooled(Endpoint ep, Request request, Effect effect, BatonPool.Lease lease,
      Call call) {
    boolean askAutocommit = ep.version() >= 3;
    List<Request> requests = askAutocommit ? List.of(request, new Request.GetAutocommit(0)) : List.of(request);
    String target = lease.base != null ? lease.base : base;
    CompletableFuture<Pipeline.Response> sent;
    try {
      sent = client.pipeline(target, ep, new Pipeline.Request(lease.baton, requests), call);
    } catch (RuntimeException e) {
      batons.discard(lease);
      throw e;
    }
    return sent
        .handle((response, failure) -> {
          if (failure != null) {
            batons.discard(lease);
            return failed(ep, request, effect, lease, call, failure);
          }
          Response r = null;
          LibsqlException error = null;
          try {
            r = result(request, response, requests.size());
          } catch (RuntimeException e) {
            error = Futures.unwrap(e);
          }
          boolean clean = (call == null || !call.isStopped())
              && StreamReuse.mayReuse(effect, error, askAutocommit ? isAutocommit(response.results().get(1)) : null);
          CompletableFuture<?> given = giveBack(ep, lease, target, response, clean);
          CompletableFuture<Response> outcome = error == null
              ? CompletableFuture.completedFuture(r) : CompletableFuture.<Response>failedFuture(error);
          if (clean || effect != Effect.TRANSACTION) {
            return outcome;
          }
          // A transaction it may have left open is rolled back (by closing its stream) before the
          // caller sees the outcome: the write lock must not outlive the call.
          return given.handle((ignored, closeFailure) -> null).thenCompose(ignored -> outcome);
        })
        .thenCompose(f -> f);
  }

  /**
   * The outcome of a pooled pipeline that got no Hrana answer. A refused pooled baton (sqld checks it
   * before running anything) sends the call once more on a new stream; a failed connection makes the
   * idle batons suspect (the server may have restarted), so they are forgotten.
   */
  private CompletableFuture<Response> failed(Endpoint ep, Request request, Effect effect, BatonPool.Lease lease,
      Call call, Throwable failure) {
    LibsqlException e = Futures.unwrap(failure);
    if (e.is(ErrorCode.CONNECTION_FAILED) || e.is(ErrorCode.CONNECTION_LOST)) {
      batons.clear();
    }
    // Only a pooled baton can have expired (sqld refuses it before running anything).
    if (!e.is(ErrorCode.STREAM_EXPIRED) || !Resend.mayResend(lease.baton == null, call)) {
      return CompletableFuture.failedFuture(HttpErrors.unwrap(failure));
    }
    batons.clear();
    BatonPool.Lease fresh = batons.acquire(false);
    return fresh == null ? unpooled(ep, request, call) : pooled(ep, request, effect, fresh, call);
  }

  private static boolean isAutocommit(Pipeline.Result result) {
    return result.response() instanceof Response.GetAutocommit a && a.isAutocommit();
  }

  /** Pools the answer's baton if {@code clean}, else closes its stream; completes when that is done. */
  private CompletableFuture<?> giveBack(Endpoint ep, BatonPool.Lease lease, String target, Pipeline.Response response,
      boolean clean) {
    String next = target;
    if (response.baseUrl() != null) {
      try {
        next = validBaseUrl(response.baseUrl());
      } catch (LibsqlException e) {
        clean = false;
      }
    }
    if (response.baton() != null && clean && batons.release(lease, response.baton(), next)) {
      scheduleIdleClose(ep);
      return CompletableFuture.completedFuture(null);
    }
    batons.discard(lease);
    return closeStream(ep, next, response.baton());
  }

  /**
   * Makes sure idle pooled streams get closed once idle {@link BatonPool#MAX_IDLE_NANOS}: one timer
   * at a time, rescheduled while any stream is idle.
   */
  private void scheduleIdleClose(Endpoint ep) {
    if (!idleCloseScheduled.compareAndSet(false, true)) {
      return;
    }
    Watchdog.schedule(() -> {
      idleCloseScheduled.set(false);
      if (closed.get()) {
        return;
      }
      for (BatonPool.Lease expired : batons.expired()) {
        closeStream(ep, expired.base != null ? expired.base : base, expired.baton);
      }
      if (batons.idle() > 0) {
        scheduleIdleClose(ep);
      }
    }, BatonPool.MAX_IDLE_NANOS / 2);
  }

  /** Sends {@code close} for {@code baton} (if not null) to {@code target}; the answer is ignored. */
  private CompletableFuture<?> closeStream(Endpoint ep, String target, String baton) {
    if (baton == null) {
      return CompletableFuture.completedFuture(null);
    }
    return client.pipeline(target, ep, new Pipeline.Request(baton, List.of(new Request.CloseStream(0))));
  }

  /** The response to {@code request}, the first of a pipeline of {@code size} requests; throws its error. */
  private static Response result(Request request, Pipeline.Response response, int size) {
    if (response.results().size() != size) {
      throw new LibsqlException(ErrorCode.HRANA_PROTO_ERROR, "the server answered " + response.results().size()
          + " results to a pipeline of " + size + " requests");
    }
    Pipeline.Result result = response.results().get(0);
    if (result.error() != null) {
      throw HranaErrors.toException(result.error());
    }
    Response r = result.response();
    boolean matches = (request instanceof Request.Execute && r instanceof Response.Execute)
        || (request instanceof Request.BatchReq && r instanceof Response.BatchResp);
    if (!matches) {
      throw new LibsqlException(ErrorCode.HRANA_PROTO_ERROR, "expected a response to "
          + request.getClass().getSimpleName() + ", received " + (r == null ? "none" : r.getClass().getSimpleName()));
    }
    return r;
  }

  /** The server's endpoint, probed once; a failed probe is forgotten so the next call retries. */
  CompletableFuture<Endpoint> endpoint() {
    return endpoint(null);
  }

  /** As {@link #endpoint()}; a probe made now is timed out at {@code call}'s deadline. */
  CompletableFuture<Endpoint> endpoint(Call call) {
    CompletableFuture<Endpoint> current = endpoint.get();
    if (current != null) {
      return current;
    }
    if (closed.get()) {
      return CompletableFuture.failedFuture(PipelineClient.closedException());
    }
    CompletableFuture<Endpoint> mine = new CompletableFuture<>();
    if (!endpoint.compareAndSet(null, mine)) {
      return endpoint.get();
    }
    CompletableFuture<Endpoint> probed;
    try {
      probed = probe(call);
    } catch (RuntimeException e) {
      probed = CompletableFuture.failedFuture(e);
    }
    probed.whenComplete((ep, failure) -> {
      if (failure != null) {
        endpoint.compareAndSet(mine, null);
        mine.completeExceptionally(HttpErrors.unwrap(failure));
      } else {
        mine.complete(ep);
      }
    });
    return mine;
  }

  private CompletableFuture<Endpoint> probe(Call call) {
    Encoding encoding = config.encoding() != null ? config.encoding() : DEFAULT_ENCODING;
    switch (config.hranaVersion()) {
      case 1:
        return CompletableFuture.failedFuture(new LibsqlException(ErrorCode.PROTOCOL_VERSION_ERROR,
            "Hrana 1 has no HTTP pipeline; use hranaVersion 2 or 3 (or 0 to negotiate) with http: URLs"));
      case 2:
        return client.probe(base, "/v2", call).thenApply(v2 -> Endpoint.v2(v2.status() == 404));
      case 3:
        return CompletableFuture.completedFuture(Endpoint.v3(encoding));
      default:
        return client.probe(base, "/v3", call).thenCompose(v3 -> {
          int status = v3.status();
          if (status >= 200 && status < 300) {
            return CompletableFuture.completedFuture(Endpoint.v3(encoding));
          }
          if (status == 404) {
            if (config.encoding() == Encoding.PROTOBUF) {
              return CompletableFuture.failedFuture(new LibsqlException(ErrorCode.PROTOCOL_VERSION_ERROR,
                  "the server at " + base + " has no Hrana 3 over HTTP (GET /v3 answered 404), and the "
                      + "protobuf encoding needs it; use the JSON encoding"));
            }
            return client.probe(base, "/v2", call).thenApply(v2 -> Endpoint.v2(v2.status() == 404));
          }
          if (status == 401 || status == 403 || status >= 500 || isHtml(v3.contentType())) {
            return CompletableFuture.failedFuture(
                HttpErrors.fromResponse(status, v3.contentType(), v3.body(), "GET " + base + "/v3", v3.token()));
          }
          return CompletableFuture.completedFuture(Endpoint.v3(encoding)); // e.g. a proxy refusing GET
        });
    }
  }

  private static boolean isHtml(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html");
  }

  private LibsqlException unsupported(Endpoint ep, String what) {
    return new LibsqlException(ErrorCode.PROTOCOL_VERSION_ERROR, "the server at " + base + " is "
        + ep.describe() + ", which does not support " + what + "; use sqld or Turso for this");
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw PipelineClient.closedException();
    }
  }

  /**
   * Checks a {@code base_url} from the server: an absolute http or https URL. Returns it without a
   * trailing slash, query or fragment; paths are appended to it as to the configured URL.
   */
  static String validBaseUrl(String baseUrl) {
    URI uri;
    try {
      uri = new URI(baseUrl);
    } catch (URISyntaxException e) {
      throw new LibsqlException(ErrorCode.HRANA_PROTO_ERROR, "the server sent an invalid base_url: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getRawAuthority() == null) {
      throw new LibsqlException(ErrorCode.HRANA_PROTO_ERROR,
          "the server sent a base_url that is not an absolute http(s) URL: " + HttpErrors.excerpt(baseUrl));
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return scheme + "://" + uri.getRawAuthority() + path;
  }

  /**
   * Closes the idle pooled streams (waiting {@value #CLOSE_WAIT_MILLIS} ms at most), fails pending
   * calls with CLIENT_CLOSED, forgets open streams (the server rolls back and expires them) and
   * cursors, and shuts down the executor. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeIdleStreams();
    client.close();
    LibsqlException cause = PipelineClient.closedException();
    for (HttpStream stream : streams) {
      stream.abort(cause);
    }
    streams.clear();
    for (HttpCursor cursor : cursors) {
      cursor.abort();
    }
    cursors.clear();
    CompletableFuture<Endpoint> ep = endpoint.get();
    if (ep != null) {
      ep.completeExceptionally(cause);
    }
    executor.shutdownNow(); // interrupts exchanges still blocked in send: their calls failed above
  }

  private void closeIdleStreams() {
    List<BatonPool.Lease> idle = batons.close();
    CompletableFuture<Endpoint> known = endpoint.get();
    if (idle.isEmpty() || known == null || !known.isDone() || known.isCompletedExceptionally()) {
      return;
    }
    Endpoint ep = known.join();
    CompletableFuture<?>[] closing = idle.stream().map(l -> closeStream(ep, l.base, l.baton)).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(closing).get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // best effort: the server expires what it did not close
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The one-shot stream pool (for tests). */
  BatonPool batons() {
    return batons;
  }

  /** Pipeline POSTs sent so far (for tests). */
  long pipelinesSent() {
    return client.pipelinesSent();
  }

  /** Open streams (for tests). */
  int openStreams() {
    return streams.size();
  }

  /** Open cursors (for tests). */
  int openCursors() {
    return cursors.size();
  }

  /** The configured base URL, e.g. {@code http://127.0.0.1:8080}. */
  String base() {
    return base;
  }

  @Override
  public String toString() {
    return "HttpTransport[" + base + "]";
  }
}
