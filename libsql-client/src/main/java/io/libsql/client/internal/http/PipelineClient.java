package io.libsql.client.internal.http;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.proto.Pipeline;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The HTTP exchanges of the transport: pipeline and cursor POSTs and version probes, each under the
 * {@link RequestLimiter}, with statuses and I/O failures mapped by {@link HttpErrors}. Thread-safe.
 *
 * <p>Every future it returns is tracked until it completes, so that {@link #close()} can fail the
 * pending ones with CLIENT_CLOSED: the JDK 17 {@code HttpClient} cannot be closed.
 */
final class PipelineClient {
  private final HttpClient http;
  private final RequestLimiter limiter;
  /** Never logged and never put in messages. */
  private final String token;
  private final Duration requestTimeout;
  private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
  /** Pipeline POSTs sent, for tests that check request coalescing. */
  private final AtomicLong pipelinesSent = new AtomicLong();
  private volatile boolean closed;

  PipelineClient(HttpClient http, RequestLimiter limiter, String token, Duration requestTimeout) {
    this.http = http;
    this.limiter = limiter;
    this.token = token;
    this.requestTimeout = requestTimeout == null || requestTimeout.isZero() ? null : requestTimeout;
  }

  /** {@code POST base+path} with a pipeline body, decoded with {@code endpoint}'s codec. */
  CompletableFuture<Pipeline.Response> pipeline(String base, Endpoint endpoint, Pipeline.Request request) {
    byte[] body;
    try {
      body = encode(endpoint, request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e); // e.g. ARGUMENT_INVALID: nothing was sent
    }
    return send(base, endpoint, body);
  }

  /** The body of a pipeline request; throws (ARGUMENT_INVALID, for instance) when it cannot be encoded. */
  static byte[] encode(Endpoint endpoint, Pipeline.Request request) {
    return endpoint.codec().encodePipelineRequest(request);
  }

  /** {@code POST base+path} with an encoded pipeline body. */
  CompletableFuture<Pipeline.Response> send(String base, Endpoint endpoint, byte[] body) {
    if (closed) {
      return CompletableFuture.failedFuture(closedException());
    }
    String target = base + endpoint.pipelinePath();
    HttpRequest httpRequest;
    try {
      httpRequest = post(target, endpoint.contentType(), body);
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
    return track(limiter.run(() -> {
      pipelinesSent.incrementAndGet();
      return http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
    })
        .handle((response, failure) -> {
          if (failure != null) {
            throw HttpErrors.fromThrowable(failure, "POST " + target);
          }
          return decodePipeline(response, endpoint, target);
        }), null);
  }

  private Pipeline.Response decodePipeline(HttpResponse<byte[]> response, Endpoint endpoint, String target) {
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
    HttpRequest httpRequest;
    try {
      body = endpoint.codec().encodeCursorRequest(request);
      httpRequest = post(target, endpoint.contentType(), body);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return track(limiter.run(() -> http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofInputStream()))
        .handle((response, failure) -> {
          if (failure != null) {
            throw HttpErrors.fromThrowable(failure, "POST " + target);
          }
          String contentType = response.headers().firstValue("content-type").orElse(null);
          if (response.statusCode() != 200 || (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html"))) {
            byte[] errorBody;
            try (InputStream in = response.body()) {
              errorBody = in.readNBytes(HttpErrors.MAX_ERROR_BODY);
            } catch (IOException e) {
              errorBody = new byte[0];
            }
            throw HttpErrors.fromResponse(response.statusCode(), contentType, errorBody, "POST " + target, token);
          }
          return response;
        }), response -> closeQuietly(response.body()));
  }

  /** The answer to a version probe. */
  record ProbeResult(int status, String contentType, byte[] body) {}

  /** {@code GET base+path}: the status, content type and (up to 16 KiB of the) body. */
  CompletableFuture<ProbeResult> probe(String base, String path) {
    if (closed) {
      return CompletableFuture.failedFuture(closedException());
    }
    String target = base + path;
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(uri(target)).GET();
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
    decorate(b, target);
    HttpRequest request = b.build();
    return track(limiter.run(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
        .handle((response, failure) -> {
          if (failure != null) {
            throw HttpErrors.fromThrowable(failure, "GET " + target);
          }
          byte[] body = response.body();
          if (body != null && body.length > HttpErrors.MAX_ERROR_BODY) {
            body = java.util.Arrays.copyOf(body, HttpErrors.MAX_ERROR_BODY);
          }
          return new ProbeResult(response.statusCode(), response.headers().firstValue("content-type").orElse(null), body);
        }), null);
  }

  private HttpRequest post(String target, String contentType, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(target))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", contentType);
    decorate(b, target);
    return b.build();
  }

  private void decorate(HttpRequest.Builder b, String target) {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (target.regionMatches(true, 0, "http:", 0, 5)) {
      b.version(HttpClient.Version.HTTP_1_1); // sqld never answers the h2c upgrade
    }
    if (requestTimeout != null) {
      b.timeout(requestTimeout);
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
