package io.libsql.client.internal.replica;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A second process reading a replica file with plain sqlite-jdbc while it is being synced: checks
 * the invariant of {@code ReplicaSyncTest.concurrentReadersSeeOnlyCommittedStates} on every read.
 * Runs until the stop file exists; prints {@code reads=N violations=M errors=E}.
 */
public final class ReplicaReaderMain {
  private ReplicaReaderMain() {}

  /** {@code count(*) FROM inv} must equal {@code meta.n}; returns false on a torn state. */
  public static boolean consistent(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM inv), (SELECT n FROM meta WHERE id = 1),"
            + " (SELECT count(DISTINCT tx) * 50 FROM inv)")) {
      rs.next();
      return rs.getLong(1) == rs.getLong(2) && rs.getLong(1) == rs.getLong(3);
    }
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    Path stop = Path.of(args[1]);
    long until = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000L;
    long reads = 0;
    long violations = 0;
    long errors = 0;
    String lastError = "";
    try (Connection c = ReplicaTesting.readOnly(file)) {
      System.out.println("started");
      System.out.flush();
      while (System.nanoTime() < until && (reads % 64 != 0 || !java.nio.file.Files.exists(stop))) {
        try {
          if (!consistent(c)) {
            violations++;
          }
          reads++;
        } catch (SQLException e) {
          errors++;
          lastError = e.getMessage();
        }
      }
    }
    System.out.println("reads=" + reads + " violations=" + violations + " errors=" + errors + " lastError=" + lastError);
  }
}
