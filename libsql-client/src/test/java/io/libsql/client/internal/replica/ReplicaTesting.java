package io.libsql.client.internal.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.libsql.client.Client;
import io.libsql.client.Row;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** Helpers for the replica tests: compare a replica with its primary, read the file with plain sqlite-jdbc. */
public final class ReplicaTesting {
  private ReplicaTesting() {}

  /** The schema and every table's rows (by rowid), as comparable text. */
  public static List<String> dump(Client c) {
    List<String> out = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    for (Row r : c.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        + " AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY type, name")) {
      out.add(r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3));
      if ("table".equals(r.get(0))) {
        tables.add((String) r.get(1));
      }
    }
    for (String t : tables) {
      for (Row r : c.execute("SELECT * FROM \"" + t + "\" ORDER BY rowid")) {
        StringBuilder sb = new StringBuilder(t).append(':');
        for (int i = 0; i < r.size(); i++) {
          Object v = r.get(i);
          sb.append(v instanceof byte[] ? Arrays.hashCode((byte[]) v) + "#" + ((byte[]) v).length : String.valueOf(v)).append('|');
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  /** Asserts same schema and rows, and {@code PRAGMA integrity_check} = ok on the replica file. */
  public static void assertReplicaEquals(Client primary, Client replica, Path file) {
    List<String> expected = dump(primary);
    List<String> actual = dump(replica);
    assertEquals(expected.size(), actual.size(), "row and schema count");
    assertEquals(expected, actual);
    assertEquals("ok", integrityCheck(file));
    assertEquals("ok", replica.execute("PRAGMA integrity_check").rows().get(0).get(0));
  }

  /** A plain sqlite-jdbc read-only connection to {@code file}, as another program would open it. */
  public static Connection readOnly(Path file) throws SQLException {
    Properties p = new Properties();
    p.setProperty("open_mode", "1");
    p.setProperty("busy_timeout", "10000");
    return DriverManager.getConnection("jdbc:sqlite:" + file, p);
  }

  public static String integrityCheck(Path file) {
    try (Connection c = readOnly(file); java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new AssertionError("cannot check " + file + ": " + e.getMessage(), e);
    }
  }

  public static long scalar(Client c, String sql) {
    return c.execute(sql).rows().get(0).getLong(0);
  }
}
