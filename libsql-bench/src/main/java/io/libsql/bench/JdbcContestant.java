package io.libsql.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The local floor: plain sqlite-jdbc doing what a result-returning client has to do for each
 * statement: prepare, execute, read the column names and declared types, and copy every row into
 * an {@code Object[]}; then close the statement. One connection, the caller's thread.
 */
final class JdbcContestant extends JavaContestant {
  private final Connection connection;

  JdbcContestant(String dbPath, Workload workload, long warmupMillis) {
    super(workload, () -> { }, warmupMillis);
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(5000);
    try {
      this.connection = DriverManager.getConnection("jdbc:sqlite:" + dbPath, config.toProperties());
    } catch (SQLException e) {
      throw new BenchException("cannot open " + dbPath + ": " + e.getMessage(), e);
    }
  }

  /** One method per workload, so that the JIT compiles each loop on its own profile. */
  @Override
  Measurement round(double scale, Deadline deadline) {
    try {
      switch (workload) {
        case W1:
          return w1(scale, deadline);
        case W3:
          return w3(scale, deadline);
        default:
          throw new IllegalArgumentException("the local floor runs W1 and W3 only, not " + workload);
      }
    } catch (SQLException e) {
      throw new BenchException("sqlite-jdbc: " + e.getMessage(), e);
    }
  }

  private Measurement w1(double scale, Deadline deadline) throws SQLException {
    long start = System.nanoTime();
    int n = w1Ops(scale);
    long[] latencies = new long[n];
    for (int i = 0; i < n; i++) {
      deadline.check("W1");
      long s = System.nanoTime();
      List<Object[]> rows = query(Data.SELECT_1);
      latencies[i] = System.nanoTime() - s;
      expectRows(rows.size(), 1, "SELECT 1");
    }
    return Measurement.withLatencies(n, System.nanoTime() - start, latencies);
  }

  private Measurement w3(double scale, Deadline deadline) throws SQLException {
    long start = System.nanoTime();
    int queries = Workload.scaled(Workload.W3_QUERIES, scale);
    long rows = 0;
    long check = 0;
    for (int q = 0; q < queries; q++) {
      deadline.check("W3");
      for (Object[] row : query(Data.SELECT_W3)) {
        check += Data.touchW3(row[0], row[1], row[2], row[3], row[4]);
        rows++;
      }
    }
    long nanos = System.nanoTime() - start;
    expectRows((int) rows, queries * Workload.W3_ROWS, "SELECT * FROM w3");
    Data.requireChecksum(check);
    return Measurement.of(rows, nanos);
  }

  private List<Object[]> query(String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql);
         ResultSet rs = statement.executeQuery()) {
      ResultSetMetaData meta = rs.getMetaData();
      int columns = meta.getColumnCount();
      String[] names = new String[columns];
      String[] types = new String[columns];
      for (int c = 0; c < columns; c++) {
        names[c] = meta.getColumnName(c + 1);
        types[c] = meta.getColumnTypeName(c + 1);
      }
      List<Object[]> rows = new ArrayList<>();
      while (rs.next()) {
        Object[] row = new Object[columns];
        for (int c = 0; c < columns; c++) {
          row[c] = rs.getObject(c + 1);
        }
        rows.add(row);
      }
      return rows;
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new BenchException("cannot close the sqlite-jdbc connection: " + e.getMessage(), e);
    }
  }
}
