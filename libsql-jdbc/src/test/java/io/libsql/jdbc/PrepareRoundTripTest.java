package io.libsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * {@code prepareStatement} asks sqld to describe the SQL once per connection and SQL text: a hot
 * statement prepared again costs no round trip. Counted by a proxy (HTTP pipeline POSTs), never timed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrepareRoundTripTest {
  @Test
  void describeIsCachedPerSqlText() throws Exception {
    try (CountingHttpProxy proxy = new CountingHttpProxy(RemoteServer.get().httpUrl());
        Connection c = DriverManager.getConnection("jdbc:libsql:" + proxy.url() + "?requestTimeout=30")) {
      String t = JdbcSuite.table();
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, v TEXT)");
      }
      String sql = "INSERT INTO " + t + " (v) VALUES (?)";
      proxy.reset();
      c.prepareStatement(sql).close();
      assertEquals(1, proxy.pipelinePosts(), "the first prepare describes: " + proxy.requests());
      for (int i = 0; i < 10; i++) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setString(1, "v" + i);
          ps.executeUpdate();
        }
      }
      assertEquals(11, proxy.pipelinePosts(), "then one round trip per execution only: " + proxy.requests());
    }
  }

  /** Hrana 1 has no describe: statements are then prepared by their first execution, as before. */
  @Test
  void hrana1PreparesAtTheFirstExecution() throws Exception {
    try (Connection c = DriverManager.getConnection(RemoteServer.wsUrl() + "&hranaVersion=1")) {
      PreparedStatement ps = c.prepareStatement("SELECT * FROM missing_table_h1");
      assertNull(ps.getMetaData());
      assertEquals(1, assertThrows(SQLException.class, ps::executeQuery).getErrorCode());
      try (PreparedStatement one = c.prepareStatement("SELECT ? AS x")) {
        one.setInt(1, 7);
        assertEquals(1, one.getParameterMetaData().getParameterCount(), "counted from the SQL text");
        try (ResultSet rs = one.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(7, rs.getInt(1));
        }
        assertEquals("x", one.getMetaData().getColumnLabel(1));
      }
    }
  }
}
