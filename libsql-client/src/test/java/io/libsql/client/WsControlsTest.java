package io.libsql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.libsql.testing.SqldServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Timeouts, cancellation, statistics and events over WebSocket against a real sqld. */
class WsControlsTest extends ControlsSuite {
  static SqldServer sqld;

  @BeforeAll
  static void startSqld() {
    sqld = SqldServer.builder().start();
  }

  @AfterAll
  static void stopSqld() {
    sqld.close();
  }

  @Override
  protected Config.Builder builder() {
    return Config.builder(sqld.wsUrl());
  }

  @Override
  protected boolean local() {
    return false;
  }

  @Override
  protected boolean connectionEvents() {
    return true;
  }

  /**
   * The WebSocket completes futures on its reader thread: a blocking call made inside a callback
   * there would stall the connection (or wait for itself), so it fails at once.
   */
  @Test
  void aBlockingCallInsideAnAsyncCallbackFailsFast() throws Exception {
    try (AsyncClient async = Libsql.createAsyncClient(builder().build()); Client client = Libsql.createClient(builder().build())) {
      async.execute("SELECT 1").get(30, TimeUnit.SECONDS);
      CompletableFuture<ResultSet> f = async.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
          + " WHERE x < 200000) SELECT count(*) FROM c").thenApply(r -> client.execute("SELECT 2"));
      ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
      LibsqlException le = assertInstanceOf(LibsqlException.class, e.getCause());
      assertEquals("BLOCKING_ON_IO_THREAD", le.code(), le::getMessage);
      // off the reader thread, the same call is fine
      assertEquals(2L, async.execute("SELECT 1").thenApplyAsync(r -> client.execute("SELECT 2")).get(30, TimeUnit.SECONDS)
          .rows().get(0).getLong(0));
    }
  }
}
