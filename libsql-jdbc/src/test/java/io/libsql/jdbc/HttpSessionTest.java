package io.libsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connection's server stream over HTTP, where sqld expires idle streams: a connection with
 * nothing to lose carries on, one with an open transaction fails with 08006 (so a pool drops it).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpSessionTest {
  private static final long IDLE_MILLIS = 12_000;

  @Test
  void idleAutoCommitConnectionCarriesOn() throws Exception {
    String t = JdbcSuite.table();
    try (Connection c = DriverManager.getConnection(RemoteServer.httpUrl()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + t + " (v INTEGER)");
      Thread.sleep(IDLE_MILLIS);
      assertTrue(c.isValid(5));
      assertEquals(1, s.executeUpdate("INSERT INTO " + t + " VALUES (1)"));
    }
  }

  @Test
  void idleTransactionIsLostAndTheConnectionSaysSo() throws Exception {
    String t = JdbcSuite.table();
    try (Connection c = DriverManager.getConnection(RemoteServer.httpUrl()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + t + " (v INTEGER)");
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO " + t + " VALUES (1)");
      Thread.sleep(IDLE_MILLIS);
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO " + t + " VALUES (2)"));
      assertEquals("08006", e.getSQLState(), e.getMessage());
      assertFalse(c.isValid(2));
    }
    try (Connection c = DriverManager.getConnection(RemoteServer.httpUrl()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
      assertTrue(rs.next());
      assertEquals(0, rs.getInt(1), "the server rolled the lost transaction back");
    }
  }

  @Test
  void tenThousandRowBatch() throws SQLException {
    String t = JdbcSuite.table();
    try (Connection c = DriverManager.getConnection(RemoteServer.httpUrl())) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, v TEXT)");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (v) VALUES (?)")) {
        for (int i = 0; i < 10_000; i++) {
          ps.setString(1, "row " + i);
          ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        assertEquals(10_000, counts.length);
        assertEquals(10_000, java.util.Arrays.stream(counts).sum());
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*), max(id) FROM " + t)) {
        assertTrue(rs.next());
        assertEquals(10_000, rs.getInt(1));
        assertEquals(10_000, rs.getInt(2));
      }
    }
  }
}
