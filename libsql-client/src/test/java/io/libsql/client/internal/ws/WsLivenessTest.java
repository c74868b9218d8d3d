package io.libsql.client.internal.ws;

import static io.libsql.client.internal.ws.WsTransportTest.await;
import static io.libsql.client.internal.ws.WsTransportTest.fails;
import static io.libsql.client.internal.ws.WsTransportTest.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Config;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.faults.FaultProxy;
import io.libsql.client.internal.proto.StmtResult;
import io.libsql.testing.SqldServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A half-open connection (the peer vanished without a FIN or RST) is detected by pinging and
 * replaced; a connection busy with a long statement answers the pings and is kept.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WsLivenessTest {
  static SqldServer sqld;

  @BeforeAll
  static void start() {
    sqld = SqldServer.builder().start();
  }

  @AfterAll
  static void stop() {
    sqld.close();
  }

  @Test
  void livenessIntervalFollowsTheRequestTimeout() {
    assertEquals(TimeUnit.SECONDS.toNanos(1), WsTransport.livenessNanos(Duration.ofMillis(300)));
    assertEquals(TimeUnit.SECONDS.toNanos(3), WsTransport.livenessNanos(Duration.ofSeconds(6)));
    assertEquals(TimeUnit.SECONDS.toNanos(10), WsTransport.livenessNanos(Duration.ofSeconds(60)));
    assertEquals(TimeUnit.SECONDS.toNanos(10), WsTransport.livenessNanos(Duration.ZERO));
  }

  @Test
  void aHalfOpenConnectionIsDroppedAndReplaced() throws Exception {
    try (FaultProxy proxy = FaultProxy.start(sqld.httpPort())) {
      WsTransport t = new WsTransport(Config.builder(proxy.url("ws")).requestTimeout(Duration.ofMillis(500)).build());
      try {
        assertEquals(1L, await(t.execute(sql("SELECT 1"))).rows().get(0)[0]);
        WsConnection first = t.current();
        proxy.blackhole();
        long start = System.nanoTime();
        CompletableFuture<StmtResult> lost = t.execute(sql("SELECT 2"));
        LibsqlException e = fails(ErrorCode.CONNECTION_LOST.name(), lost);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(e.getMessage().contains("not even an answer to a ping"), e.getMessage());
        assertTrue(millis >= 2_900 && millis < 10_000, "dropped after " + millis + " ms"); // ping after 1 s, 2 s for the pong
        assertEquals(3L, await(t.execute(sql("SELECT 3"))).rows().get(0)[0]);
        assertNotSame(first, t.current());
      } finally {
        t.close();
      }
    }
  }

  @Test
  void aLongStatementAnswersPingsAndKeepsItsConnection() {
    WsTransport t = new WsTransport(Config.builder(sqld.wsUrl()).requestTimeout(Duration.ofMillis(500)).build());
    try {
      await(t.execute(sql("SELECT 1")));
      WsConnection first = t.current();
      long start = System.nanoTime();
      // Runs for several liveness intervals (1 s each) without sending a frame.
      StmtResult r = await(t.execute(sql(
          "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000000) SELECT count(*) FROM c")));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(30_000_000L, r.rows().get(0)[0]);
      assertTrue(millis > 2_200, "the statement took only " + millis + " ms: make it longer");
      assertSame(first, t.current());
    } finally {
      t.close();
    }
  }
}
