package io.libsql.client.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.Libsql;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Row;
import io.libsql.client.Statement;
import io.libsql.client.Transaction;
import io.libsql.client.TransactionMode;
import io.libsql.testing.SqldServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Load against one sqld: 10,000 mixed requests from 64 threads on one client, in rounds, with the
 * heap measured after a GC between rounds; 100 clients at once; and thousands of streams' worth of
 * transactions, cursors and sessions (ended every way: commit, rollback, close, error, early close)
 * with sqld's own gauges of open streams and connections read afterwards. Every result is checked.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class LoadTest {
  static final int THREADS = 64;
  static final int REQUESTS = 10_000;
  static final int ROUNDS = 5;
  /** Generous: the heap after a full GC wobbles by a few MB on its own. */
  static final long HEAP_TOLERANCE = 48L << 20;

  static SqldServer sqld;
  static SqldGauges gauges;

  @BeforeAll
  static void start() throws IOException {
    SqldServer[] started = new SqldServer[1];
    gauges = SqldGauges.start(SqldServer.builder(), started);
    sqld = started[0];
    try (Client c = Libsql.createClient(sqld.httpUrl())) {
      c.execute("CREATE TABLE load (scheme TEXT, n INTEGER)");
    }
  }

  @AfterAll
  static void stop() {
    sqld.close();
  }

  @Test
  void ws() throws Exception {
    oneClientManyThreads("ws", REQUESTS, true);
  }

  /**
   * The mix with its interactive transactions over HTTP: the load under which sqld 0.24.32 wedged its
   * write lock (RELIABILITY.md) until the client kept its writers out of sqld's queue. A wedge shows
   * as calls failing with TIMEOUT and this test timing out.
   */
  @Test
  void http() throws Exception {
    oneClientManyThreads("http", REQUESTS, true);
  }

  @Test
  @Tag("stress")
  void hundredThousandRequestsStress() throws Exception {
    oneClientManyThreads("ws", 100_000, true);
    oneClientManyThreads("http", 100_000, true);
  }

  static String url(String scheme) {
    return scheme.equals("ws") ? sqld.wsUrl() : sqld.httpUrl();
  }

  /**
   * One request of the mix, number {@code n}: mostly echoes (checked), every 10th a two-row batch,
   * every 50th a transaction of two inserts. Returns how many rows it inserted.
   */
  /** Writes sqld refused with SQLITE_BUSY (lock contention between clients); nothing of them may land. */
  static final AtomicLong BUSY = new AtomicLong();

  static int request(Client c, String tag, long n) {
    return request(c, tag, n, true);
  }

  /** As {@link #request(Client, String, long)}; without {@code transactions} the 50th ones are batches. */
  static int request(Client c, String tag, long n, boolean transactions) {
    try {
      return requestOnce(c, tag, n, transactions);
    } catch (LibsqlException e) {
      if (!e.code().equals("SQLITE_BUSY")) {
        throw e;
      }
      BUSY.incrementAndGet(); // counted as not inserted: the final count proves it left nothing behind
      return 0;
    }
  }

  static int requestOnce(Client c, String tag, long n, boolean transactions) {
    if (n % 50 == 7 && transactions) {
      try (Transaction tx = c.transaction(TransactionMode.WRITE)) {
        tx.execute("INSERT INTO load VALUES (?, ?)", tag, n);
        tx.execute("INSERT INTO load VALUES (?, ?)", tag, -n);
        tx.commit();
      }
      return 2;
    }
    if (n % 10 == 3 || n % 50 == 7) {
      List<ResultSet> r = c.batch(TransactionMode.WRITE, List.of(
          Statement.of("INSERT INTO load VALUES (?, ?)", tag, n), Statement.of("INSERT INTO load VALUES (?, ?)", tag, -n)));
      assertEquals(1, r.get(1).rowsAffected());
      return 2;
    }
    Row row = c.execute("SELECT ? + 1, ?, length(?)", n, "v" + n, "x".repeat((int) (n % 300))).rows().get(0);
    assertEquals(n + 1, row.getLong(0));
    assertEquals("v" + n, row.getString(1));
    assertEquals(n % 300, row.getLong(2));
    return 0;
  }

  static long usedHeapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** The mix on one client from {@link #THREADS} threads, in {@link #ROUNDS} rounds. */
  static void oneClientManyThreads(String scheme, int total, boolean transactions) throws Exception {
    String tag = scheme + "-" + System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long inserted = 0;
    long[] heap = new long[ROUNDS];
    long start = System.nanoTime();
    try (Client c = Libsql.createClient(url(scheme))) {
      AtomicLong next = new AtomicLong();
      int perRound = total / ROUNDS;
      for (int round = 0; round < ROUNDS; round++) {
        long end = (long) perRound * (round + 1);
        List<Future<Long>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          futures.add(pool.submit(() -> {
            long rows = 0;
            for (long n; (n = next.getAndIncrement()) < end; ) {
              rows += request(c, tag, n, transactions);
            }
            return rows;
          }));
        }
        for (Future<Long> f : futures) {
          inserted += f.get(300, TimeUnit.SECONDS);
        }
        next.set(end);
        heap[round] = usedHeapAfterGc();
      }
      assertEquals(inserted, c.execute("SELECT count(*) FROM load WHERE scheme = ?", tag).rows().get(0).getLong(0));
    } finally {
      pool.shutdownNow();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    // The first round warms up (pools, caches); later rounds must not grow beyond the tolerance.
    long baseline = heap[1];
    long worst = 0;
    for (int i = 2; i < ROUNDS; i++) {
      worst = Math.max(worst, heap[i] - baseline);
    }
    System.out.println("load " + scheme + ": " + total + " requests from " + THREADS + " threads on one client in " + millis
        + " ms (" + (total * 1000L / Math.max(1, millis)) + " req/s), " + inserted + " rows inserted and counted; heap after GC per round (MB) "
        + java.util.Arrays.toString(java.util.Arrays.stream(heap).map(h -> h >> 20).toArray()) + ", growth after round 2: "
        + (worst >> 20) + " MB; writes refused with SQLITE_BUSY so far: " + BUSY.get());
    assertTrue(worst <= HEAP_TOLERANCE, "the heap grew by " + (worst >> 20) + " MB over rounds: "
        + java.util.Arrays.toString(heap));
  }

  @Test
  void hundredClientsAtOnce() throws Exception {
    int clients = 100;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        String scheme = i % 2 == 0 ? "ws" : "http";
        int id = i;
        futures.add(pool.submit(() -> {
          String tag = "clients-" + id;
          int rows = 0;
          try (Client c = Libsql.createClient(url(scheme))) {
            for (long n = 0; n < 50; n++) {
              rows += request(c, tag, n);
            }
            assertEquals(rows, c.execute("SELECT count(*) FROM load WHERE scheme = ?", tag).rows().get(0).getLong(0));
          }
          return rows;
        }));
      }
      int rows = 0;
      for (Future<Integer> f : futures) {
        rows += f.get(300, TimeUnit.SECONDS);
      }
      System.out.println("load: " + clients + " clients at once (50 ws, 50 http), 50 requests each, in "
          + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms, " + rows + " rows checked; writes refused"
          + " with SQLITE_BUSY so far: " + BUSY.get());
    } finally {
      pool.shutdownNow();
    }
    assertServerStreamsReleased("after 100 clients closed");
  }

  /**
   * Thousands of streams, each ended a different way; sqld must hold none of them afterwards (its
   * {@code libsql_server_stream_handles} and {@code libsql_server_concurrent_connections} gauges).
   */
  @Test
  void everyWayOfEndingAStreamReleasesIt() throws Exception {
    for (String scheme : List.of("ws", "http")) {
      try (Client c = Libsql.createClient(url(scheme))) {
        for (int i = 0; i < 300; i++) {
          String tag = scheme + "-streams";
          switch (i % 6) {
            case 0:
              try (Transaction tx = c.transaction(TransactionMode.WRITE)) {
                tx.execute("INSERT INTO load VALUES (?, ?)", tag, i);
                tx.commit();
              }
              break;
            case 1:
              try (Transaction tx = c.transaction(TransactionMode.WRITE)) {
                tx.execute("INSERT INTO load VALUES (?, ?)", tag, i);
                tx.rollback();
              }
              break;
            case 2:
              try (Transaction tx = c.transaction(TransactionMode.WRITE)) {
                tx.execute("INSERT INTO load VALUES (?, ?)", tag, i);
              } // closed without commit
              break;
            case 3:
              try (Transaction tx = c.transaction()) {
                tx.execute("SELECT * FROM no_such_table");
              } catch (LibsqlException expected) {
                assertEquals("SQLITE_ERROR", expected.code());
              }
              break;
            case 4:
              try (Stream<Row> rows = c.stream("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 5000) SELECT i FROM s")) {
                assertEquals(1L, rows.findFirst().orElseThrow().getLong(0)); // closed early
              }
              break;
            default:
              try (io.libsql.client.Session s = c.session()) {
                s.execute("SELECT 1");
              }
          }
        }
        assertEquals(50L, c.execute("SELECT count(*) FROM load WHERE scheme = ?", scheme + "-streams").rows().get(0).getLong(0));
      }
    }
    assertServerStreamsReleased("after 600 streams ended every way");
  }

  /** Waits (up to 15 s) for sqld to hold no streams and no database connections. */
  static void assertServerStreamsReleased(String when) throws Exception {
    long handles = gauges.await(SqldGauges.STREAM_HANDLES, v -> v == 0, 15);
    long connections = gauges.await(SqldGauges.CONNECTIONS, v -> v == 0, 15);
    if (handles != 0 || connections != 0) {
      throw new AssertionError(when + ": sqld still holds " + handles + " HTTP stream handles and " + connections
          + " database connections");
    }
    System.out.println("sqld streams " + when + ": 0 stream handles, 0 connections");
  }

  /**
   * Clients that pause give sqld its connections back: every open stream holds one of its 128
   * database connections, so streams a client keeps idle starve other clients of the server. With
   * clients still open but idle, sqld soon holds no connection for them (the
   * client closes a stream idle for 1 s).
   */
  @Test
  void idleClientsHoldNoServerConnections() throws Exception {
    List<Client> clients = new ArrayList<>();
    try {
      for (String scheme : List.of("ws", "http")) {
        for (int i = 0; i < 4; i++) {
          Client c = Libsql.createClient(url(scheme));
          clients.add(c);
          // Concurrent calls, so the pool grows past one stream; a batch and a transaction too.
          List<java.util.concurrent.CompletableFuture<Long>> calls = new ArrayList<>();
          for (int k = 0; k < 8; k++) {
            long n = k;
            calls.add(java.util.concurrent.CompletableFuture.supplyAsync(
                () -> c.execute("SELECT ? + 1", n).rows().get(0).getLong(0)));
          }
          for (int k = 0; k < 8; k++) {
            assertEquals(k + 1L, calls.get(k).get(60, TimeUnit.SECONDS));
          }
          c.batch(TransactionMode.WRITE, List.of(Statement.of("INSERT INTO load VALUES (?, ?)", "idle-" + scheme, i)));
          try (Transaction tx = c.transaction(TransactionMode.WRITE)) {
            tx.execute("INSERT INTO load VALUES (?, ?)", "idle-" + scheme, -i);
            tx.commit();
          }
        }
      }
      // The client closes a stream idle for 1 s; 30 s leaves room for a loaded machine, and before
      // this rule the ws streams stayed open for good.
      long idleSince = System.nanoTime();
      long connections = gauges.await(SqldGauges.CONNECTIONS, v -> v == 0, 30);
      assertEquals(0, connections, "sqld still holds database connections for 8 idle (open) clients");
      System.out.println("sqld held no connection for 8 idle clients after "
          + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - idleSince) + " ms");
      // And the idle clients still work.
      for (Client c : clients) {
        assertEquals(2L, c.execute("SELECT 1 + 1").rows().get(0).getLong(0));
      }
    } finally {
      for (Client c : clients) {
        c.close();
      }
    }
  }
}
