package io.libsql.client.internal.http;

import static io.libsql.client.internal.http.HttpTesting.await;
import static io.libsql.client.internal.http.HttpTesting.awaitFailure;
import static io.libsql.client.internal.http.HttpTesting.sqld;
import static io.libsql.client.internal.http.HttpTesting.stmt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.testing.Jwt;
import io.libsql.testing.SqldServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HTTP statuses and network failures: real sqld for auth and unknown endpoints, tiny JDK stubs for
 * what sqld never answers (proxy HTML pages, slow or dropped answers).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpStatusTest {
  private static KeyPair keys;
  private static SqldServer authSqld;

  @BeforeAll
  static void startAuthSqld() {
    keys = Jwt.generateKeyPair();
    authSqld = SqldServer.builder().jwtPublicKeyPem(Jwt.publicKeyPem(keys.getPublic())).start();
  }

  @AfterAll
  static void stopAuthSqld() {
    if (authSqld != null) {
      authSqld.close();
    }
  }

  private static HttpTransport transport(String url, String token, Encoding encoding) {
    return new HttpTransport(Config.builder(url).authToken(token).encoding(encoding).build());
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void aMissingTokenIsAuthFailed(Encoding encoding) {
    HttpTransport t = transport(authSqld.httpUrl(), null, encoding);
    try {
      LibsqlException e = awaitFailure(ErrorCode.AUTH_FAILED.name(), t.execute(stmt("SELECT 1")));
      assertTrue(e.getMessage().contains("Expected authorization header but none given"), e.getMessage());
      assertTrue(e.getMessage().contains("no auth token is configured"), e.getMessage());
    } finally {
      t.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void aWrongTokenIsAuthFailedAndNeverQuoted(Encoding encoding) {
    String forged = Jwt.fullAccessToken(Jwt.generateKeyPair().getPrivate());
    HttpTransport t = transport(authSqld.httpUrl(), forged, encoding);
    try {
      LibsqlException e = awaitFailure(ErrorCode.AUTH_FAILED.name(), t.execute(stmt("SELECT 1")));
      assertFalse(e.getMessage().contains(forged), e.getMessage());
      for (Throwable c = e; c != null; c = c.getCause()) {
        assertFalse(String.valueOf(c.getMessage()).contains(forged));
      }
      awaitFailure(ErrorCode.AUTH_FAILED.name(), t.openCursor(HttpTesting.batch(stmt("SELECT 1"))));
    } finally {
      t.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void theRightTokenWorksForEveryOperation(Encoding encoding) {
    String token = Jwt.fullAccessToken(keys.getPrivate());
    HttpTransport t = transport(authSqld.httpUrl(), token, encoding);
    try {
      assertEquals(1L, await(t.execute(stmt("SELECT 1"))).rows().get(0)[0]);
      var s = await(t.openStream());
      await(s.execute(stmt("SELECT 1")));
      await(s.close());
      var c = await(t.openCursor(HttpTesting.batch(stmt("SELECT 2"))));
      while (c.next() != null) {
        // drain
      }
      c.close();
    } finally {
      t.close();
    }
  }

  @Test
  void theAuthorizationHeaderIsSentOnlyWithAToken() throws IOException {
    String ok = "{\"baton\":null,\"base_url\":null,\"results\":[{\"type\":\"ok\",\"response\":{\"type\":\"execute\",\"result\":"
        + "{\"cols\":[],\"rows\":[],\"affected_row_count\":0,\"last_insert_rowid\":null}}},{\"type\":\"ok\",\"response\":{\"type\":\"close\"}}]}";
    try (StubServer stub = StubServer.http(r -> r.method().equals("GET")
        ? StubServer.Reply.of(200, "text/plain", "v3")
        : StubServer.Reply.of(200, "application/json", ok))) {
      HttpTransport none = transport(stub.httpUrl(), null, Encoding.JSON);
      HttpTransport some = transport(stub.httpUrl(), "tok-123", Encoding.JSON);
      try {
        await(none.execute(stmt("SELECT 1")));
        for (StubServer.Received r : stub.requests()) {
          assertNull(r.header("Authorization"), r.path());
        }
        stub.received.clear();
        await(some.execute(stmt("SELECT 1")));
        for (StubServer.Received r : stub.requests()) {
          assertEquals("Bearer tok-123", r.header("Authorization"), r.path());
        }
        StubServer.Received post = stub.requests().get(stub.requests().size() - 1);
        assertEquals("/v3/pipeline", post.path());
        assertEquals("application/json", post.header("Content-Type"));
      } finally {
        none.close();
        some.close();
      }
    }
  }

  @Test
  void anUnknownPathIsEndpointNotFound() {
    // /nowhere/v3 and /nowhere/v2 are 404, so the client tries /nowhere/v2/pipeline, also 404.
    HttpTransport t = transport(sqld().httpUrl() + "/nowhere", null, null);
    try {
      LibsqlException e = awaitFailure(ErrorCode.ENDPOINT_NOT_FOUND.name(), t.execute(stmt("SELECT 1")));
      assertTrue(e.getMessage().contains("/nowhere/v2/pipeline"), e.getMessage());
    } finally {
      t.close();
    }
    HttpTransport forced = new HttpTransport(Config.builder(sqld().httpUrl() + "/nowhere").hranaVersion(3).build());
    try {
      awaitFailure(ErrorCode.ENDPOINT_NOT_FOUND.name(), forced.execute(stmt("SELECT 1")));
    } finally {
      forced.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void aProxysHtmlPageIsAProtocolError(Encoding encoding) throws IOException {
    String page = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>";
    try (StubServer stub = StubServer.http(r -> StubServer.Reply.of(502, "text/html", page))) {
      HttpTransport t = transport(stub.httpUrl(), null, encoding);
      try {
        LibsqlException e = awaitFailure(ErrorCode.HRANA_PROTO_ERROR.name(), t.execute(stmt("SELECT 1")));
        assertTrue(e.getMessage().contains("502 Bad Gateway"), e.getMessage());
        assertTrue(e.getMessage().contains("HTML"), e.getMessage());
      } finally {
        t.close();
      }
    }
    // A captive portal answering 200 with HTML to everything.
    try (StubServer stub = StubServer.http(r -> StubServer.Reply.of(200, "text/html; charset=utf-8", "<html>Sign in</html>"))) {
      HttpTransport t = transport(stub.httpUrl(), null, encoding);
      try {
        awaitFailure(ErrorCode.HRANA_PROTO_ERROR.name(), t.execute(stmt("SELECT 1")));
        awaitFailure(ErrorCode.HRANA_PROTO_ERROR.name(), t.openCursor(HttpTesting.batch(stmt("SELECT 1"))));
      } finally {
        t.close();
      }
    }
  }

  @Test
  void serverErrorsCarryTheMessage() throws IOException {
    try (StubServer stub = StubServer.http(r -> r.method().equals("GET")
        ? StubServer.Reply.of(200, "text/plain", "ok")
        : StubServer.Reply.of(503, "application/json", "{\"error\":\"database is being restored\"}"))) {
      HttpTransport t = transport(stub.httpUrl(), null, Encoding.JSON);
      try {
        LibsqlException e = awaitFailure(ErrorCode.SERVER_ERROR.name(), t.execute(stmt("SELECT 1")));
        assertTrue(e.getMessage().contains("database is being restored"), e.getMessage());
      } finally {
        t.close();
      }
    }
  }

  @Test
  void aFailedProbeIsRetriedByTheNextCall() throws IOException {
    int[] calls = {0};
    String ok = "{\"baton\":null,\"base_url\":null,\"results\":[{\"type\":\"ok\",\"response\":{\"type\":\"execute\",\"result\":"
        + "{\"cols\":[],\"rows\":[],\"affected_row_count\":0,\"last_insert_rowid\":null}}},{\"type\":\"ok\",\"response\":{\"type\":\"close\"}}]}";
    try (StubServer stub = StubServer.http(r -> {
      if (r.method().equals("GET")) {
        return calls[0]++ == 0 ? StubServer.Reply.of(503, "text/plain", "starting up") : StubServer.Reply.of(200, "text/plain", "ok");
      }
      return StubServer.Reply.of(200, "application/json", ok);
    })) {
      HttpTransport t = transport(stub.httpUrl(), null, Encoding.JSON);
      try {
        awaitFailure(ErrorCode.SERVER_ERROR.name(), t.execute(stmt("SELECT 1")));
        await(t.execute(stmt("SELECT 1")));
        assertEquals(3, await(t.version()));
      } finally {
        t.close();
      }
    }
  }

  @Test
  void aRefusedConnectionIsConnectionFailed() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    HttpTransport t = transport("http://127.0.0.1:" + port, "secret-token", null);
    try {
      LibsqlException e = awaitFailure(ErrorCode.CONNECTION_FAILED.name(), t.execute(stmt("SELECT 1")));
      assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
      assertFalse(e.getMessage().contains("secret-token"), e.getMessage());
    } finally {
      t.close();
    }
  }

  @Test
  void aSlowServerIsTimeout() throws IOException {
    try (StubServer stub = StubServer.http(r -> StubServer.Reply.of(200, "text/plain", "late").delayed(3_000))) {
      HttpTransport t = new HttpTransport(Config.builder(stub.httpUrl()).hranaVersion(3)
          .requestTimeout(Duration.ofMillis(300)).build());
      try {
        awaitFailure(ErrorCode.TIMEOUT.name(), t.execute(stmt("SELECT 1")));
      } finally {
        t.close();
      }
    }
  }

  @Test
  void aConnectionDroppedAfterTheRequestIsConnectionLost() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            in.read(buf); // the request arrives; the server vanishes without answering
          } catch (IOException e) {
            return;
          }
        }
      }, "dropping-server");
      acceptor.setDaemon(true);
      acceptor.start();
      HttpTransport t = new HttpTransport(Config.builder("http://127.0.0.1:" + server.getLocalPort()).hranaVersion(3).build());
      try {
        LibsqlException e = awaitFailure(ErrorCode.CONNECTION_LOST.name(), t.execute(stmt("INSERT INTO t VALUES (1)")));
        assertTrue(e.getMessage().contains("unknown"), e.getMessage());
      } finally {
        t.close();
      }
    }
  }
}
