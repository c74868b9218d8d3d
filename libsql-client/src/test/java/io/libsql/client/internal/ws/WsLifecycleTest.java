package io.libsql.client.internal.ws;

import static io.libsql.client.internal.ws.WsTransportTest.await;
import static io.libsql.client.internal.ws.WsTransportTest.fails;
import static io.libsql.client.internal.ws.WsTransportTest.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Config;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.hrana.HranaStream;
import io.libsql.client.internal.proto.StmtResult;
import io.libsql.testing.Jwt;
import io.libsql.testing.SqldServer;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connection lifecycle against a real sqld: kill, restart, lost transactions, auth. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WsLifecycleTest {
  private static final String SLOW =
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) SELECT count(*) FROM c";

  @Test
  void killingSqldFailsWhatIsInFlightAndARestartHeals() throws Exception {
    try (SqldServer server = SqldServer.builder().start()) {
      WsTransport t = new WsTransport(Config.builder(server.wsUrl() + "?authToken=tok3n-in-url").build());
      try {
        await(t.execute(sql("CREATE TABLE k (v INTEGER)")));
        HranaStream tx = await(t.openStream());
        await(tx.execute(sql("BEGIN")));
        await(tx.execute(sql("INSERT INTO k VALUES (1)")));
        List<CompletableFuture<StmtResult>> inFlight = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          inFlight.add(t.execute(sql(SLOW)));
        }
        CompletableFuture<StmtResult> txInFlight = tx.execute(sql(SLOW));
        Thread.sleep(300);
        assertFalse(inFlight.get(0).isDone());

        long start = System.nanoTime();
        server.kill();
        for (CompletableFuture<StmtResult> f : inFlight) {
          LibsqlException e = fails(ErrorCode.CONNECTION_LOST.name(), f);
          assertTrue(e.getMessage().contains("may or may not have been executed"), e.getMessage());
          assertTrue(e.getMessage().contains(server.wsUrl()), e.getMessage());
          assertFalse(e.getMessage().contains("tok3n"), e.getMessage());
        }
        fails(ErrorCode.CONNECTION_LOST.name(), txInFlight);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms < 5000, "in-flight calls failed after " + ms + " ms");

        // The transaction died with its socket and is never resumed on another one.
        LibsqlException closed = fails(ErrorCode.TRANSACTION_CLOSED.name(), tx.execute(sql("SELECT 1")));
        assertTrue(closed.getMessage().contains("rolled back"), closed.getMessage());
        assertTrue(tx.isClosed());
        // While sqld is down, calls fail to connect.
        fails(ErrorCode.CONNECTION_FAILED.name(), t.execute(sql("SELECT 1")));

        server.restart();
        assertEquals(1L, await(t.execute(sql("SELECT 1"))).rows().get(0)[0]);
        // The uncommitted insert was rolled back.
        assertEquals(0L, await(t.execute(sql("SELECT count(*) FROM k"))).rows().get(0)[0]);
        fails(ErrorCode.TRANSACTION_CLOSED.name(), tx.batch(WsTransportTest.batch("SELECT 1")));
        HranaStream again = await(t.openStream());
        assertEquals(2L, await(again.execute(sql("SELECT 2"))).rows().get(0)[0]);
        await(again.close());
      } finally {
        t.close();
      }
    }
  }

  @Test
  void aStoppedServerClosingTheSocketFailsCallsWithConnectionLost() throws Exception {
    try (SqldServer server = SqldServer.builder().start()) {
      WsTransport t = new WsTransport(Config.builder(server.wsUrl()).build());
      try {
        await(t.execute(sql("SELECT 1")));
        CompletableFuture<StmtResult> slow = t.execute(sql(SLOW));
        Thread.sleep(200);
        server.stop();
        fails(ErrorCode.CONNECTION_LOST.name(), slow);
        server.restart();
        assertEquals(1L, await(t.execute(sql("SELECT 1"))).rows().get(0)[0]);
      } finally {
        t.close();
      }
    }
  }

  @Test
  void jwtAuth() {
    KeyPair keys = Jwt.generateKeyPair();
    try (SqldServer server = SqldServer.builder().jwtPublicKeyPem(Jwt.publicKeyPem(keys.getPublic())).start()) {
      String token = Jwt.fullAccessToken(keys.getPrivate());
      List<WsTransport> open = new ArrayList<>();
      try {
        for (int version = 1; version <= 3; version++) {
          WsTransport good = new WsTransport(Config.builder(server.wsUrl()).authToken(token).hranaVersion(version).build());
          open.add(good);
          assertEquals(1L, await(good.execute(sql("SELECT 1"))).rows().get(0)[0]);
        }

        WsTransport inUrl = new WsTransport(Config.builder(server.wsUrl() + "?authToken=" + token).build());
        open.add(inUrl);
        assertEquals(1L, await(inUrl.execute(sql("SELECT 1"))).rows().get(0)[0]);

        WsTransport missing = new WsTransport(Config.builder(server.wsUrl()).build());
        open.add(missing);
        fails(ErrorCode.AUTH_FAILED.name(), missing.execute(sql("SELECT 1")));
        fails(ErrorCode.AUTH_FAILED.name(), missing.openStream().thenCompose(s -> s.execute(sql("SELECT 1"))));

        String wrongKey = Jwt.fullAccessToken(Jwt.generateKeyPair().getPrivate());
        WsTransport wrong = new WsTransport(Config.builder(server.wsUrl()).authToken(wrongKey).build());
        open.add(wrong);
        LibsqlException e = fails(ErrorCode.AUTH_FAILED.name(), wrong.execute(sql("SELECT 1")));
        assertFalse(e.getMessage().contains(wrongKey), e.getMessage());

        String expired = Jwt.sign(keys.getPrivate(), "{\"exp\":" + (Instant.now().getEpochSecond() - 3600) + "}");
        WsTransport old = new WsTransport(Config.builder(server.wsUrl()).authToken(expired).hranaVersion(2).build());
        open.add(old);
        fails(ErrorCode.AUTH_FAILED.name(), old.execute(sql("SELECT 1")));
      } finally {
        open.forEach(WsTransport::close);
      }
    }
  }
}
