package io.libsql.client.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.LibsqlException;
import io.libsql.client.Statement;
import io.libsql.client.Libsql;
import io.libsql.client.faults.FaultProxy.Direction;
import io.libsql.testing.SqldServer;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One long-lived client per transport lives through many fault cycles: each injects one fault
 * through a {@link FaultProxy} (drop a call in flight, stall, refuse new connections, cut after
 * random bytes, delay every chunk, freeze the connection half-open), makes a write, heals, and
 * waits for the client to work again. Every call ends within the request timeout plus a margin
 * with a connection code or TIMEOUT; the client recovers within a bound after each heal; no
 * acknowledged write is lost or doubled; and threads and file descriptors (not counting the
 * proxy's) do not grow from cycle to cycle, and are back to the start once the client is closed.
 *
 * <p>Default run: 100 cycles per transport (200 in all); {@code -Pstress}: 1,000 per transport.
 */
@Timeout(value = 1800, unit = TimeUnit.SECONDS)
class FaultCyclesTest {
  static final Duration TIMEOUT = Duration.ofMillis(400);
  /** The timeout of the write through a connection that delays every chunk. */
  static final Duration SLOW_LINK = Duration.ofSeconds(30);
  /** Generous: two loaded cores, a GC pause, a slow connect. */
  static final long MARGIN_MILLIS = 3_000;
  /** After a heal the client must work again within this (a half-open ws needs two liveness intervals). */
  static final long RECOVERY_MILLIS = 10_000;
  static final Set<String> FAULT_CODES = Set.of("CONNECTION_LOST", "CONNECTION_FAILED", "TIMEOUT");

  enum Fault { DROP_IN_FLIGHT, STALL, REFUSE, CUT, DELAY, HALF_OPEN }

  static SqldServer sqld;
  static Client direct;
  static ExecutorService caller;

  @BeforeAll
  static void start() {
    sqld = SqldServer.builder().start();
    direct = Libsql.createClient(sqld.httpUrl());
    direct.execute("CREATE TABLE cycles (scheme TEXT, cycle INTEGER)");
    caller = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fault-cycles-caller");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterAll
  static void stop() {
    caller.shutdownNow();
    direct.close();
    sqld.close();
  }

  @Test
  void ws() throws Exception {
    cycles("ws", 100);
  }

  @Test
  void http() throws Exception {
    cycles("http", 100);
  }

  @Test
  @Tag("stress")
  void thousandCyclesEachStress() throws Exception {
    cycles("ws", 1_000);
    cycles("http", 1_000);
  }

  /** Which fault cycle {@code i} injects: mostly cheap ones, a half-open connection every 20th. */
  static Fault faultOf(int i) {
    if (i % 20 == 19) {
      return Fault.HALF_OPEN;
    }
    Fault[] cheap = {Fault.DROP_IN_FLIGHT, Fault.STALL, Fault.REFUSE, Fault.CUT, Fault.DELAY};
    return cheap[i % cheap.length];
  }

  static void cycles(String scheme, int count) throws Exception {
    String tag = scheme + "-" + System.nanoTime();
    Map<String, Integer> outcomes = new TreeMap<>();
    long acknowledged = 0;
    long unknown = 0;
    long worstRecovery = 0;
    String leakFigures;
    Random random = new Random(count * 31L + scheme.hashCode());
    try (FaultProxy proxy = FaultProxy.start(sqld.httpPort())) {
      Config config = Config.builder(proxy.url(scheme)).requestTimeout(TIMEOUT).connectTimeout(Duration.ofSeconds(1)).build();
      // Warm up the JDK's lazily started machinery (HTTP client internals, timer threads, pools).
      try (Client warm = Libsql.createClient(config)) {
        warm.execute("SELECT 1");
      }
      Leaks.Snapshot beforeClient = Leaks.settle(Leaks.snapshot(proxy), proxy, 0, 0, 3_000);
      Leaks.Snapshot warmed = null;
      Leaks.Snapshot lastCycle;
      try (Client client = Libsql.createClient(config)) {
        for (int i = 0; i < count; i++) {
          Fault fault = faultOf(i);
          String outcome = injectAndWrite(proxy, client, fault, tag, i, random);
          outcomes.merge(fault + ":" + outcome, 1, Integer::sum);
          if (outcome.equals("ok")) {
            acknowledged++;
          } else if (!outcome.equals("CONNECTION_FAILED")) {
            unknown++;
          }
          proxy.heal();
          worstRecovery = Math.max(worstRecovery, recover(client, fault, i));
          if (i == 19) {
            warmed = Leaks.settle(Leaks.snapshot(proxy), proxy, 0, 0, 2_000);
          }
        }
        Leaks.Snapshot after = Leaks.settle(warmed, proxy, 3, 4, 15_000);
        lastCycle = after;
        assertTrue(after.threads() <= warmed.threads() + 3 && after.fds() <= warmed.fds() + 4,
            scheme + ": threads or fds grew over " + (count - 20) + " fault cycles: after cycle 20 " + warmed
                + ", at the end " + after + "\n" + Leaks.threadNames());
      }
      Leaks.Snapshot closed = Leaks.settle(beforeClient, proxy, 2, 2, 15_000);
      leakFigures = "threads/fds before the client " + beforeClient.threads() + "/" + beforeClient.fds()
          + ", after cycle 20 " + warmed.threads() + "/" + warmed.fds() + ", after the last cycle " + lastCycle.threads()
          + "/" + lastCycle.fds() + ", client closed " + closed.threads() + "/" + closed.fds();
      assertTrue(closed.threads() <= beforeClient.threads() + 2 && closed.fds() <= beforeClient.fds() + 2,
          scheme + ": the closed client left threads or fds behind: before " + beforeClient + ", after " + closed
              + "\n" + Leaks.threadNames());
    }
    long rows = direct.execute("SELECT count(*) FROM cycles WHERE scheme = ?", tag).rows().get(0).getLong(0);
    long doubled = direct.execute("SELECT count(*) FROM (SELECT cycle FROM cycles WHERE scheme = ? GROUP BY cycle"
        + " HAVING count(*) > 1)", tag).rows().get(0).getLong(0);
    assertEquals(0, doubled, "a write was applied twice");
    assertTrue(rows >= acknowledged && rows <= acknowledged + unknown,
        "rows " + rows + ", acknowledged " + acknowledged + ", unknown outcome " + unknown);
    System.out.println("fault cycles " + scheme + ": " + count + " cycles, worst recovery " + worstRecovery + " ms, rows "
        + rows + " (acknowledged " + acknowledged + ", unknown " + unknown + "), " + leakFigures + ", outcomes " + outcomes);
  }

  /** Injects {@code fault}, makes one write through it, and returns "ok" or the failure's code. */
  static String injectAndWrite(FaultProxy proxy, Client client, Fault fault, String tag, int i, Random random)
      throws Exception {
    switch (fault) {
      case DROP_IN_FLIGHT: {
        proxy.stall();
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> write(client, tag, i), caller);
        Thread.sleep(20 + random.nextInt(30));
        proxy.dropAll();
        return call.get(TIMEOUT.toMillis() + MARGIN_MILLIS, TimeUnit.MILLISECONDS);
      }
      case STALL:
        proxy.stall();
        return expectFault(fault, write(client, tag, i), "TIMEOUT");
      case REFUSE:
        proxy.refuse();
        proxy.dropAll();
        return write(client, tag, i);
      case CUT:
        proxy.cutAfter(random.nextBoolean() ? Direction.UPSTREAM : Direction.DOWNSTREAM, random.nextInt(600));
        proxy.dropAll();
        return write(client, tag, i);
      case DELAY:
        // A slow but working connection must succeed: the write gets time for the delays (on a
        // loaded machine 2 ms a chunk can outlast the 400 ms timeout that the other faults test).
        proxy.delay(Duration.ofMillis(2));
        return expectFault(fault, write(client, tag, i, SLOW_LINK), "ok");
      case HALF_OPEN:
        proxy.blackhole();
        return expectFault(fault, write(client, tag, i), "TIMEOUT");
      default:
        throw new AssertionError(fault);
    }
  }

  static String expectFault(Fault fault, String outcome, String expected) {
    assertEquals(expected, outcome, "with " + fault);
    return outcome;
  }

  /** One INSERT; "ok", or the code of a connection failure that came within the timeout plus the margin. */
  static String write(Client client, String tag, int i) {
    return write(client, tag, i, TIMEOUT);
  }

  /** As {@link #write(Client, String, int)}, with {@code timeout} for this statement. */
  static String write(Client client, String tag, int i, Duration timeout) {
    long start = System.nanoTime();
    String outcome;
    try {
      client.execute(Statement.of("INSERT INTO cycles VALUES (?, ?)", tag, i).withTimeout(timeout));
      outcome = "ok";
    } catch (LibsqlException e) {
      if (!FAULT_CODES.contains(e.code())) {
        fail("cycle " + i + ": unexpected " + e, e);
      }
      outcome = e.code();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis <= timeout.toMillis() + MARGIN_MILLIS, "cycle " + i + ": the call took " + millis + " ms");
    return outcome;
  }

  /** Calls until one succeeds; fails the test if that takes longer than {@link #RECOVERY_MILLIS}. */
  static long recover(Client client, Fault fault, int i) {
    long start = System.nanoTime();
    LibsqlException last = null;
    while (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < RECOVERY_MILLIS) {
      try {
        assertEquals(7L, client.execute("SELECT 7").rows().get(0).getLong(0));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      } catch (LibsqlException e) {
        if (!FAULT_CODES.contains(e.code())) {
          fail("cycle " + i + " (" + fault + "), after the heal: unexpected " + e, e);
        }
        last = e;
      }
    }
    throw new AssertionError("cycle " + i + " (" + fault + "): no recovery within " + RECOVERY_MILLIS + " ms", last);
  }
}
