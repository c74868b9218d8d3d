package io.libsql.client.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.libsql.testing.SqldServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sqld with its admin API on a loopback port, and its Prometheus gauges: what the server holds
 * ({@code libsql_server_stream_handles}, {@code libsql_server_concurrent_connections}), read the
 * way an operator would.
 */
final class SqldGauges {
  static final String STREAM_HANDLES = "libsql_server_stream_handles";
  static final String CONNECTIONS = "libsql_server_concurrent_connections";
  private static final HttpClient ADMIN = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final int adminPort;

  private SqldGauges(int adminPort) {
    this.adminPort = adminPort;
  }

  /** Starts a sqld with an admin port (and {@code extraArgs}); returns it and its gauges. */
  static SqldGauges start(SqldServer.Builder builder, SqldServer[] started, String... extraArgs) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String[] args = new String[extraArgs.length + 2];
    args[0] = "--admin-listen-addr";
    args[1] = "127.0.0.1:" + port;
    System.arraycopy(extraArgs, 0, args, 2, extraArgs.length);
    started[0] = builder.extraArgs(args).start();
    return new SqldGauges(port);
  }

  /**
   * The gauge's value (Prometheus renders it as a float). sqld renders a gauge only once it was
   * first set: absent means it never was, which is 0.
   */
  long gauge(String name) throws IOException, InterruptedException {
    HttpResponse<String> r = ADMIN.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), "sqld's /metrics answered " + r.statusCode() + ": " + r.body());
    Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)").matcher(r.body());
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }

  /**
   * Polls {@code name} until {@code ok} accepts it or {@code seconds} pass; returns the last value
   * (the caller asserts on it).
   */
  long await(String name, LongPredicate ok, int seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long value;
    do {
      value = gauge(name);
      if (ok.test(value)) {
        return value;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return value;
  }
}
