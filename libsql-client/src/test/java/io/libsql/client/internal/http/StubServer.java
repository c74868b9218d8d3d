package io.libsql.client.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A JDK {@code HttpServer} (or {@code HttpsServer}) on loopback for the cases a real sqld cannot
 * show: proxy error pages, slow answers, header checks, TLS; or a forwarding proxy in front of
 * sqld that records what passes. Records every request; tracks the peak of concurrent requests.
 */
final class StubServer implements AutoCloseable {
  /** One received request. */
  record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** What to answer. */
  record Reply(int status, String contentType, byte[] body, long delayMillis) {
    static Reply of(int status, String contentType, String body) {
      return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), 0);
    }

    Reply delayed(long millis) {
      return new Reply(status, contentType, body, millis);
    }
  }

  private static final HttpClient FORWARDER = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "stub-server");
    t.setDaemon(true);
    return t;
  });
  final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  private StubServer(HttpServer server, Function<Received, Reply> handler) {
    this.server = server;
    server.setExecutor(pool);
    server.createContext("/", exchange -> handle(exchange, handler));
    server.start();
  }

  /** A plain HTTP stub answering with {@code handler}. */
  static StubServer http(Function<Received, Reply> handler) throws IOException {
    return new StubServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200), handler);
  }

  /** An HTTPS stub with the given server-side TLS context. */
  static StubServer https(SSLContext tls, Function<Received, Reply> handler) throws IOException {
    HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    s.setHttpsConfigurator(new HttpsConfigurator(tls));
    return new StubServer(s, handler);
  }

  /** A handler that forwards each request to {@code targetBase} (e.g. a sqld) and relays the answer. */
  static Function<Received, Reply> forwardTo(java.util.function.Supplier<String> targetBase) {
    return r -> {
      try {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(targetBase.get() + r.path()))
            .timeout(Duration.ofSeconds(30));
        if (r.method().equals("POST")) {
          b.POST(HttpRequest.BodyPublishers.ofByteArray(r.body()));
        } else {
          b.GET();
        }
        String type = r.header("Content-Type");
        if (type != null) {
          b.header("Content-Type", type);
        }
        String auth = r.header("Authorization");
        if (auth != null) {
          b.header("Authorization", auth);
        }
        HttpResponse<byte[]> resp = FORWARDER.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(resp.statusCode(), resp.headers().firstValue("content-type").orElse(null), resp.body(), 0);
      } catch (IOException e) {
        return Reply.of(502, "text/plain", "proxy: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Reply.of(502, "text/plain", "proxy interrupted");
      }
    };
  }

  private void handle(HttpExchange exchange, Function<Received, Reply> handler) throws IOException {
    int now = active.incrementAndGet();
    peak.accumulateAndGet(now, Math::max);
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String path = exchange.getRequestURI().getRawPath();
      Received r = new Received(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body);
      received.add(r);
      Reply reply = handler.apply(r);
      if (reply.delayMillis() > 0) {
        Thread.sleep(reply.delayMillis());
      }
      if (reply.contentType() != null) {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      }
      byte[] out = reply.body() == null ? new byte[0] : reply.body();
      exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      active.decrementAndGet();
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  String httpUrl() {
    return "http://127.0.0.1:" + port();
  }

  String httpsUrl() {
    return "https://127.0.0.1:" + port();
  }

  /** The most requests that were being handled at the same time. */
  int peakConcurrency() {
    return peak.get();
  }

  List<Received> requests() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
