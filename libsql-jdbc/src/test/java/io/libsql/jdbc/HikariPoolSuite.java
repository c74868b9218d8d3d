package io.libsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Unmodified HikariCP over the driver: borrow, run, return, validate, and no eviction on SQL errors. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
abstract class HikariPoolSuite {
  private static final int ACCOUNTS = 10;
  private static final long INITIAL = 1_000;

  protected HikariDataSource pool;
  protected String table;

  protected abstract String url();

  @BeforeEach
  void startPool() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url());
    config.setDriverClassName(LibsqlDriver.class.getName());
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(4);
    config.setConnectionTimeout(30_000);
    config.setValidationTimeout(5_000);
    pool = new HikariDataSource(config);
    table = JdbcSuite.table();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0))");
      for (int i = 0; i < ACCOUNTS; i++) {
        s.execute("INSERT INTO " + table + " VALUES (" + i + ", " + INITIAL + ")");
      }
    }
  }

  @AfterEach
  void stopPool() {
    pool.close();
  }

  private static LibsqlConnection physical(Connection c) throws SQLException {
    return c.unwrap(LibsqlConnection.class);
  }

  @Test
  void sqlErrorsDoNotEvictTheConnection() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url());
    config.setMaximumPoolSize(1);
    try (HikariDataSource single = new HikariDataSource(config)) {
      LibsqlConnection first;
      try (Connection c = single.getConnection(); Statement s = c.createStatement()) {
        first = physical(c);
        SQLIntegrityConstraintViolationException e = assertThrows(SQLIntegrityConstraintViolationException.class,
            () -> s.execute("INSERT INTO " + table + " VALUES (0, 5)"));
        assertEquals("23505", e.getSQLState());
        assertThrows(SQLException.class, () -> s.execute("SELEC nonsense"));
        assertThrows(SQLException.class, () -> s.execute("UPDATE " + table + " SET balance = -1 WHERE id = 0"));
      }
      try (Connection c = single.getConnection()) {
        assertSame(first, physical(c), "the pool must hand out the same physical connection again");
        assertTrue(c.isValid(5));
      }
      assertEquals(1, single.getHikariPoolMXBean().getTotalConnections());
    }
  }

  @Test
  void concurrentTransfersKeepTheTotal() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int seed = t;
        results.add(threads.submit(() -> transfers(seed, 25)));
      }
      int done = 0;
      for (Future<Integer> f : results) {
        done += f.get(150, TimeUnit.SECONDS);
      }
      assertEquals(8 * 25, done);
    } finally {
      threads.shutdownNow();
    }
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sum(balance), count(*) FROM " + table)) {
      assertTrue(rs.next());
      assertEquals(ACCOUNTS * INITIAL, rs.getLong(1));
      assertEquals(ACCOUNTS, rs.getInt(2));
    }
    assertTrue(pool.getHikariPoolMXBean().getTotalConnections() <= 4);
  }

  /** Transfers between random accounts in transactions, retrying when SQLite reports busy. */
  private int transfers(int seed, int count) throws Exception {
    Random random = new Random(seed);
    int done = 0;
    while (done < count) {
      int from = random.nextInt(ACCOUNTS);
      int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
      long amount = 1 + random.nextInt(20);
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement debit = c.prepareStatement("UPDATE " + table + " SET balance = balance - ? WHERE id = ?");
            PreparedStatement credit = c.prepareStatement("UPDATE " + table + " SET balance = balance + ? WHERE id = ?")) {
          debit.setLong(1, amount);
          debit.setInt(2, from);
          credit.setLong(1, amount);
          credit.setInt(2, to);
          assertEquals(1, debit.executeUpdate());
          assertEquals(1, credit.executeUpdate());
          c.commit();
          done++;
        } catch (SQLTransientException busy) {
          c.rollback();
          Thread.sleep(random.nextInt(10));
        } catch (SQLIntegrityConstraintViolationException overdrawn) {
          c.rollback();
          done++;
        }
      }
    }
    return done;
  }
}
