package io.libsql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.faults.FaultProxy;
import io.libsql.testing.SqldServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads outside transactions are retried once when the connection drops while they run; writes
 * never are. The connection is cut by a {@link FaultProxy} between the client and sqld while a
 * slow statement runs.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RetryReadsTest {
  /** About a second or two of work for sqld. */
  static final String SLOW_READ = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 8000000)"
      + " SELECT count(*) FROM c";
  static SqldServer sqld;
  static FaultProxy proxy;

  @BeforeAll
  static void start() {
    sqld = SqldServer.builder().start();
    proxy = FaultProxy.start(sqld.httpPort());
  }

  @AfterAll
  static void stop() {
    proxy.close();
    sqld.close();
  }

  static Config.Builder builder(String kind) {
    return Config.builder(proxy.url(kind)).requestTimeout(Duration.ofSeconds(60));
  }

  /** Runs {@code sql} asynchronously, cuts every connection after 300 ms, and returns the outcome. */
  static CompletableFuture<ResultSet> cutWhileRunning(AsyncClient async, String sql) throws InterruptedException {
    async.execute("SELECT 1").join(); // connected
    CompletableFuture<ResultSet> f = async.execute(sql);
    Thread.sleep(300);
    assertTrue(!f.isDone(), "the statement finished before the cut");
    proxy.dropAll();
    return f;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ws", "http"})
  void aReadIsRetriedOnceAfterALostConnection(String kind) throws Exception {
    try (AsyncClient async = Libsql.createAsyncClient(builder(kind).build())) {
      long before = proxy.accepted();
      ResultSet r = cutWhileRunning(async, SLOW_READ).get(60, TimeUnit.SECONDS);
      assertEquals(8_000_000L, r.rows().get(0).getLong(0));
      assertTrue(proxy.accepted() > before, "the retry went over a new connection");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ws", "http"})
  void withoutRetryReadsTheLostConnectionIsReported(String kind) throws Exception {
    try (AsyncClient async = Libsql.createAsyncClient(builder(kind).retryReads(false).build())) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> cutWhileRunning(async, SLOW_READ).get(60, TimeUnit.SECONDS));
      assertEquals("CONNECTION_LOST", ((LibsqlException) e.getCause()).code(), e.getCause()::getMessage);
      assertEquals(1L, async.execute("SELECT 1").get(30, TimeUnit.SECONDS).rows().get(0).getLong(0));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ws", "http"})
  void aWriteIsNeverRetried(String kind) throws Exception {
    String t = "retry_" + kind;
    try (Client direct = Libsql.createClient(sqld.httpUrl());
        AsyncClient async = Libsql.createAsyncClient(builder(kind).build())) {
      direct.execute("CREATE TABLE " + t + " (n)");
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> cutWhileRunning(async, "INSERT INTO " + t + " " + SLOW_READ).get(60, TimeUnit.SECONDS));
      assertEquals("CONNECTION_LOST", ((LibsqlException) e.getCause()).code(), e.getCause()::getMessage);
      // The server may finish the abandoned insert; it must never run twice.
      Thread.sleep(5000);
      long rows = direct.execute("SELECT count(*) FROM " + t).rows().get(0).getLong(0);
      assertTrue(rows <= 1, rows + " rows: the write was sent again");
    }
  }
}
