package io.libsql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Timeouts, cancellation, interruption, statistics and listener events, written once and run on
 * every kind of URL ({@code file:}, {@code ws://}, {@code http://} against a real sqld).
 *
 * <p>The slow statement is a recursive CTE that counts to {@value #SLOW_COUNT}: several seconds on
 * this machine, far longer than the timeouts used. The upper bounds allow {@value #MARGIN_MS} ms
 * beyond the timeout, for a loaded 2-core machine.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
abstract class ControlsSuite {
  static final long SLOW_COUNT = 30_000_000;
  static final String SLOW = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
      + SLOW_COUNT + ") SELECT count(*) FROM c";
  static final Duration TIMEOUT = Duration.ofMillis(700);
  static final long MARGIN_MS = 5_000;
  /**
   * For the statements around the one under test on a client whose timeout is {@link #TIMEOUT}: a
   * loaded machine may take longer than 700 ms for a CREATE TABLE, which is not what is tested.
   */
  static final Duration SETUP = Duration.ofSeconds(60);

  static Statement setup(String sql) {
    return Statement.of(sql).withTimeout(SETUP);
  }
  private static final AtomicInteger TABLES = new AtomicInteger();

  /** A configuration builder for a fresh database of this suite's kind. */
  protected abstract Config.Builder builder();

  protected abstract boolean local();

  /** Whether the listener hears of connections (WebSocket; HTTP pools them inside the JDK). */
  protected boolean connectionEvents() {
    return false;
  }

  static String table() {
    return "ctl" + TABLES.incrementAndGet() + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
  }

  static LibsqlException fails(ErrorCode code, Runnable r) {
    LibsqlException e = assertThrows(LibsqlException.class, r::run);
    assertEquals(code.name(), e.code(), () -> "unexpected: " + e);
    return e;
  }

  /** Asserts that {@code r} took no longer than the timeout plus the margin. */
  static void withinDeadline(long startNanos) {
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    assertTrue(ms <= TIMEOUT.toMillis() + MARGIN_MS, "took " + ms + " ms");
  }

  private void assertHonest(LibsqlException e) {
    if (local()) {
      assertTrue(e.getMessage().contains("SQLite interrupted the statement and rolled it back"), e.getMessage());
    } else {
      assertTrue(e.getMessage().contains("may still have run"), e.getMessage());
    }
  }

  // ---------------------------------------------------------------- timeouts

  @Test
  void slowStatementTimesOutAndTheClientStaysUsable() {
    try (Client client = Libsql.createClient(builder().requestTimeout(TIMEOUT).build())) {
      long start = System.nanoTime();
      LibsqlException e = fails(ErrorCode.TIMEOUT, () -> client.execute(SLOW));
      withinDeadline(start);
      assertTrue(e.getMessage().contains("within its timeout of 700 ms"), e.getMessage());
      assertHonest(e);
      assertEquals(1L, client.execute(setup("SELECT 1")).rows().get(0).getLong(0));
    }
  }

  @Test
  void statementTimeoutOverridesTheClients() {
    try (Client client = Libsql.createClient(builder().requestTimeout(Duration.ofMinutes(5)).build())) {
      long start = System.nanoTime();
      fails(ErrorCode.TIMEOUT, () -> client.execute(Statement.of(SLOW).withTimeout(TIMEOUT)));
      withinDeadline(start);
      // and a longer one than the client's lets a statement finish
      Client quick = Libsql.createClient(builder().requestTimeout(Duration.ofMillis(1)).build());
      try (quick) {
        assertEquals(3L, quick.execute(Statement.of("SELECT 3").withTimeout(Duration.ZERO)).rows().get(0).getLong(0));
      }
    }
  }

  @Test
  void batchTimesOutAsAWhole() {
    String t = table();
    try (Client client = Libsql.createClient(builder().requestTimeout(TIMEOUT).build())) {
      client.execute(setup("CREATE TABLE " + t + " (x)"));
      long start = System.nanoTime();
      fails(ErrorCode.TIMEOUT, () -> client.batch(List.of(Statement.of("INSERT INTO " + t + " VALUES (1)"), Statement.of(SLOW))));
      withinDeadline(start);
      if (local()) {
        assertEquals(0L, client.execute(setup("SELECT count(*) FROM " + t)).rows().get(0).getLong(0));
      }
    }
  }

  @Test
  void asyncCallTimesOut() throws Exception {
    try (AsyncClient async = Libsql.createAsyncClient(builder().requestTimeout(TIMEOUT).build())) {
      long start = System.nanoTime();
      ExecutionException e = assertThrows(ExecutionException.class, () -> async.execute(SLOW).get(30, TimeUnit.SECONDS));
      withinDeadline(start);
      LibsqlException le = assertInstanceOf(LibsqlException.class, e.getCause());
      assertEquals("TIMEOUT", le.code(), le::getMessage);
      assertHonest(le);
      assertEquals(1L, async.execute(setup("SELECT 1")).get(30, TimeUnit.SECONDS).rows().get(0).getLong(0));
    }
  }

  @Test
  void transactionWhoseCallTimedOutIsRolledBackAndClosed() {
    String t = table();
    try (Client client = Libsql.createClient(builder().requestTimeout(TIMEOUT).build())) {
      client.execute(setup("CREATE TABLE " + t + " (x)"));
      Transaction tx = client.transaction(TransactionMode.WRITE);
      tx.execute(setup("INSERT INTO " + t + " VALUES (1)"));
      long start = System.nanoTime();
      LibsqlException e = fails(ErrorCode.TIMEOUT, () -> tx.execute(SLOW));
      withinDeadline(start);
      assertTrue(e.getMessage().contains("The transaction is rolled back and closed"), e.getMessage());
      assertTrue(tx.isClosed());
      fails(ErrorCode.TRANSACTION_CLOSED, () -> tx.execute("SELECT 1"));
      fails(ErrorCode.TRANSACTION_CLOSED, tx::commit);
      tx.close();
      // The insert was never committed. (Remotely the write lock is held until the server has
      // finished the abandoned statement and closed the stream: give it time.)
      Statement count = Statement.of("SELECT count(*) FROM " + t).withTimeout(Duration.ofSeconds(60));
      assertEquals(0L, client.execute(count).rows().get(0).getLong(0));
      // A new write transaction waits for the lock until the server has finished the abandoned
      // statement (it cannot cancel it): how long depends on the server's machine, so no deadline here.
      try (Transaction again = client.transaction(TransactionMode.WRITE)) {
        again.execute(Statement.of("INSERT INTO " + t + " VALUES (2)").withTimeout(Duration.ZERO));
        again.commit();
      }
      assertEquals(1L, client.execute(count).rows().get(0).getLong(0));
    }
  }

  // ---------------------------------------------------------------- cancellation

  @Test
  void cancellingAnAsyncCallStopsTheWork() throws Exception {
    try (AsyncClient async = Libsql.createAsyncClient(builder().requestTimeout(Duration.ZERO).build())) {
      CompletableFuture<ResultSet> slow = async.execute(SLOW);
      Thread.sleep(300);
      long start = System.nanoTime();
      assertTrue(slow.cancel(true));
      assertTrue(slow.isCancelled());
      assertThrows(CancellationException.class, slow::join);
      // The work stopped: a local file's connection is free again at once (the slow statement
      // held it), a remote client's next call does not queue behind the abandoned stream.
      assertEquals(1L, async.execute("SELECT 1").get(30, TimeUnit.SECONDS).rows().get(0).getLong(0));
      withinDeadline(start);
    }
  }

  @Test
  void cancellingAStreamOrATransactionCallStopsTheWork() throws Exception {
    try (AsyncClient async = Libsql.createAsyncClient(builder().requestTimeout(Duration.ZERO).build())) {
      CompletableFuture<java.util.stream.Stream<Row>> rows = async.stream(Statement.of(SLOW));
      AsyncTransaction tx = async.transaction().get(30, TimeUnit.SECONDS);
      CompletableFuture<ResultSet> inTx = tx.execute(SLOW);
      Thread.sleep(300);
      long start = System.nanoTime();
      if (!rows.cancel(true)) {
        rows.join().close(); // over HTTP the cursor opens before the first row: close it instead
      }
      assertTrue(inTx.cancel(true));
      // Both stopped: on a local file they held both threads of the client's executor.
      tx.rollback().handle((v, t) -> null).get(30, TimeUnit.SECONDS);
      assertEquals(1L, async.execute("SELECT 1").get(30, TimeUnit.SECONDS).rows().get(0).getLong(0));
      withinDeadline(start);
    }
  }

  @Test
  void interruptingABlockingCallStopsTheWork() throws Exception {
    try (Client client = Libsql.createClient(builder().requestTimeout(Duration.ZERO).build())) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicReference<Boolean> flagKept = new AtomicReference<>();
      Thread worker = new Thread(() -> {
        try {
          client.execute(SLOW);
        } catch (Throwable e) {
          failure.set(e);
          flagKept.set(Thread.currentThread().isInterrupted());
        }
      });
      worker.start();
      Thread.sleep(300);
      long start = System.nanoTime();
      worker.interrupt();
      worker.join(TIMEOUT.toMillis() + MARGIN_MS);
      assertFalse(worker.isAlive(), "the interrupted call did not return");
      withinDeadline(start);
      LibsqlException e = assertInstanceOf(LibsqlException.class, failure.get());
      assertEquals("CANCELLED", e.code(), e::getMessage);
      assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
      assertHonest(e);
      assertTrue(flagKept.get(), "the interrupt flag must be kept");
      assertEquals(1L, client.execute("SELECT 1").rows().get(0).getLong(0));
    }
  }

  @Test
  void aCallOnAnInterruptedThreadRunsNothing() {
    String t = table();
    try (Client client = Libsql.createClient(builder().build())) {
      client.execute("CREATE TABLE " + t + " (x)");
      Thread.currentThread().interrupt();
      try {
        LibsqlException e = fails(ErrorCode.CANCELLED, () -> client.execute("INSERT INTO " + t + " VALUES (1)"));
        assertTrue(e.getMessage().contains("nothing was executed"), e.getMessage());
      } finally {
        assertTrue(Thread.interrupted());
      }
      assertEquals(0L, client.execute("SELECT count(*) FROM " + t).rows().get(0).getLong(0));
    }
  }

  // ---------------------------------------------------------------- statistics

  @Test
  void statistics() {
    String t = table();
    int n = 25;
    try (Client client = Libsql.createClient(builder().build())) {
      client.execute("CREATE TABLE " + t + " (x)");
      List<Statement> inserts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        inserts.add(Statement.of("INSERT INTO " + t + " VALUES (?)", i));
      }
      List<ResultSet> written = client.batch(inserts);
      ResultSet scan = client.execute("SELECT * FROM " + t);
      assertEquals(n, scan.size());
      if (local()) {
        assertNull(scan.rowsRead());
        assertNull(scan.rowsWritten());
        assertNull(scan.queryDurationMs());
        assertNull(scan.replicationIndex());
        return;
      }
      assertEquals(Long.valueOf(n), scan.rowsRead(), "a full scan reads every row");
      assertEquals(Long.valueOf(0), scan.rowsWritten());
      assertNotNull(scan.queryDurationMs());
      assertTrue(scan.queryDurationMs() >= 0 && scan.queryDurationMs() < 60_000, "" + scan.queryDurationMs());
      assertEquals(Long.valueOf(1), written.get(0).rowsWritten());
      Long index = client.execute("INSERT INTO " + t + " VALUES (-1)").replicationIndex();
      assertNotNull(index, "a write outside a transaction reports the replication index it produced");
      n++;
      ResultSet update = client.execute("UPDATE " + t + " SET x = x + 1");
      assertEquals(Long.valueOf(n), update.rowsWritten());
      assertTrue(update.replicationIndex() > index, update.replicationIndex() + " after " + index);
      try (Transaction tx = client.transaction()) {
        assertEquals(Long.valueOf(n), tx.execute("SELECT * FROM " + t).rowsRead());
      }
    }
  }

  // ---------------------------------------------------------------- listener

  /** Records every event as text, in order. */
  static final class Recorder implements ClientListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void callStart(CallInfo call) {
      events.add("start " + call.kind() + " #" + call.id() + " " + call.sql());
    }

    @Override
    public void callEnd(CallInfo call, Duration duration, long rows, long rowsAffected) {
      events.add("end " + call.kind() + " #" + call.id() + " " + call.sql() + " rows=" + rows + " affected=" + rowsAffected
          + (duration.isNegative() ? " NEGATIVE" : ""));
    }

    @Override
    public void callFailed(CallInfo call, Duration duration, String code) {
      events.add("failed " + call.kind() + " #" + call.id() + " " + call.sql() + " " + code);
    }

    @Override
    public void connectionOpened(String url, String protocol) {
      events.add("opened " + url + " " + protocol);
    }

    @Override
    public void connectionClosed(String url, String code) {
      events.add("closed " + url + " " + code);
    }

    @Override
    public void reconnect(String url) {
      events.add("reconnect " + url);
    }

    List<String> calls() {
      synchronized (events) {
        List<String> out = new ArrayList<>();
        for (String e : events) {
          if (e.startsWith("start ") || e.startsWith("end ") || e.startsWith("failed ")) {
            out.add(e.replaceAll(" #\\d+", ""));
          }
        }
        return out;
      }
    }
  }

  @Test
  void listenerSeesCallsInOrderAndNeverArgumentValues() throws Exception {
    String secret = "s3cr3t-" + System.nanoTime();
    String t = table();
    Recorder recorder = new Recorder();
    try (Client client = Libsql.createClient(builder().listener(recorder).build());
        AsyncClient async = Libsql.createAsyncClient(builder().listener(recorder).build())) {
      client.execute("CREATE TABLE " + t + "b (k TEXT PRIMARY KEY)");
      client.execute("INSERT INTO " + t + "b VALUES (?)", secret);
      LibsqlException dup = assertThrows(LibsqlException.class, () -> client.execute("INSERT INTO " + t + "b VALUES (?)", secret));
      client.batch(List.of(Statement.named("INSERT INTO " + t + "b VALUES (:k)", java.util.Map.of("k", secret + "2")),
          Statement.of("SELECT * FROM " + t + "b WHERE k = ?", secret)));
      try (Transaction tx = client.transaction()) {
        tx.execute("SELECT count(*) FROM " + t + "b WHERE k <> ?", secret);
        tx.commit();
      }
      async.execute("SELECT k FROM " + t + "b WHERE k = ?", secret).get(30, TimeUnit.SECONDS);
      String ins = "INSERT INTO " + t + "b VALUES (?)";
      List<String> expected = List.of(
          "start EXECUTE CREATE TABLE " + t + "b (k TEXT PRIMARY KEY)",
          "end EXECUTE CREATE TABLE " + t + "b (k TEXT PRIMARY KEY) rows=0 affected=0",
          "start EXECUTE " + ins,
          "end EXECUTE " + ins + " rows=0 affected=1",
          "start EXECUTE " + ins,
          "failed EXECUTE " + ins + " " + dup.code(),
          "start BATCH INSERT INTO " + t + "b VALUES (:k); SELECT * FROM " + t + "b WHERE k = ?",
          "end BATCH INSERT INTO " + t + "b VALUES (:k); SELECT * FROM " + t + "b WHERE k = ? rows=1 affected=1",
          "start BEGIN " + TransactionMode.DEFERRED.beginSql(),
          "end BEGIN " + TransactionMode.DEFERRED.beginSql() + " rows=0 affected=0",
          "start EXECUTE SELECT count(*) FROM " + t + "b WHERE k <> ?",
          "end EXECUTE SELECT count(*) FROM " + t + "b WHERE k <> ? rows=1 affected=0",
          "start COMMIT COMMIT",
          "end COMMIT COMMIT rows=0 affected=0",
          "start EXECUTE SELECT k FROM " + t + "b WHERE k = ?",
          "end EXECUTE SELECT k FROM " + t + "b WHERE k = ? rows=1 affected=0");
      assertEquals(expected, recorder.calls());
    }
    synchronized (recorder.events) {
      for (String e : recorder.events) {
        assertFalse(e.contains(secret), "an event holds the argument value: " + e);
      }
      if (connectionEvents()) {
        assertTrue(recorder.events.stream().anyMatch(e -> e.startsWith("opened ")), recorder.events.toString());
      }
    }
  }

  @Test
  void aThrowingListenerNeverBreaksACall() throws Exception {
    AtomicInteger seen = new AtomicInteger();
    ClientListener broken = new ClientListener() {
      @Override
      public void callStart(CallInfo call) {
        seen.incrementAndGet();
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void callEnd(CallInfo call, Duration duration, long rows, long rowsAffected) {
        throw new OutOfMemoryError("pretend");
      }

      @Override
      public void connectionOpened(String url, String protocol) {
        throw new IllegalStateException("listener bug");
      }
    };
    try (Client client = Libsql.createClient(builder().listener(broken).build());
        AsyncClient async = Libsql.createAsyncClient(builder().listener(broken).build())) {
      assertEquals(1L, client.execute("SELECT 1").rows().get(0).getLong(0));
      assertEquals(2L, async.execute("SELECT 2").join().rows().get(0).getLong(0));
      assertEquals(2, seen.get());
    }
  }
}
