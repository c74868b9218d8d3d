package io.libsql.client.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.LibsqlException;
import io.libsql.client.Libsql;
import io.libsql.client.Statement;
import io.libsql.client.Transaction;
import io.libsql.client.TransactionMode;
import io.libsql.client.faults.FaultProxy.Direction;
import io.libsql.testing.SqldServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cuts the connection after N bytes, for N across the whole exchange of a batch (or of an
 * interactive transaction), in each direction, over ws:// and http://, each time with a new client
 * through a {@link FaultProxy}; then reads the server directly. A batch is there in full or not at
 * all, a transaction likewise, a call that reported success is there, and every failure is a
 * connection error that came within the request timeout.
 *
 * <p>The default run cuts at about 60 points per direction and scenario; {@code -Pstress} at every
 * byte (HTTP transactions: 700 points per direction).
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class CutEverywhereTest {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** Generous: the machine may have two busy cores. */
  static final long MARGIN_MILLIS = 5_000;
  static final int STATEMENTS = 5;
  static final Set<String> CONNECTION_CODES = Set.of("CONNECTION_LOST", "CONNECTION_FAILED", "TIMEOUT", "TRANSACTION_CLOSED");

  static SqldServer sqld;
  static Client direct;
  static FaultProxy proxy;

  @BeforeAll
  static void start() {
    sqld = SqldServer.builder().start();
    direct = Libsql.createClient(sqld.httpUrl());
    direct.execute("CREATE TABLE cut (scenario TEXT, i INTEGER)");
    proxy = FaultProxy.start(sqld.httpPort());
  }

  @AfterAll
  static void stop() {
    proxy.close();
    direct.close();
    sqld.close();
  }

  /** What one scenario does through the proxy, and how many rows it writes when it succeeds. */
  interface Scenario {
    void run(Client client, String tag);
  }

  static final Scenario BATCH = (client, tag) -> {
    List<Statement> stmts = new ArrayList<>();
    for (int i = 0; i < STATEMENTS; i++) {
      stmts.add(Statement.of("INSERT INTO cut VALUES (?, ?)", tag, i));
    }
    client.batch(TransactionMode.WRITE, stmts);
  };

  static final Scenario TRANSACTION = (client, tag) -> {
    try (Transaction tx = client.transaction(TransactionMode.WRITE)) {
      for (int i = 0; i < STATEMENTS; i++) {
        tx.execute("INSERT INTO cut VALUES (?, ?)", tag, i);
      }
      tx.commit();
    }
  };

  @Test
  void wsBatch() {
    assertCutsAreAtomic("ws", BATCH, 60);
  }

  @Test
  void httpBatch() {
    assertCutsAreAtomic("http", BATCH, 60);
  }

  @Test
  void wsTransaction() {
    assertCutsAreAtomic("ws", TRANSACTION, 60);
  }

  @Test
  void httpTransaction() {
    assertCutsAreAtomic("http", TRANSACTION, 60);
  }

  /**
   * Every byte for batches and ws transactions; 700 points per direction for HTTP transactions, where a case
   * whose baton was lost may wait up to 5 s for the lock its orphaned stream holds.
   */
  @Test
  @Tag("stress")
  @Timeout(value = 3600, unit = TimeUnit.SECONDS)
  void everyByteStress() {
    for (String scheme : List.of("ws", "http")) {
      assertCutsAreAtomic(scheme, BATCH, Integer.MAX_VALUE);
    }
    assertCutsAreAtomic("ws", TRANSACTION, Integer.MAX_VALUE);
    assertCutsAreAtomic("http", TRANSACTION, 700);
  }

  /**
   * Over HTTP the JSON encoding, so that {@link Orphans} can read the batons the server sent; ws
   * keeps the default (Protobuf), to cut binary frames too.
   */
  private static Config config(String scheme) {
    Config.Builder b = Config.builder(proxy.url(scheme)).requestTimeout(TIMEOUT).connectTimeout(Duration.ofSeconds(2));
    if (scheme.equals("http")) {
      b.encoding(Encoding.JSON);
    }
    return b.build();
  }

  /** Runs the scenario once cleanly to learn its size, then once per cut point and direction. */
  static void assertCutsAreAtomic(String scheme, Scenario scenario, int pointsPerDirection) {
    long up0 = proxy.bytes(Direction.UPSTREAM);
    long down0 = proxy.bytes(Direction.DOWNSTREAM);
    String clean = scheme + "-clean-" + System.nanoTime();
    try (Client c = Libsql.createClient(config(scheme))) {
      scenario.run(c, clean);
    }
    assertEquals(STATEMENTS, rows(clean));
    long[] sizes = {proxy.bytes(Direction.UPSTREAM) - up0, proxy.bytes(Direction.DOWNSTREAM) - down0};
    Map<String, Integer> outcomes = new TreeMap<>();
    int cuts = 0;
    int orphans = 0;
    int slow = 0;
    proxy.record();
    for (Direction d : Direction.values()) {
      long size = sizes[d.ordinal()];
      long step = Math.max(1, size / pointsPerDirection);
      for (long n = 0; n <= size; n += step) {
        String tag = scheme + "-" + d + "-" + n + "-" + System.nanoTime();
        proxy.cutAfter(d, n);
        String outcome;
        long start = System.nanoTime();
        try (Client c = Libsql.createClient(config(scheme))) {
          try {
            scenario.run(c, tag);
            outcome = "ok";
          } catch (LibsqlException e) {
            outcome = e.code();
            if (!CONNECTION_CODES.contains(e.code())) {
              fail("cut " + d + " after " + n + " bytes of " + size + ": unexpected " + e, e);
            }
          }
        } finally {
          proxy.heal();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (millis > 1000) {
          slow++; // waited for a lock an earlier case's orphaned stream held (see Orphans)
        }
        assertTrue(millis < TIMEOUT.toMillis() + MARGIN_MILLIS,
            "cut " + d + " after " + n + ": the call took " + millis + " ms");
        long rows = rows(tag);
        if (outcome.equals("ok")) {
          assertEquals(STATEMENTS, rows, "cut " + d + " after " + n + ": reported success but found " + rows + " rows");
        } else if (rows != 0 && rows != STATEMENTS) {
          fail("cut " + d + " after " + n + " bytes (" + outcome + "): a partial write of " + rows + " rows");
        }
        outcomes.merge(outcome + (rows == 0 ? "/none" : "/all"), 1, Integer::sum);
        orphans += Orphans.release(proxy.takeRecorded(), sqld.httpUrl());
        cuts++;
      }
    }
    System.out.println("cut " + scheme + " exchange of " + sizes[0] + " bytes up, " + sizes[1] + " down at " + cuts
        + " points: " + outcomes + "; orphaned server streams released by the test: " + orphans + "; cases over 1 s: " + slow);
    assertTrue(outcomes.keySet().stream().anyMatch(k -> !k.startsWith("ok")), "no cut ever failed a call: " + outcomes);
  }

  static long rows(String tag) {
    return direct.execute("SELECT count(*) FROM cut WHERE scenario = ?", tag).rows().get(0).getLong(0);
  }
}
