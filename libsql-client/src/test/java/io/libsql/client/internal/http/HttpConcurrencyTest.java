package io.libsql.client.internal.http;

import static io.libsql.client.internal.http.HttpTesting.await;
import static io.libsql.client.internal.http.HttpTesting.sqld;
import static io.libsql.client.internal.http.HttpTesting.stmt;
import static io.libsql.client.internal.http.HttpTesting.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.hrana.HranaStream;
import io.libsql.client.internal.proto.StmtResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Parallel calls on one transport: all succeed, in parallel, never above the configured bound. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpConcurrencyTest {

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void aThousandConcurrentExecutesAllSucceed(Encoding encoding) {
    HttpTransport t = new HttpTransport(Config.builder(sqld().httpUrl()).encoding(encoding).build());
    try {
      List<CompletableFuture<StmtResult>> reads = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        reads.add(t.execute(stmt("SELECT ?, ? || 'x'", (long) i, "v" + i)));
      }
      for (int i = 0; i < 1_000; i++) {
        Object[] row = await(reads.get(i)).rows().get(0);
        assertEquals((long) i, row[0]);
        assertEquals("v" + i + "x", row[1]);
      }
    } finally {
      t.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void concurrentWritesAllLand(Encoding encoding) {
    HttpTransport t = new HttpTransport(Config.builder(sqld().httpUrl()).encoding(encoding).build());
    try {
      String tab = table();
      await(t.execute(stmt("CREATE TABLE " + tab + " (x INTEGER)")));
      List<CompletableFuture<StmtResult>> writes = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        writes.add(insertRetryingBusy(t, tab, i, 10));
      }
      for (CompletableFuture<StmtResult> w : writes) {
        assertEquals(1, await(w).affectedRowCount());
      }
      StmtResult sum = await(t.execute(stmt("SELECT count(*), sum(x) FROM " + tab)));
      assertEquals(200L, sum.rows().get(0)[0]);
      assertEquals(199L * 200 / 2, sum.rows().get(0)[1]);
    } finally {
      t.close();
    }
  }

  /**
   * Each one-shot runs on its own sqld connection, so concurrent writers contend for SQLite's write
   * lock and sqld may answer SQLITE_BUSY under load: an application-level retry (safe: the statement
   * did not run).
   */
  private static CompletableFuture<StmtResult> insertRetryingBusy(HttpTransport t, String tab, long x, int attempts) {
    return t.execute(stmt("INSERT INTO " + tab + " VALUES (?)", x)).handle((r, e) -> {
      if (e == null) {
        return CompletableFuture.completedFuture(r);
      }
      LibsqlException le = io.libsql.client.internal.call.Futures.unwrap(e);
      if (le.code().equals("SQLITE_BUSY") && attempts > 1) {
        return insertRetryingBusy(t, tab, x, attempts - 1);
      }
      return CompletableFuture.<StmtResult>failedFuture(le);
    }).thenCompose(f -> f);
  }

  @Test
  void concurrentTransactionsKeepTheirOwnBatons() {
    HttpTransport t = new HttpTransport(Config.builder(sqld().httpUrl()).build());
    try {
      String tab = table();
      await(t.execute(stmt("CREATE TABLE " + tab + " (tx INTEGER, n INTEGER)")));
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int tx = 0; tx < 20; tx++) {
        long id = tx;
        all.add(t.openStream().thenCompose(s -> runTransaction(s, tab, id)));
      }
      for (CompletableFuture<Void> f : all) {
        await(f);
      }
      // Each transaction inserted 5 rows; the odd ones rolled back.
      StmtResult r = await(t.execute(stmt("SELECT count(*), count(DISTINCT tx), min(tx % 2) FROM " + tab)));
      assertEquals(50L, r.rows().get(0)[0]);
      assertEquals(10L, r.rows().get(0)[1]);
      assertEquals(0L, r.rows().get(0)[2]);
      assertEquals(0, t.openStreams());
    } finally {
      t.close();
    }
  }

  private static CompletableFuture<Void> runTransaction(HranaStream s, String tab, long id) {
    // BEGIN IMMEDIATE takes the write lock at once, so the server runs the writers one after
    // another (sqld waits for the lock) while the client keeps all 20 streams open in parallel.
    CompletableFuture<?> chain = s.execute(stmt("BEGIN IMMEDIATE"));
    for (int n = 0; n < 5; n++) {
      long row = n;
      chain = chain.thenCompose(x -> s.execute(stmt("INSERT INTO " + tab + " VALUES (?, ?)", id, row)));
    }
    return chain.thenCompose(x -> s.execute(stmt(id % 2 == 0 ? "COMMIT" : "ROLLBACK")))
        .thenCompose(x -> s.close());
  }

  @Test
  void neverMoreRequestsInFlightThanTheConfiguredBound() throws IOException {
    String ok = "{\"baton\":null,\"base_url\":null,\"results\":[{\"type\":\"ok\",\"response\":{\"type\":\"execute\",\"result\":"
        + "{\"cols\":[],\"rows\":[],\"affected_row_count\":0,\"last_insert_rowid\":null}}},{\"type\":\"ok\",\"response\":{\"type\":\"close\"}}]}";
    try (StubServer stub = StubServer.http(r -> StubServer.Reply.of(200, "application/json", ok).delayed(20))) {
      HttpTransport t = new HttpTransport(Config.builder(stub.httpUrl()).hranaVersion(3).encoding(Encoding.JSON)
          .concurrency(4).build());
      try {
        List<CompletableFuture<StmtResult>> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          all.add(t.execute(stmt("SELECT 1")));
        }
        for (CompletableFuture<StmtResult> f : all) {
          await(f);
        }
        // The stub counts a request as finished only after its handler returns, which can be just
        // after the client has seen the answer and sent the next one: one extra at that edge.
        // RequestLimiterTest checks the bound itself exactly.
        assertTrue(stub.peakConcurrency() <= 4 + 1, "peak " + stub.peakConcurrency());
        assertTrue(stub.peakConcurrency() >= 2, "the calls did not run in parallel: peak " + stub.peakConcurrency());
      } finally {
        t.close();
      }
    }
  }
}
