package io.libsql.jdbc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A loopback HTTP reverse proxy in front of sqld that records every request it forwards, so a test
 * can count round trips (Hrana over HTTP is one {@code POST .../pipeline} per round trip). Bodies are
 * forwarded whole; good for tests, not for streaming.
 */
final class CountingHttpProxy implements AutoCloseable {
  /** {@code /v2/pipeline}, {@code /v3/pipeline}, {@code /v3-protobuf/pipeline}. */
  static final Pattern PIPELINE = Pattern.compile("/v[23][^/]*/pipeline");
  private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
      "transfer-encoding", "keep-alive", "http2-settings", "te");

  private final URI target;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "counting-http-proxy");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  /** "POST /v3-protobuf/pipeline", ... in arrival order. */
  private final List<String> requests = new ArrayList<>();

  /** Starts a proxy on a free loopback port forwarding to {@code target} ({@code http://host:port}). */
  CountingHttpProxy(String target) throws IOException {
    this.target = URI.create(target);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::forward);
    server.start();
  }

  /** {@code http://127.0.0.1:PORT}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void forward(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      URI uri = ex.getRequestURI();
      synchronized (requests) {
        requests.add(method + " " + uri.getPath());
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(uri.getRawPath()
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
          .method(method, body.length == 0 && !"POST".equals(method)
              ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
          values.forEach(v -> b.header(name, v));
        }
      });
      HttpResponse<byte[]> r;
      try {
        r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ex.sendResponseHeaders(502, -1);
        return;
      } catch (IOException e) {
        ex.sendResponseHeaders(502, -1);
        return;
      }
      r.headers().map().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
          ex.getResponseHeaders().put(name, values);
        }
      });
      byte[] out = r.body();
      ex.sendResponseHeaders(r.statusCode(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  /** Every request so far, as "METHOD /path". */
  List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Pipeline POSTs so far (one per Hrana-over-HTTP round trip). */
  long pipelinePosts() {
    return requests().stream().filter(r -> r.startsWith("POST ") && PIPELINE.matcher(r.substring(5)).matches()).count();
  }

  void reset() {
    synchronized (requests) {
      requests.clear();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
