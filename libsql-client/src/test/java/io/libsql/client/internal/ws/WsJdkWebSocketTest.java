package io.libsql.client.internal.ws;

import static io.libsql.client.internal.ws.WsTransportTest.await;
import static io.libsql.client.internal.ws.WsTransportTest.fails;
import static io.libsql.client.internal.ws.WsTransportTest.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Config;
import io.libsql.client.ErrorCode;
import io.libsql.client.internal.hrana.HranaStream;
import io.libsql.testing.SqldServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transport on the JDK's own {@code java.net.http.WebSocket} (the {@code libsql.ws.jdk}
 * option). It works against sqld's legacy WebSocket-only listener ({@code --hrana-listen-addr}),
 * whose upgrade answer has no Content-Length; on sqld's main port the JDK waits forever for a
 * 101's body, which the transport turns into CONNECTION_FAILED after the connect timeout.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WsJdkWebSocketTest {
  static SqldServer sqld;
  static String legacyUrl;

  @BeforeAll
  static void startSqld() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    sqld = SqldServer.builder().extraArgs("--hrana-listen-addr", "127.0.0.1:" + port).start();
    legacyUrl = "ws://127.0.0.1:" + port;
  }

  @AfterAll
  static void stopSqld() {
    sqld.close();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void bothSocketsSpeakHranaOnTheLegacyPort(boolean jdk) {
    for (int version = 1; version <= 3; version++) {
      WsTransport t = new WsTransport(Config.builder(legacyUrl).hranaVersion(version).build(), 128, jdk);
      try {
        assertEquals(1L, await(t.execute(sql("SELECT 1"))).rows().get(0)[0]);
        assertEquals(version, await(t.version()));
        HranaStream s = await(t.openStream());
        await(s.execute(sql("BEGIN")));
        assertEquals(2L, await(s.execute(sql("SELECT 2"))).rows().get(0)[0]);
        await(s.execute(sql("COMMIT")));
        await(s.close());
        // A cursor of Hrana 3, or a batch served from memory before (HranaEngine decides).
        io.libsql.client.internal.engine.RowCursor c = await(new io.libsql.client.internal.hrana.HranaEngine(t).openCursor(null,
            io.libsql.client.Statement.of("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000) SELECT x FROM c")));
        long n = 0;
        while (c.next() != null) {
          n++;
        }
        c.close();
        assertEquals(3000, n);
      } finally {
        t.close();
      }
    }
  }

  @Test
  void theJdkSocketCannotUpgradeOnTheMainPortAndFailsInBoundedTime() {
    WsTransport t = new WsTransport(Config.builder(sqld.wsUrl()).connectTimeout(Duration.ofMillis(700)).build(), 128, true);
    try {
      long start = System.nanoTime();
      fails(ErrorCode.CONNECTION_FAILED.name(), t.execute(sql("SELECT 1")));
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    } finally {
      t.close();
    }
    // The default socket has no such trouble on the same port.
    WsTransport ours = new WsTransport(Config.builder(sqld.wsUrl()).build());
    try {
      assertEquals(1L, await(ours.execute(sql("SELECT 1"))).rows().get(0)[0]);
    } finally {
      ours.close();
    }
  }
}
