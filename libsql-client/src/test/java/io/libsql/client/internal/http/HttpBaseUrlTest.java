package io.libsql.client.internal.http;

import static io.libsql.client.internal.http.HttpTesting.await;
import static io.libsql.client.internal.http.HttpTesting.batch;
import static io.libsql.client.internal.http.HttpTesting.series;
import static io.libsql.client.internal.http.HttpTesting.stmt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.hrana.HranaCursor;
import io.libsql.client.internal.hrana.HranaStream;
import io.libsql.testing.SqldServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code base_url}: sqld started with {@code --http-self-url} pointing at a recording proxy in
 * front of it. The client talks to sqld directly; the answers send the stream's later requests to
 * the proxy, which the test sees.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpBaseUrlTest {
  private static volatile SqldServer sqld;
  private static StubServer proxy;

  @BeforeAll
  static void start() throws IOException {
    proxy = StubServer.http(StubServer.forwardTo(() -> sqld.httpUrl()));
    sqld = SqldServer.builder().extraArgs("--http-self-url", proxy.httpUrl()).start();
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (sqld != null) {
      sqld.close();
    }
  }

  @BeforeEach
  void forget() {
    proxy.received.clear();
  }

  private static List<String> proxiedPosts() {
    return proxy.requests().stream().filter(r -> r.method().equals("POST")).map(StubServer.Received::path).toList();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void aStreamFollowsTheBaseUrlOfEachAnswer(Encoding encoding) {
    HttpTransport t = new HttpTransport(Config.builder(sqld.httpUrl()).encoding(encoding).build());
    try {
      HranaStream s = await(t.openStream());
      await(s.execute(stmt("BEGIN")));
      assertEquals(List.of(), proxiedPosts(), "the first request goes to the configured URL");
      assertEquals(proxy.httpUrl(), ((HttpStream) s).base());
      await(s.execute(stmt("SELECT 1")));
      await(s.execute(stmt("SELECT 2")));
      await(s.execute(stmt("COMMIT")));
      await(s.close());
      String path = encoding == Encoding.JSON ? "/v3/pipeline" : "/v3-protobuf/pipeline";
      assertEquals(List.of(path, path, path, path), proxiedPosts());
      // One-shots close their stream at once and never need the base URL.
      proxy.received.clear();
      await(t.execute(stmt("SELECT 3")));
      assertEquals(List.of(), proxiedPosts());
    } finally {
      t.close();
    }
  }

  @Test
  void aCursorClosesItsStreamThroughTheBaseUrl() throws InterruptedException {
    HttpTransport t = new HttpTransport(Config.builder(sqld.httpUrl()).encoding(Encoding.JSON).build());
    try {
      HranaCursor c = await(t.openCursor(batch(stmt(series(10)))));
      while (c.next() != null) {
        // read everything
      }
      c.close();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (proxiedPosts().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(List.of("/v3/pipeline"), proxiedPosts());
      assertTrue(new String(proxy.requests().get(0).body()).contains("\"close\""));
    } finally {
      t.close();
    }
  }

  @Test
  void aBaseUrlMustBeAnAbsoluteHttpUrl() {
    assertEquals("http://h:1", HttpTransport.validBaseUrl("http://h:1/"));
    assertEquals("https://h/db", HttpTransport.validBaseUrl("https://h/db/?x=1"));
    for (String bad : List.of("ftp://h", "/relative", "not a url", "http:opaque")) {
      LibsqlException e = assertThrows(LibsqlException.class, () -> HttpTransport.validBaseUrl(bad));
      assertEquals(ErrorCode.HRANA_PROTO_ERROR.name(), e.code());
    }
  }
}
