package io.libsql.client.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Client;
import io.libsql.client.ClientListener;
import io.libsql.client.Config;
import io.libsql.client.Libsql;
import io.libsql.client.LibsqlException;
import io.libsql.client.Transaction;
import io.libsql.client.TransactionMode;
import io.libsql.testing.SqldServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * sqld out of database connections: it refuses, unrun, a request that needs a new one (HTTP 429
 * "Timed out while opening database connection" after about 1 s). The client sends it again after
 * a backoff within the call's deadline, counts each retry in the listener, and fails with TIMEOUT
 * saying the server was overloaded only when the deadline passes. The server here has two
 * connections; a second client holds both with open transactions.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OverloadTest {
  static SqldServer sqld;

  @BeforeAll
  static void start() {
    sqld = SqldServer.builder().extraArgs("--max-concurrent-connections", "2").start();
    try (Client c = Libsql.createClient(sqld.httpUrl())) {
      c.execute("CREATE TABLE IF NOT EXISTS overload (n INTEGER)");
    }
  }

  @AfterAll
  static void stop() {
    sqld.close();
  }

  /** Counts overload retries and opens {@code firstRetry} at the first. */
  static final class Retries implements ClientListener {
    final AtomicInteger count = new AtomicInteger();
    final CountDownLatch firstRetry = new CountDownLatch(1);

    @Override
    public void overloadRetry(String url, int attempt, Duration backoff) {
      assertTrue(attempt >= 1 && !backoff.isNegative(), attempt + " " + backoff);
      count.incrementAndGet();
      firstRetry.countDown();
    }
  }

  /** Holds both of the server's connections with two open transactions; close to release them. */
  static List<AutoCloseable> holdAllConnections(Client holder) {
    List<AutoCloseable> held = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Transaction tx = holder.transaction(TransactionMode.READ);
      tx.execute("SELECT 1");
      held.add(tx);
    }
    return held;
  }

  @Test
  void aWriteRefusedForOverloadRunsOnceTheServerHasRoom() throws Exception {
    Retries retries = new Retries();
    try (Client holder = Libsql.createClient(sqld.httpUrl());
        Client c = Libsql.createClient(Config.builder(sqld.httpUrl()).listener(retries)
            .requestTimeout(Duration.ofSeconds(60)).build())) {
      long before = count(holder);
      List<AutoCloseable> held = holdAllConnections(holder);
      CompletableFuture<Long> write = CompletableFuture.supplyAsync(
          () -> c.execute("INSERT INTO overload VALUES (1)").rowsAffected());
      // The write was refused at least once (nothing ran); free the server, and it goes through.
      assertTrue(retries.firstRetry.await(60, TimeUnit.SECONDS), "no overload retry was reported");
      for (AutoCloseable h : held) {
        h.close();
      }
      assertEquals(1L, write.get(60, TimeUnit.SECONDS));
      assertTrue(retries.count.get() >= 1);
      assertEquals(before + 1, count(holder), "the refused write must land exactly once");
    }
  }

  @Test
  void aServerThatStaysOverloadedFailsTheCallAtItsDeadlineSayingSo() throws Exception {
    Retries retries = new Retries();
    try (Client holder = Libsql.createClient(sqld.httpUrl());
        Client c = Libsql.createClient(Config.builder(sqld.httpUrl()).listener(retries)
            .requestTimeout(Duration.ofSeconds(4)).build())) {
      List<AutoCloseable> held = holdAllConnections(holder);
      LibsqlException e;
      try {
        e = assertThrows(LibsqlException.class, () -> c.execute("INSERT INTO overload VALUES (2)"));
      } finally {
        for (AutoCloseable h : held) {
          h.close();
        }
      }
      assertEquals("TIMEOUT", e.code(), e.toString());
      assertTrue(e.getMessage().contains("overloaded"), e.getMessage());
      assertTrue(retries.count.get() >= 1, "retries: " + retries.count.get());
      // The same client works once the server has room.
      assertEquals(1L, c.execute("INSERT INTO overload VALUES (3)").rowsAffected());
    }
  }

  static long count(Client c) {
    return c.execute("SELECT count(*) FROM overload").rows().get(0).getLong(0);
  }
}
