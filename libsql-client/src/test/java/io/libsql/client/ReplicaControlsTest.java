package io.libsql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.testing.SqldServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts, statistics and sync events on an embedded replica of a real sqld. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplicaControlsTest {
  static SqldServer primary;
  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    primary = SqldServer.builder().start();
  }

  @AfterAll
  static void stop() {
    primary.close();
  }

  static final class Syncs implements ClientListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void callStart(CallInfo call) {
      events.add("start " + call.kind());
    }

    @Override
    public void callEnd(CallInfo call, Duration duration, long rows, long rowsAffected) {
      events.add("end " + call.kind());
    }

    @Override
    public void syncStart() {
      events.add("syncStart");
    }

    @Override
    public void syncEnd(Duration duration, long framesApplied, String code) {
      events.add("syncEnd " + code);
    }
  }

  @Test
  void replicaControls() {
    Syncs syncs = new Syncs();
    Config config = Config.builder("file:" + dir.resolve("r.db")).syncUrl(primary.httpUrl()).listener(syncs).build();
    assertEquals(Config.DEFAULT_REQUEST_TIMEOUT, config.requestTimeout(), "replicas talk to a server: 60 s by default");
    try (Client client = Libsql.createClient(config)) {
      ResultSet created = client.execute("CREATE TABLE IF NOT EXISTS r (x)");
      assertNotNull(created.queryDurationMs(), "a write ran on the primary, which reports statistics");
      ResultSet inserted = client.execute("INSERT INTO r VALUES (1)");
      assertEquals(Long.valueOf(1), inserted.rowsWritten());
      ResultSet read = client.execute("SELECT * FROM r");
      assertEquals(1, read.size());
      assertNull(read.rowsRead(), "a read ran on the local file");

      syncs.events.clear();
      client.sync();
      assertEquals(List.of("start SYNC", "syncStart", "syncEnd null", "end SYNC"), syncs.events);

      // A local read is interrupted by SQLite at its deadline; the replica stays usable.
      long start = System.nanoTime();
      LibsqlException e = assertThrows(LibsqlException.class,
          () -> client.execute(Statement.of(ControlsSuite.SLOW).withTimeout(ControlsSuite.TIMEOUT)));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals("TIMEOUT", e.code(), e::getMessage);
      assertTrue(e.getMessage().contains("SQLite interrupted the statement"), e.getMessage());
      assertTrue(ms <= ControlsSuite.TIMEOUT.toMillis() + ControlsSuite.MARGIN_MS, ms + " ms");
      assertEquals(1L, client.execute("SELECT count(*) FROM r").rows().get(0).getLong(0));
    }
  }
}
