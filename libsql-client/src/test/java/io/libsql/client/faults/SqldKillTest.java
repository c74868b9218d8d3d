package io.libsql.client.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.LibsqlException;
import io.libsql.client.Libsql;
import io.libsql.client.Transaction;
import io.libsql.client.TransactionMode;
import io.libsql.testing.SqldServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * sqld is killed with SIGKILL while a writer thread inserts as fast as it can and an interactive
 * transaction holds uncommitted rows, then restarted on the same data directory, three times per
 * transport. Every acknowledged insert is there afterwards, nothing of the open transactions is,
 * every failure is a connection code that came within the timeout, and the same client works
 * again within a bound after each restart.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SqldKillTest {
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final long MARGIN_MILLIS = 5_000;
  static final long RECOVERY_MILLIS = 15_000;
  static final Set<String> CONNECTION_CODES =
      Set.of("CONNECTION_LOST", "CONNECTION_FAILED", "TIMEOUT", "TRANSACTION_CLOSED", "STREAM_EXPIRED");
  static final int KILLS = 3;

  @Test
  void ws() throws Exception {
    killAndRestart("ws");
  }

  @Test
  void http() throws Exception {
    killAndRestart("http");
  }

  static void killAndRestart(String scheme) throws Exception {
    try (SqldServer sqld = SqldServer.builder().start()) {
      String url = scheme.equals("ws") ? sqld.wsUrl() : sqld.httpUrl();
      Config config = Config.builder(url).requestTimeout(TIMEOUT).connectTimeout(Duration.ofSeconds(1)).build();
      Set<Long> acked = ConcurrentHashMap.newKeySet();
      Set<Long> unknown = ConcurrentHashMap.newKeySet();
      Map<String, Integer> failures = new TreeMap<>();
      long worstRecovery = 0;
      try (Client client = Libsql.createClient(config)) {
        client.execute("CREATE TABLE k (id INTEGER PRIMARY KEY, v TEXT)");
        AtomicLong ids = new AtomicLong();
        for (int round = 0; round < KILLS; round++) {
          AtomicBoolean stop = new AtomicBoolean();
          Thread writer = new Thread(() -> {
            while (!stop.get()) {
              long id = ids.incrementAndGet();
              long start = System.nanoTime();
              try {
                client.execute("INSERT INTO k VALUES (?, 'x')", id);
                acked.add(id);
              } catch (LibsqlException e) {
                unknown.add(id);
                synchronized (failures) {
                  failures.merge(e.code(), 1, Integer::sum);
                }
                if (!CONNECTION_CODES.contains(e.code())) {
                  throw new AssertionError("insert " + id + ": unexpected " + e, e);
                }
              }
              long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
              if (millis > TIMEOUT.toMillis() + MARGIN_MILLIS) {
                throw new AssertionError("insert " + id + " took " + millis + " ms");
              }
            }
          }, "sqld-kill-writer");
          Throwable[] writerFailure = new Throwable[1];
          writer.setUncaughtExceptionHandler((t, e) -> writerFailure[0] = e);
          writer.start();
          Thread.sleep(400); // inserts are acknowledged; then a transaction takes the write lock

          Transaction tx = client.transaction(TransactionMode.WRITE);
          try {
            for (int j = 0; j < 3; j++) {
              tx.execute("INSERT INTO k VALUES (?, 'uncommitted')", -(round * 100L + j + 1));
            }
            Thread.sleep(100);
            sqld.kill();
            long start = System.nanoTime();
            try {
              tx.execute("INSERT INTO k VALUES (?, 'uncommitted')", -(round * 100L + 99));
              tx.commit();
              throw new AssertionError("a transaction survived the death of sqld");
            } catch (LibsqlException e) {
              assertTrue(CONNECTION_CODES.contains(e.code()), e.toString());
              long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
              assertTrue(millis <= TIMEOUT.toMillis() + MARGIN_MILLIS, "the transaction's call took " + millis + " ms");
            }
          } finally {
            tx.close();
          }
          Thread.sleep(300);
          sqld.restart();
          worstRecovery = Math.max(worstRecovery, recover(client));
          stop.set(true);
          writer.join(TimeUnit.SECONDS.toMillis(30));
          if (writerFailure[0] != null) {
            throw new AssertionError("the writer failed", writerFailure[0]);
          }
        }
      }
      try (Client direct = Libsql.createClient(sqld.httpUrl())) {
        Set<Long> present = new HashSet<>();
        direct.execute("SELECT id FROM k").rows().forEach(r -> present.add(r.getLong(0)));
        Set<Long> lost = new HashSet<>(acked);
        lost.removeAll(present);
        assertEquals(Set.of(), lost, "acknowledged inserts lost after SIGKILL");
        assertEquals(0, present.stream().filter(id -> id < 0).count(), "uncommitted transaction rows survived");
        Set<Long> unexpected = new HashSet<>(present);
        unexpected.removeAll(acked);
        unexpected.removeAll(unknown);
        assertEquals(Set.of(), unexpected);
        System.out.println("sqld kill " + scheme + ": " + KILLS + " SIGKILLs, " + acked.size() + " acknowledged inserts all present, "
            + unknown.size() + " failed in flight (" + failures + "), of which " + (present.size() - acked.size())
            + " had landed; worst recovery after restart " + worstRecovery + " ms");
      }
    }
  }

  static long recover(Client client) {
    long start = System.nanoTime();
    LibsqlException last = null;
    while (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < RECOVERY_MILLIS) {
      try {
        client.execute("SELECT count(*) FROM k");
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      } catch (LibsqlException e) {
        assertTrue(CONNECTION_CODES.contains(e.code()), e.toString());
        last = e;
      }
    }
    throw new AssertionError("no recovery within " + RECOVERY_MILLIS + " ms after the restart", last);
  }
}
