package io.libsql.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.LibsqlException;
import io.libsql.client.Libsql;
import io.libsql.client.Transaction;
import io.libsql.testing.SqldServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MicrometerListenerTest {
  @TempDir
  Path dir;

  @Test
  void recordsCallsRowsAndFailures() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerListener listener = MicrometerListener.builder(registry).tag("db", "test").build();
    try (Client client = Libsql.createClient(Config.builder("file:" + dir.resolve("m.db")).listener(listener).build())) {
      client.execute("CREATE TABLE t (k TEXT PRIMARY KEY)");
      client.execute("INSERT INTO t VALUES (?)", "secret-value");
      assertThrows(LibsqlException.class, () -> client.execute("INSERT INTO t VALUES (?)", "secret-value"));
      client.execute("SELECT * FROM t");
      try (Transaction tx = client.transaction()) {
        tx.execute("SELECT 1");
        tx.commit();
      }
    }
    assertEquals(3, registry.get("libsql.client.calls").tags("db", "test", "kind", "execute", "outcome", "success",
        "transaction", "false").timer().count());
    assertEquals(1, registry.get("libsql.client.calls").tags("kind", "execute", "outcome", "SQLITE_CONSTRAINT_PRIMARYKEY")
        .timer().count());
    assertEquals(1, registry.get("libsql.client.calls").tags("kind", "execute", "transaction", "true").timer().count());
    assertEquals(1, registry.get("libsql.client.calls").tags("kind", "commit").timer().count());
    assertEquals(1.0, registry.get("libsql.client.rows.affected").tags("kind", "execute").counter().count());
    assertEquals(2.0, registry.get("libsql.client.rows").tags("kind", "execute").counter().count());
    for (Meter m : registry.getMeters()) {
      assertFalse(m.getId().toString().contains("secret-value"), m.getId().toString());
      assertFalse(m.getId().toString().contains("INSERT"), "no SQL in tags: " + m.getId());
    }
  }

  @Test
  void recordsWebSocketConnections() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (SqldServer sqld = SqldServer.builder().start();
        Client client = Libsql.createClient(Config.builder(sqld.wsUrl()).listener(MicrometerListener.of(registry)).build())) {
      client.execute("SELECT 1");
      assertEquals(1.0, registry.get("libsql.client.connections").tags("event", "opened").counter().count());
    }
    assertNotNull(registry.find("libsql.client.connections").tags("event", "closed", "code", "none").counter());
  }

  /** A server with one connection, held by a transaction: the other client's call is refused and retried. */
  @Test
  void countsOverloadRetries() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (SqldServer sqld = SqldServer.builder().extraArgs("--max-concurrent-connections", "1").start();
        Client holder = Libsql.createClient(sqld.httpUrl());
        Client client = Libsql.createClient(Config.builder(sqld.httpUrl()).listener(MicrometerListener.of(registry)).build())) {
      io.libsql.client.Transaction tx = holder.transaction();
      tx.execute("SELECT 1");
      java.util.concurrent.CompletableFuture<Long> call =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> client.execute("SELECT 2").rows().get(0).getLong(0));
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
      while (registry.find("libsql.client.overload.retries").counter() == null && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      tx.close();
      assertEquals(2L, call.get(60, java.util.concurrent.TimeUnit.SECONDS));
      assertNotNull(registry.find("libsql.client.overload.retries").counter(), "no retry was counted");
      org.junit.jupiter.api.Assertions.assertTrue(registry.get("libsql.client.overload.retries").counter().count() >= 1);
    }
  }
}
