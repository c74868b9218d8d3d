package io.libsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code executeBatch} of 10,000 rows is ONE round trip to sqld: counted by a proxy between the
 * driver and a real sqld (HTTP: pipeline POSTs; WebSocket: client messages), never timed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BatchRoundTripTest {
  private static final int ROWS = 10_000;
  private static final String LIMITS = "?requestTimeout=30&connectTimeout=10";

  /** What a proxy counted since its last reset. */
  interface Counter {
    void reset();

    /** Round trips: HTTP pipeline POSTs, or WebSocket requests other than store_sql/close_sql. */
    long roundTrips();

    String detail();
  }

  @Test
  void httpBatchIsOnePipelineRequest() throws Exception {
    try (CountingHttpProxy proxy = new CountingHttpProxy(RemoteServer.get().httpUrl())) {
      run("jdbc:libsql:" + proxy.url() + LIMITS, new Counter() {
        @Override
        public void reset() {
          proxy.reset();
        }

        @Override
        public long roundTrips() {
          // Every request counts, whatever its path.
          assertEquals(proxy.requests().size(), proxy.pipelinePosts(), detail());
          return proxy.pipelinePosts();
        }

        @Override
        public String detail() {
          return "HTTP requests " + proxy.requests();
        }
      });
    }
  }

  /**
   * With {@code encoding=json} the proxy reads each request's type. A SQL text repeated in the batch
   * goes as a {@code store_sql} message queued together with the batch (the batch does not wait for
   * its answer: Hrana servers handle a connection's requests in order), so it adds no round trip.
   */
  @Test
  void webSocketBatchIsOneRequest() throws Exception {
    try (CountingWsProxy proxy = new CountingWsProxy(RemoteServer.get().httpPort())) {
      long[] messagesAtReset = {0};
      run("jdbc:libsql:" + proxy.url() + LIMITS + "&encoding=json", new Counter() {
        @Override
        public void reset() {
          proxy.resetTypes();
          messagesAtReset[0] = proxy.messages();
        }

        @Override
        public long roundTrips() {
          List<String> types = proxy.requestTypes();
          assertEquals(proxy.messages() - messagesAtReset[0], types.size(), "every message is a JSON request: " + detail());
          return types.stream().filter(t -> !t.equals("store_sql") && !t.equals("close_sql")).count();
        }

        @Override
        public String detail() {
          return "WebSocket requests " + proxy.requestTypes() + " on " + proxy.upgrades() + " connection(s)";
        }
      });
      assertEquals(1, proxy.upgrades(), "one WebSocket connection for the JDBC connection");
    }
  }

  private static void run(String url, Counter counter) throws SQLException {
    String t = JdbcSuite.table();
    try (Connection c = DriverManager.getConnection(url)) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, v TEXT, n INTEGER)");
      }
      // Auto-commit: the batch is one atomic client batch.
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (v, n) VALUES (?, ?)")) {
        for (int i = 0; i < ROWS; i++) {
          ps.setString(1, "row " + i);
          ps.setInt(2, i);
          ps.addBatch();
        }
        counter.reset();
        int[] counts = ps.executeBatch();
        assertEquals(1, counter.roundTrips(), "10,000-row prepared batch: " + counter.detail());
        assertEquals(ROWS, counts.length);
        assertTrue(Arrays.stream(counts).allMatch(n -> n == 1));
      }
      // Statement.addBatch(sql) with different texts: one round trip too.
      try (Statement s = c.createStatement()) {
        for (int i = 0; i < ROWS; i++) {
          s.addBatch("UPDATE " + t + " SET n = n + " + (i % 7) + " WHERE id = " + (i + 1));
        }
        counter.reset();
        int[] counts = s.executeBatch();
        assertEquals(1, counter.roundTrips(), "10,000-statement batch: " + counter.detail());
        assertEquals(ROWS, Arrays.stream(counts).sum());
      }
      // Inside a transaction the batch joins it: still one round trip (the transaction's BEGIN is
      // sent before its first statement, whatever that is; here a query).
      c.setAutoCommit(false);
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
        assertTrue(rs.next());
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t + " WHERE id = ?")) {
        for (int i = 1; i <= ROWS; i += 2) {
          ps.setInt(1, i);
          ps.addBatch();
        }
        counter.reset();
        int[] counts = ps.executeBatch();
        assertEquals(1, counter.roundTrips(), "batch in a transaction: " + counter.detail());
        assertEquals(ROWS / 2, Arrays.stream(counts).sum());
        c.commit();
        assertEquals(2, counter.roundTrips(), "batch then commit: " + counter.detail());
      }
      c.setAutoCommit(true);
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*), sum(n) FROM " + t)) {
        assertTrue(rs.next());
        assertEquals(ROWS / 2, rs.getInt(1));
      }
    }
  }
}
