package io.libsql.r2dbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.AsyncClient;
import io.libsql.client.Config;
import io.libsql.client.Libsql;
import io.libsql.client.Row;
import io.libsql.client.Statement;
import io.libsql.testing.SqldServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assertions;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Cancelling a streamed query while a remote fetch is in flight stops it at once, on ws and http:
 * the query sends 5,000 rows and then runs on without sending more, so the fetch after them would
 * wait for as long as the statement runs (no request timeout here). The rows are read on a
 * one-thread scheduler: a task scheduled there after the cancellation runs only once the read has
 * stopped and the cursor is closed; then the client is still usable and no row came after the cancel.
 * The sqld is this test's own, stopped at its end (it may still be running the abandoned statement).
 */
class CancelFetchTest {
  private static final int ROWS = 5000;
  private static final String STALLS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
      + " SELECT x FROM c WHERE x <= " + ROWS;

  @Test
  void cancellingDuringAFetchClosesTheCursorAtOnce() throws Exception {
    try (SqldServer sqld = SqldServer.builder().start()) {
      // Over ws a fetch answers once it holds all the rows it asked for, so the last ones before the
      // stall may never come: wait for fewer there. Over http the rows come as they are produced.
      cancelDuringFetch(sqld.wsUrl(), 1000);
      cancelDuringFetch(sqld.httpUrl(), ROWS);
    }
  }

  private static void cancelDuringFetch(String url, int before) throws Exception {
    Scheduler reader = Schedulers.newSingle("cursor-reader");
    try (AsyncClient client = Libsql.createAsyncClient(Config.builder(url).requestTimeout(Duration.ZERO).build())) {
      List<Long> rows = new CopyOnWriteArrayList<>();
      CountDownLatch all = new CountDownLatch(before);
      BaseSubscriber<Row> subscriber = new BaseSubscriber<>() {
        @Override
        protected void hookOnNext(Row row) {
          rows.add(row.getLong(0));
          all.countDown();
        }

        @Override
        protected void hookOnComplete() {
          rows.add(-1L);
        }

        @Override
        protected void hookOnError(Throwable e) {
          rows.add(-2L);
        }
      };
      CursorFlux.of(client, Statement.of(STALLS), reader).subscribe(subscriber);
      Assertions.assertTrue(all.await(60, TimeUnit.SECONDS), url + ": the first rows did not come");
      // The worker now waits (or soon will) for a row that never comes.
      subscriber.cancel();
      // Runs once the reader's thread is free: the blocked fetch was stopped and the cursor closed.
      assertEquals("free", Mono.fromCallable(() -> "free").subscribeOn(reader).block(Duration.ofSeconds(60)), url);
      int seen = rows.size();
      // The client is usable (over ws the next statement does not queue behind the abandoned one).
      assertEquals(7L, client.execute("SELECT 7").get(60, TimeUnit.SECONDS).rows().get(0).getLong(0), url);
      assertEquals(seen, rows.size(), url + ": nothing after the cursor closed");
      assertTrue(seen >= before && seen <= ROWS && rows.stream().allMatch(x -> x > 0), url + ": rows, then no signal");
    } finally {
      reader.dispose();
    }
  }
}
