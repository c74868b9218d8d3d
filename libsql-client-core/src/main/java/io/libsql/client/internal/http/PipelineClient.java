package io.libsql.client.internal.http;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.url.AuthTokens;
import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.call.SafeListener;
import io.libsql.client.internal.hrana.RequestLimiter;
import io.libsql.client.internal.call.Watchdog;
import io.libsql.client.internal.hrana.Overload;
import io.libsql.client.internal.proto.Pipeline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The HTTP exchanges of the transport: pipeline and cursor POSTs and version probes, each under the
 * {@link RequestLimiter}, with statuses and I/O failures mapped by {@link HttpErrors}. Thread-safe.
 *
 * <p>Every future it returns is tracked until it completes, so that {@link #close()} can fail the
 * pending ones with CLIENT_CLOSED: the JDK 17 {@code HttpClient} cannot be closed.
 *
 * <p>Each request asks {@link AuthTokens} for the token to send; when the server answers 401 or 403
 * and the token supplier has a different token, the request is sent once more with it (the server
 * refused it before running anything). A pipeline sent for a {@link Call} marks it sent and is
 * cancelled (its HTTP exchange aborted) when the call is stopped.
 *
 * <p>A pipeline or cursor request that the server refuses for overload ({@link Overload}: HTTP 429,
 * nothing run) is sent again after a jittered, growing backoff, for as long as its call's deadline
 * (or, without a call, the configured request timeout) allows; then it fails with TIMEOUT.
 */
final class PipelineClient {
  private final HttpClient http;
  /** The HTTP client's executor, on which each exchange's {@code send} blocks (see {@link #exchange}). */
  private final ExecutorService executor;
  private final RequestLimiter limiter;
  /** Tokens are never logged and never put in messages. */
  private final AuthTokens tokens;
  private final Duration requestTimeout;
  /** The user's listener (overload retries), or null. */
  private final SafeListener listener;
  /** The server's URL as events and messages may show it (no query, no token). */
  private final String redactedUrl;
  private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
  /** Pipeline POSTs sent, for tests that check request coalescing. */
  private final AtomicLong pipelinesSent = new AtomicLong();
  private volatile boolean closed;
  /** The largest response body accepted (Config.maxResponseSize). */
  private volatile long maxResponseSize = io.libsql.client.Config.DEFAULT_MAX_RESPONSE_SIZE;

  PipelineClient(HttpClient http, ExecutorService executor, RequestLimiter limiter, AuthTokens tokens,
      Duration requestTimeout) {
    this(http, executor, limiter, tokens, requestTimeout, null, "");
  }

  PipelineClient(HttpClient http, ExecutorService executor, RequestLimiter limiter, AuthTokens tokens,
      Duration requestTimeout, SafeListener listener, String redactedUrl) {
    this.listener = listener;
    this.redactedUrl = redactedUrl;
    this.http = http;
    this.executor = executor;
    this.limiter = limiter;
    this.tokens = tokens;
    this.requestTimeout = requestTimeout == null || requestTimeout.isZero() ? null : requestTimeout;
  }

  /** {@code POST base+path} with a pipeline body, decoded with {@code endpoint}'s codec. */
  CompletableFuture<Pipeline.Response> pipeline(String base, Endpoint endpoint, Pipeline.Request request) {
    return pipeline(base, endpoint, request, null);
  }

  /** As {@link #pipeline(String, Endpoint, Pipeline.Request)}, on behalf of {@code call} (or null). */
  CompletableFuture<Pipeline.Response> pipeline(String base, Endpoint endpoint, Pipeline.Request request, Call call) {
    byte[] body;
    try {
      body = encode(endpoint, request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e); // e.g. ARGUMENT_INVALID: nothing was sent
    }
    return send(base, endpoint, body, call);
  }

  /** The body of a pipeline request; throws (ARGUMENT_INVALID, for instance) when it cannot be encoded. */
  static byte[] encode(Endpoint endpoint, Pipeline.Request request) {
    return endpoint.codec().encodePipelineRequest(request);
  }

  /**
   * {@code POST base+path} with an encoded pipeline body, for a stream: no HTTP timeout, since
   * every stream request serves an API call whose deadline is enforced above (and which closes
   * the stream when it passes).
   */
  CompletableFuture<Pipeline.Response> send(String base, Endpoint endpoint, byte[] body) {
    return send(base, endpoint, body, Call.untracked());
  }

  /**
   * {@code POST base+path} with an encoded pipeline body, on behalf of {@code call}: the HTTP
   * request times out at the call's deadline; without a call (null), after the configured request
   * timeout.
   */
  CompletableFuture<Pipeline.Response> send(String base, Endpoint endpoint, byte[] body, Call call) {
    return send(base, endpoint, body, call, false);
  }

  /**
   * As {@link #send(String, Endpoint, byte[])}; {@code priority} for requests on a stream the server
   * holds, which may hold locks other requests wait for (see {@link RequestLimiter}).
   */
  CompletableFuture<Pipeline.Response> send(String base, Endpoint endpoint, byte[] body, boolean priority) {
    return send(base, endpoint, body, Call.untracked(), priority);
  }

  private CompletableFuture<Pipeline.Response> send(String base, Endpoint endpoint, byte[] body, Call call,
      boolean priority) {
    if (closed) {
      return CompletableFuture.failedFuture(closedException());
    }
    String target = base + endpoint.pipelinePath();
    String token;
    try {
      token = tokens.get();
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
    return track(sendOnce(target, endpoint, body, call, token, true, priority, new Refusals(call)), null);
  }

  private CompletableFuture<Pipeline.Response> sendOnce(String target, Endpoint endpoint, byte[] body, Call call,
      String token, boolean mayRetryAuth, boolean priority, Refusals refusals) {
    HttpRequest httpRequest;
    try {
      httpRequest = post(target, endpoint.contentType(), body, token, timeoutFor(call));
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
    return limiter.run(priority, () -> {
      if (call != null) {
        if (call.isStopped()) {
          return CompletableFuture.<HttpResponse<byte[]>>failedFuture(call.stoppedError());
        }
        call.markSent();
      }
      pipelinesSent.incrementAndGet();
      CompletableFuture<HttpResponse<byte[]>> f = exchange(httpRequest, LimitedBodies.ofByteArray(maxResponseSize));
      if (call != null) {
        call.onStop(() -> f.cancel(true));
      }
      return f;
    })
        .handle((response, failure) -> {
          if (failure != null) {
            throw HttpErrors.fromThrowable(failure, "POST " + target);
          }
          return response;
        })
        .thenCompose(response -> {
          String next = mayRetryAuth && rejected(response.statusCode()) ? tokens.another(token) : null;
          if (next != null) {
            return sendOnce(target, endpoint, body, call, next, false, priority, refusals);
          }
          String refusal = overloadDetail(response.statusCode(), response.body());
          if (refusal != null) {
            return refusals.retry(refusal, response.headers().firstValue("retry-after").orElse(null), call,
                () -> sendOnce(target, endpoint, body, call, token, mayRetryAuth, priority, refusals));
          }
          return CompletableFuture.completedFuture(decodePipeline(response, endpoint, target, token));
        });
  }

  /**
   * The HTTP timeout of a request for {@code call}: a backstop a second after its deadline (the
   * call's own timer fires first and cancels the exchange, with the call's wording), or the
   * configured timeout without a call.
   */
  private Duration timeoutFor(Call call) {
    if (call == null) {
      return requestTimeout;
    }
    long remaining = call.remainingNanos();
    return remaining == Long.MAX_VALUE ? null : Duration.ofNanos(Math.max(0, remaining) + TimeUnit.SECONDS.toNanos(1));
  }

  private static boolean rejected(int status) {
    return status == 401 || status == 403;
  }

  private Pipeline.Response decodePipeline(HttpResponse<byte[]> response, Endpoint endpoint, String target, String token) {
    String contentType = response.headers().firstValue("content-type").orElse(null);
    int status = response.statusCode();
    if (status != 200 || (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html"))) {
      throw HttpErrors.fromResponse(status, contentType, response.body(), "POST " + target, token);
    }
    try {
      return endpoint.codec().decodePipelineResponse(response.body());
    } catch (LibsqlException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new LibsqlException(ErrorCode.HRANA_PROTO_ERROR,
          "cannot decode the pipeline response from " + target + ": " + e, e);
    }
  }

  /**
   * {@code POST base+cursorPath}; completes with the 200 response whose body is still to be read
   * (the caller owns and must close it). The permit is held until the response head arrives only.
   */
  CompletableFuture<HttpResponse<InputStream>> cursor(String base, Endpoint endpoint, Pipeline.CursorRequest request) {
    if (closed) {
      return CompletableFuture.failedFuture(closedException());
    }
    String target = base + endpoint.cursorPath();
    byte[] body;
    String token;
    try {
      body = endpoint.codec().encodeCursorRequest(request);
      token = tokens.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return track(cursorOnce(target, endpoint, body, token, true, new Refusals(null)), response -> closeQuietly(response.body()));
  }

  private CompletableFuture<HttpResponse<InputStream>> cursorOnce(String target, Endpoint endpoint, byte[] body,
      String token, boolean mayRetryAuth, Refusals refusals) {
    HttpRequest httpRequest;
    try {
      httpRequest = post(target, endpoint.contentType(), body, token, requestTimeout);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return limiter.run(() -> exchange(httpRequest, HttpResponse.BodyHandlers.ofInputStream()))
        .thenCompose(response -> {
          String next = mayRetryAuth && rejected(response.statusCode()) ? tokens.another(token) : null;
          if (next == null) {
            return CompletableFuture.completedFuture(response);
          }
          closeQuietly(response.body());
          return cursorOnce(target, endpoint, body, next, false, refusals);
        })
        .handle((response, failure) -> {
          if (failure != null) {
            throw HttpErrors.fromThrowable(failure, "POST " + target);
          }
          return response;
        })
        .thenCompose(response -> {
          String contentType = response.headers().firstValue("content-type").orElse(null);
          if (response.statusCode() == 200 && (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("html"))) {
            return CompletableFuture.completedFuture(response);
          }
          byte[] errorBody;
          try (InputStream in = response.body()) {
            errorBody = in.readNBytes(HttpErrors.MAX_ERROR_BODY);
          } catch (IOException e) {
            errorBody = new byte[0];
          }
          String refusal = overloadDetail(response.statusCode(), errorBody);
          if (refusal != null) {
            return refusals.retry(refusal, response.headers().firstValue("retry-after").orElse(null), null,
                () -> cursorOnce(target, endpoint, body, token, mayRetryAuth, refusals));
          }
          throw HttpErrors.fromResponse(response.statusCode(), contentType, errorBody, "POST " + target, token);
        });
  }

  /** "HTTP 429: text" when the answer is an overload refusal ({@link Overload}), else null. */
  private static String overloadDetail(int status, byte[] body) {
    if (status != 429 && status != 503) {
      return null;
    }
    String text = body == null ? "" : new String(body, 0, Math.min(body.length, HttpErrors.MAX_ERROR_BODY), StandardCharsets.UTF_8);
    return Overload.isOverloaded(status, text) ? "HTTP " + status + ": " + HttpErrors.excerpt(text.strip()) : null;
  }

  /**
   * The overload refusals of one request and the time it may spend on them: its call's deadline,
   * or the configured request timeout from its first attempt.
   */
  private final class Refusals {
    private final long startNanos = System.nanoTime();
    private final long budgetNanos;
    private int count;

    Refusals(Call call) {
      long remaining = call == null ? Long.MAX_VALUE : call.remainingNanos();
      if (remaining == Long.MAX_VALUE) {
        remaining = requestTimeout == null ? Long.MAX_VALUE : requestTimeout.toNanos();
      }
      this.budgetNanos = remaining;
    }

    /**
     * Sends the request again through {@code again} after a backoff, or fails with TIMEOUT when the
     * backoff would outlast the budget. Each request's attempts run one after another.
     */
    <T> CompletableFuture<T> retry(String detail, String retryAfter, Call call, Supplier<CompletableFuture<T>> again) {
      int attempt = ++count;
      if (call != null) {
        call.overloaded(detail);
      }
      long delay = Overload.delayNanos(attempt, Overload.retryAfterNanos(retryAfter));
      long elapsed = System.nanoTime() - startNanos;
      if (budgetNanos != Long.MAX_VALUE && elapsed + delay > budgetNanos) {
        return CompletableFuture.failedFuture(new LibsqlException(ErrorCode.TIMEOUT, "the server at " + redactedUrl
            + " is overloaded: it refused the request " + attempt + (attempt == 1 ? " time" : " times") + " in "
            + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms (" + detail + "), and the call's deadline came first;"
            + " nothing was executed. Fewer concurrent clients or shorter transactions relieve it"));
      }
      if (listener != null) {
        listener.overloadRetry(redactedUrl, attempt, delay);
      }
      CompletableFuture<T> out = new CompletableFuture<>();
      Watchdog.schedule(() -> {
        CompletableFuture<T> next;
        try {
          next = closed ? CompletableFuture.failedFuture(closedException()) : again.get();
        } catch (RuntimeException e) {
          next = CompletableFuture.failedFuture(e);
        }
        next.whenComplete((v, t) -> {
          if (t != null) {
            out.completeExceptionally(t);
          } else {
            out.complete(v);
          }
        });
      }, delay);
      return out;
    }
  }

  /** The answer to a version probe, with the token it was sent with (to scrub it from error text). */
  record ProbeResult(int status, String contentType, byte[] body, String token) {
    ProbeResult(int status, String contentType, byte[] body) {
      this(status, contentType, body, null);
    }
  }

  /** {@code GET base+path}: the status, content type and (up to 16 KiB of the) body. */
  CompletableFuture<ProbeResult> probe(String base, String path) {
    return probe(base, path, null);
  }

  /** As {@link #probe(String, String)}, timed out at {@code call}'s deadline (the configured timeout without one). */
  CompletableFuture<ProbeResult> probe(String base, String path, Call call) {
    if (closed) {
      return CompletableFuture.failedFuture(closedException());
    }
    String target = base + path;
    String token;
    try {
      token = tokens.get();
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
    return track(probeOnce(target, token, true, timeoutFor(call)), null);
  }

  private CompletableFuture<ProbeResult> probeOnce(String target, String token, boolean mayRetryAuth, Duration timeout) {
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(uri(target)).GET();
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
    decorate(b, target, token, timeout);
    HttpRequest request = b.build();
    return limiter.run(() -> exchange(request, LimitedBodies.ofByteArray(maxResponseSize)))
        .handle((response, failure) -> {
          if (failure != null) {
            throw HttpErrors.fromThrowable(failure, "GET " + target);
          }
          return response;
        })
        .thenCompose(response -> {
          String next = mayRetryAuth && rejected(response.statusCode()) ? tokens.another(token) : null;
          if (next != null) {
            return probeOnce(target, next, false, timeout);
          }
          byte[] body = response.body();
          if (body != null && body.length > HttpErrors.MAX_ERROR_BODY) {
            body = java.util.Arrays.copyOf(body, HttpErrors.MAX_ERROR_BODY);
          }
          return CompletableFuture.completedFuture(
              new ProbeResult(response.statusCode(), response.headers().firstValue("content-type").orElse(null), body, token));
        });
  }

  /**
   * One HTTP exchange: {@code http.send} on a thread of {@link #executor}. Cancelling the returned
   * future interrupts that thread, on which the JDK client aborts the exchange.
   *
   * <p>Not {@code http.sendAsync}: on JDK 17 that hands each step of the exchange to the executor
   * and completes the response on CompletableFuture's default pool, which on a machine with fewer
   * than 3 cores starts a new thread per response; {@code send} runs the exchange inline up to the
   * network. This costs a blocked pool thread per exchange in flight (bounded by the
   * {@link RequestLimiter}) and gave 1.5x the throughput of sequential one-shot calls on 2 cores.
   */
  private <T> CompletableFuture<HttpResponse<T>> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
    Future<?> task;
    try {
      task = executor.submit(() -> {
        try {
          result.complete(http.send(request, handler));
        } catch (InterruptedException e) {
          result.cancel(false); // interrupted by the cancellation below: result is cancelled already
        } catch (IOException e) {
          // send rethrows a copy of the exchange's failure (for the caller's stack) caused by the original
          result.completeExceptionally(e.getCause() != null ? e.getCause() : e);
        } catch (RuntimeException | Error e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(closedException()); // the transport closed meanwhile
    }
    result.whenComplete((r, t) -> {
      if (t instanceof CancellationException) {
        task.cancel(true);
      }
    });
    return result;
  }

  private HttpRequest post(String target, String contentType, byte[] body, String token, Duration timeout) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(target))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", contentType);
    decorate(b, target, token, timeout);
    return b.build();
  }

  private void decorate(HttpRequest.Builder b, String target, String token, Duration timeout) {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (target.regionMatches(true, 0, "http:", 0, 5)) {
      b.version(HttpClient.Version.HTTP_1_1); // sqld never answers the h2c upgrade
    }
    if (timeout != null) {
      b.timeout(timeout);
    }
  }

  private static URI uri(String target) {
    try {
      return URI.create(target);
    } catch (IllegalArgumentException e) {
      throw new LibsqlException(ErrorCode.URL_INVALID, "not a valid URL: " + target, e);
    }
  }

  /**
   * A future completed like {@code f} unless {@link #close()} fails it first; if it loses that race
   * with a value, {@code discard} releases the value.
   */
  private <T> CompletableFuture<T> track(CompletableFuture<T> f, Consumer<T> discard) {
    CompletableFuture<T> result = new CompletableFuture<>();
    pending.add(result);
    if (closed) {
      result.completeExceptionally(closedException());
    }
    f.whenComplete((value, failure) -> {
      pending.remove(result);
      boolean delivered = failure != null
          ? result.completeExceptionally(HttpErrors.unwrap(failure))
          : result.complete(value);
      if (!delivered && failure == null && discard != null) {
        discard.accept(value);
      }
    });
    return result;
  }

  /** Fails every pending exchange with CLIENT_CLOSED and refuses new ones. Idempotent. */
  void close() {
    closed = true;
    limiter.close();
    for (CompletableFuture<?> f : pending) {
      f.completeExceptionally(closedException());
    }
    pending.clear();
  }

  /** Sets the largest response body accepted; returns this. */
  PipelineClient maxResponseSize(long bytes) {
    maxResponseSize = bytes;
    return this;
  }

  long maxResponseSize() {
    return maxResponseSize;
  }

  long pipelinesSent() {
    return pipelinesSent.get();
  }

  boolean isClosed() {
    return closed;
  }

  static LibsqlException closedException() {
    return new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed");
  }

  static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // nothing to do: releasing a connection
    }
  }
}
