package io.libsql.client.internal.ws;

import static io.libsql.client.internal.ws.WsTransportTest.await;
import static io.libsql.client.internal.ws.WsTransportTest.fails;
import static io.libsql.client.internal.ws.WsTransportTest.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Config;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.proto.StmtResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a real sqld never sends: protocol violations and odd framing, from {@link FakeWsServer}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WsProtocolTest {
  private static final Pattern REQUEST = Pattern.compile("\"request_id\":(\\d+),\"request\":\\{\"type\":\"(\\w+)\"");

  interface Answer {
    void answer(int requestId, String type, FakeWsServer.Peer peer) throws IOException;
  }

  /** A hrana2 server that says hello_ok and answers each request with {@code answer}. */
  static BiConsumer<String, FakeWsServer.Peer> script(Answer answer) {
    return (text, peer) -> {
      try {
        if (text.contains("\"type\":\"hello\"")) {
          peer.sendText("{\"type\":\"hello_ok\"}");
          return;
        }
        Matcher m = REQUEST.matcher(text);
        if (m.find()) {
          answer.answer(Integer.parseInt(m.group(1)), m.group(2), peer);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /** A well-behaved answer for open_stream/close_stream; {@code execute} gets {@code execute}. */
  static Answer streams(Answer execute) {
    return (id, type, peer) -> {
      if (type.equals("open_stream") || type.equals("close_stream")) {
        peer.sendText("{\"type\":\"response_ok\",\"request_id\":" + id + ",\"response\":{\"type\":\"" + type + "\"}}");
      } else {
        execute.answer(id, type, peer);
      }
    };
  }

  static String selectOneResult(int id) {
    return "{\"type\":\"response_ok\",\"request_id\":" + id + ",\"response\":{\"type\":\"execute\",\"result\":{"
        + "\"cols\":[{\"name\":\"1\",\"decltype\":null}],\"rows\":[[{\"type\":\"integer\",\"value\":\"1\"}]],"
        + "\"affected_row_count\":0,\"last_insert_rowid\":null}}}";
  }

  static WsTransport transport(FakeWsServer server) {
    return new WsTransport(Config.builder(server.url()).hranaVersion(2).connectTimeout(java.time.Duration.ofSeconds(5)).build());
  }

  @Test
  void a101WithContentLengthAndFragmentedFramesWork() throws Exception {
    try (FakeWsServer server = new FakeWsServer(101, "hrana2", script(streams((id, type, peer) -> {
      peer.sendPing(new byte[] {1, 2});
      peer.sendFragmented(selectOneResult(id), 4);
    })))) {
      WsTransport t = transport(server);
      try {
        StmtResult r = await(t.execute(sql("SELECT 1")));
        assertEquals(1L, r.rows().get(0)[0]);
        assertEquals("hrana2", t.subprotocol());
        assertTrue(server.received.get(0).contains("\"type\":\"hello\""), server.received.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.pongs == 0 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertEquals(1, server.pongs);
      } finally {
        t.close();
      }
    }
  }

  @Test
  void aResponseToAnUnknownRequestIdDropsTheConnection() throws Exception {
    try (FakeWsServer server = new FakeWsServer(101, "hrana2", script(streams((id, type, peer) -> peer.sendText(selectOneResult(id + 1000)))))) {
      WsTransport t = transport(server);
      try {
        LibsqlException e = fails(ErrorCode.HRANA_PROTO_ERROR.name(), t.execute(sql("SELECT 1")));
        assertTrue(e.getMessage().contains("not pending"), e.getMessage());
      } finally {
        t.close();
      }
    }
  }

  @Test
  void anUndecodableFrameDropsTheConnection() throws Exception {
    try (FakeWsServer server = new FakeWsServer(101, "hrana2", script(streams((id, type, peer) -> peer.sendText("this is not json"))))) {
      WsTransport t = transport(server);
      try {
        fails(ErrorCode.HRANA_PROTO_ERROR.name(), t.execute(sql("SELECT 1")));
      } finally {
        t.close();
      }
    }
  }

  @Test
  void aResponseOfTheWrongTypeIsAProtocolError() throws Exception {
    try (FakeWsServer server = new FakeWsServer(101, "hrana2", script(streams((id, type, peer) ->
        peer.sendText("{\"type\":\"response_ok\",\"request_id\":" + id + ",\"response\":{\"type\":\"close_stream\"}}"))))) {
      WsTransport t = transport(server);
      try {
        fails(ErrorCode.HRANA_PROTO_ERROR.name(), t.execute(sql("SELECT 1")));
      } finally {
        t.close();
      }
    }
  }

  @Test
  void helloErrors() throws Exception {
    String[][] cases = {
      {"Authentication failed: The JWT is invalid", "AUTH_JWT_INVALID", "AUTH_FAILED"},
      {"Namespace does not exist", "NAMESPACE_DOESNT_EXIST", "SERVER_ERROR"},
    };
    for (String[] c : cases) {
      BiConsumer<String, FakeWsServer.Peer> script = (text, peer) -> {
        try {
          if (text.contains("\"type\":\"hello\"")) {
            peer.sendText("{\"type\":\"hello_error\",\"error\":{\"message\":\"" + c[0] + "\",\"code\":\"" + c[1] + "\"}}");
            peer.close();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };
      try (FakeWsServer server = new FakeWsServer(101, "hrana2", script)) {
        WsTransport t = transport(server);
        try {
          LibsqlException e = fails(c[2], t.execute(sql("SELECT 1")));
          assertTrue(e.getMessage().contains(c[0]), e.getMessage());
        } finally {
          t.close();
        }
      }
    }
  }

  @Test
  void upgradeRefusals() throws Exception {
    int[][] cases = {{401, 0}, {403, 0}, {400, 1}, {404, 2}};
    String[] codes = {"AUTH_FAILED", "CONNECTION_FAILED", "ENDPOINT_NOT_FOUND"};
    for (int[] c : cases) {
      try (FakeWsServer server = new FakeWsServer(c[0], null, (text, peer) -> { })) {
        WsTransport t = transport(server);
        try {
          LibsqlException e = fails(codes[c[1]], t.execute(sql("SELECT 1")));
          assertTrue(e.getMessage().contains("HTTP " + c[0]), e.getMessage());
        } finally {
          t.close();
        }
      }
    }
  }

  @Test
  void anUnofferedSubprotocolIsRefused() throws Exception {
    try (FakeWsServer server = new FakeWsServer(101, "hrana3", script(streams((id, type, peer) -> peer.sendText(selectOneResult(id)))))) {
      WsTransport t = transport(server);
      try {
        LibsqlException e = fails(ErrorCode.CONNECTION_FAILED.name(), t.execute(sql("SELECT 1")));
        assertTrue(e.getMessage().contains("hrana3"), e.getMessage());
      } finally {
        t.close();
      }
    }
  }

  @Test
  void aServerThatNeverAnswersTheUpgradeTimesOut() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      WsTransport t = new WsTransport(Config.builder("ws://127.0.0.1:" + silent.getLocalPort())
          .connectTimeout(java.time.Duration.ofMillis(500)).build());
      try {
        long start = System.nanoTime();
        LibsqlException e = fails(ErrorCode.CONNECTION_FAILED.name(), t.execute(sql("SELECT 1")));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms < 3000, ms + " ms");
        assertTrue(e.getMessage().contains("500 ms"), e.getMessage());
      } finally {
        t.close();
      }
    }
  }

  @Test
  void requestsNeverSentAreRetriedOnANewConnection() throws Exception {
    try (FakeWsServer server = new FakeWsServer(101, "hrana2", script(streams((id, type, peer) -> {
      if (peer.connection() == 0) {
        peer.close();
      } else {
        peer.sendText(selectOneResult(id));
      }
    })))) {
      // One request in flight at a time: the first is sent and lost, the others wait in the client.
      WsTransport t = new WsTransport(Config.builder(server.url()).hranaVersion(2).concurrency(1).build());
      try {
        java.util.List<CompletableFuture<StmtResult>> fs = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
          fs.add(t.execute(sql("SELECT 1")));
        }
        LibsqlException lost = fails(ErrorCode.CONNECTION_LOST.name(), fs.get(0));
        assertTrue(lost.getMessage().contains("may or may not"), lost.getMessage());
        for (int i = 1; i < 5; i++) {
          assertEquals(1L, await(fs.get(i)).rows().get(0)[0]);
        }
      } finally {
        t.close();
      }
    }
  }

  @Test
  void theServerClosingTheSocketFailsPendingCalls() throws Exception {
    try (FakeWsServer server = new FakeWsServer(101, "hrana2", script(streams((id, type, peer) -> peer.close())))) {
      WsTransport t = transport(server);
      try {
        CompletableFuture<StmtResult> f = t.execute(sql("SELECT 1"));
        fails(ErrorCode.CONNECTION_LOST.name(), f);
      } finally {
        t.close();
      }
    }
  }
}
