package io.libsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Statement.setQueryTimeout} and {@code Statement.cancel()}, written once and run on a local
 * file and on a real sqld over WebSocket and over HTTP.
 *
 * <p>The slow query counts to {@value #SLOW_COUNT} with a recursive CTE: several seconds on a 2-core
 * machine, well over the 1 s timeouts used. Every wait is bounded by {@link #BOUND}; no test asserts
 * how fast a statement stopped, only that it stopped within the bound with the right exception. A
 * remote statement cannot be stopped on the server: sqld finishes each abandoned count on its own.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
abstract class QueryTimeoutSuite {
  static final long SLOW_COUNT = 20_000_000;
  static final String SLOW = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
      + SLOW_COUNT + ") SELECT count(*) FROM c";
  /** The same count, with its limit as a parameter. */
  static final String SLOW_PARAM = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?)"
      + " SELECT count(*) FROM c";
  static final Duration BOUND = Duration.ofSeconds(30);

  protected Connection conn;

  /** The JDBC URL of this suite's database. */
  protected abstract String url();

  @BeforeEach
  void open() throws SQLException {
    conn = DriverManager.getConnection(url());
  }

  @AfterEach
  void closeConnection() throws SQLException {
    conn.close();
  }

  interface Execution {
    void run() throws SQLException;
  }

  /** Runs {@code e}, which must fail with a timeout within {@link #BOUND}. */
  static SQLTimeoutException timesOut(Execution e) {
    SQLTimeoutException t = assertTimeoutPreemptively(BOUND, () -> assertThrows(SQLTimeoutException.class, e::run));
    assertEquals("HYT00", t.getSQLState(), t::getMessage);
    return t;
  }

  private static long one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  @Test
  void queryTimeoutStopsASlowQueryAndTheConnectionCarriesOn() throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.setQueryTimeout(1);
      assertEquals(1, s.getQueryTimeout());
      timesOut(() -> s.executeQuery(SLOW));
      timesOut(() -> s.execute(SLOW));
      assertTrue(conn.isValid(5));
      assertEquals(1, one(s, "SELECT 1"), "the statement itself is usable again");
    }
  }

  @Test
  void queryTimeoutOfAPreparedStatementAndOfABatch() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(SLOW_PARAM)) {
      ps.setQueryTimeout(1);
      ps.setLong(1, SLOW_COUNT);
      timesOut(ps::executeQuery);
      ps.setLong(1, 3);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(3, rs.getLong(1));
      }
    }
    // A batch holds no queries (BatchUpdateException): the same count, inserted.
    String t = JdbcSuite.table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (n INTEGER)");
    }
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + t + " (n) " + SLOW_PARAM)) {
      ps.setQueryTimeout(1);
      ps.setLong(1, SLOW_COUNT);
      ps.addBatch();
      timesOut(ps::executeBatch);
      // Remotely the abandoned insert holds the write lock until the server finishes it.
      ps.setQueryTimeout(0);
      ps.setLong(1, 3);
      ps.addBatch();
      assertArrayEquals(new int[] {1}, ps.executeBatch());
    }
  }

  @Test
  void queryTimeoutOfAScript() throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.setQueryTimeout(1);
      SQLTimeoutException e = timesOut(() -> s.execute("SELECT 1; " + SLOW));
      assertTrue(e.getMessage().contains("query timeout of 1 s"), e.getMessage());
      assertFalse(Thread.currentThread().isInterrupted());
      assertEquals(1, one(s, "SELECT 1"));
    }
  }

  @Test
  void aTimeoutInsideATransactionRollsItBackAndTheConnectionSaysSo() throws Exception {
    String t = JdbcSuite.table();
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE " + t + " (v INTEGER)");
      conn.setAutoCommit(false);
      s.executeUpdate("INSERT INTO " + t + " VALUES (1)");
      s.setQueryTimeout(1);
      SQLTimeoutException e = timesOut(() -> s.executeQuery(SLOW));
      assertTrue(e.getMessage().contains("can no longer be used"), e.getMessage());
      assertNotNull(e.getNextException(), "a pool must see that the connection is gone");
      assertEquals("08006", e.getNextException().getSQLState());
      SQLException next = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO " + t + " VALUES (2)"));
      assertInstanceOf(SQLNonTransientConnectionException.class, next);
      assertEquals("08006", next.getSQLState(), next.getMessage());
      assertTrue(next.getMessage().contains("rolled back"), next.getMessage());
      assertFalse(conn.isValid(2));
      conn.rollback(); // quiet: the transaction is rolled back already (what a framework does next)
      assertThrows(SQLNonTransientConnectionException.class, conn::commit);
    }
    try (Connection other = DriverManager.getConnection(url()); Statement s = other.createStatement()) {
      assertEquals(0, one(s, "SELECT count(*) FROM " + t));
      // Remotely the server rolls back once it has finished the abandoned count; wait until it did.
      assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
        while (true) {
          try {
            s.executeUpdate("INSERT INTO " + t + " VALUES (3)");
            return;
          } catch (SQLTransientException busy) {
            Thread.sleep(200);
          }
        }
      });
      assertEquals(1, one(s, "SELECT count(*) FROM " + t), "only the row written after the rollback");
    }
  }

  @Test
  void cancelFromAnotherThreadStopsARunningQuery() throws Exception {
    try (Statement s = conn.createStatement()) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicBoolean interruptLeft = new AtomicBoolean();
      Thread worker = new Thread(() -> {
        try {
          s.executeQuery(SLOW);
        } catch (Throwable e) {
          failure.set(e);
        }
        interruptLeft.set(Thread.currentThread().isInterrupted());
      });
      worker.start();
      // cancel() before the query started does nothing, so cancel until the worker is done.
      assertTimeoutPreemptively(BOUND, () -> {
        while (worker.isAlive()) {
          s.cancel();
          worker.join(50);
        }
      });
      SQLException e = assertInstanceOf(SQLException.class, failure.get());
      assertEquals("57014", e.getSQLState(), e::getMessage);
      assertTrue(e.getMessage().contains("Statement.cancel()"), e.getMessage());
      assertFalse(interruptLeft.get(), "the driver's interrupt must not outlive the execution");
      assertEquals(1, one(s, "SELECT 1"));
      assertTrue(conn.isValid(5));
    }
  }

  @Test
  void cancelWhenNothingRunsDoesNothing() throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.cancel();
      assertFalse(Thread.currentThread().isInterrupted());
      assertEquals(1, one(s, "SELECT 1"));
      s.cancel();
      assertEquals(2, one(s, "SELECT 2"));
    }
  }
}
