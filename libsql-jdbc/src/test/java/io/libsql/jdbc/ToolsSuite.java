package io.libsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Third-party tools run unmodified over the driver, as their users would set them up: jdbi (by URL,
 * rows mapped to records), jOOQ ({@code SQLDialect.SQLITE} on a connection), Liquibase (by URL with
 * the driver class named) and Flyway (given a {@code DataSource}; by URL it needs the
 * {@code libsql-flyway} plugin). Each subclass gives a local file or a real sqld; tables carry a
 * unique prefix so suites can share one server.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
abstract class ToolsSuite {
  /** The JDBC URL of this suite's database. */
  protected abstract String url();

  @BeforeAll
  static void quietTools() {
    // Neither banners nor network calls home from the tools under test.
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    System.setProperty("liquibase.analytics.enabled", "false");
    System.setProperty("liquibase.showBanner", "false");
  }

  private LibsqlDataSource dataSource() {
    LibsqlDataSource ds = new LibsqlDataSource();
    ds.setUrl(url());
    return ds;
  }

  private long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  // ---- jdbi ----

  /** A row of the account table, as jdbi maps it through the record's canonical constructor. */
  public record Account(long id, String name, long balance, LocalDate opened) {}

  /** What an insert binds, by accessor name (bindMethods). */
  public record NewAccount(String name, long balance, LocalDate opened) {}

  @Test
  void jdbiMapsRowsToRecords() {
    String t = JdbcSuite.table();
    Jdbi jdbi = Jdbi.create(url()); // through DriverManager
    jdbi.registerRowMapper(ConstructorMapper.factory(Account.class));
    jdbi.useHandle(h -> h.execute("CREATE TABLE " + t
        + " (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, balance INTEGER NOT NULL, opened DATE)"));

    long first = jdbi.withHandle(h -> h.createUpdate("INSERT INTO " + t + " (name, balance, opened) VALUES (:name, :balance, :opened)")
        .bindMethods(new NewAccount("ada", 100, LocalDate.of(2024, 5, 1)))
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one());
    assertEquals(1, first);

    jdbi.useHandle(h -> {
      PreparedBatch batch = h.prepareBatch("INSERT INTO " + t + " (name, balance, opened) VALUES (:name, :balance, :opened)");
      for (int i = 0; i < 50; i++) {
        batch.bindMethods(new NewAccount("user" + i, i, i % 2 == 0 ? null : LocalDate.of(2024, 1, 1).plusDays(i))).add();
      }
      int[] counts = batch.execute();
      assertEquals(50, counts.length);
    });

    List<Account> rich = jdbi.withHandle(h -> h.createQuery("SELECT id, name, balance, opened FROM " + t
            + " WHERE balance >= :min ORDER BY balance DESC, id")
        .bind("min", 48)
        .mapTo(Account.class)
        .list());
    assertEquals(List.of(new Account(1, "ada", 100, LocalDate.of(2024, 5, 1)),
        new Account(51, "user49", 49, LocalDate.of(2024, 2, 19)),
        new Account(50, "user48", 48, null)), rich);

    // A transaction that fails rolls back; one that succeeds commits.
    assertThrows(IllegalStateException.class, () -> jdbi.useTransaction(h -> {
      h.createUpdate("UPDATE " + t + " SET balance = balance - 60 WHERE name = 'ada'").execute();
      throw new IllegalStateException("abort");
    }));
    jdbi.useTransaction(h -> {
      h.createUpdate("UPDATE " + t + " SET balance = balance - 30 WHERE name = :n").bind("n", "ada").execute();
      h.createUpdate("UPDATE " + t + " SET balance = balance + 30 WHERE name = :n").bind("n", "user0").execute();
    });
    Map<String, Long> balances = jdbi.withHandle(h -> h.createQuery("SELECT name, balance FROM " + t + " WHERE name IN ('ada', 'user0')")
        .setMapKeyColumn("name").setMapValueColumn("balance")
        .collectInto(new org.jdbi.v3.core.generic.GenericType<Map<String, Long>>() {}));
    assertEquals(Map.of("ada", 70L, "user0", 30L), balances);

    // A constraint violation reaches jdbi as the driver's SQLIntegrityConstraintViolationException.
    Exception dup = assertThrows(Exception.class, () -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO " + t
        + " (name, balance) VALUES ('ada', 1)").execute()));
    assertTrue(dup.getCause() instanceof java.sql.SQLIntegrityConstraintViolationException, String.valueOf(dup.getCause()));

    Handle h = jdbi.open();
    try (h) {
      assertEquals(51, h.createQuery("SELECT count(*) FROM " + t).mapTo(Integer.class).one());
    }
  }

  // ---- jOOQ ----

  /** A row as jOOQ's DefaultRecordMapper maps it into a record. */
  public record Book(int id, String title, int year, Double price) {}

  @Test
  void jooqWithSqliteDialect() throws SQLException {
    Table<?> book = DSL.table(DSL.name(JdbcSuite.table()));
    Field<Integer> id = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
    Field<String> title = DSL.field(DSL.name("title"), SQLDataType.VARCHAR(200));
    Field<Integer> year = DSL.field(DSL.name("year"), SQLDataType.INTEGER);
    Field<Double> price = DSL.field(DSL.name("price"), SQLDataType.DOUBLE);
    try (Connection c = DriverManager.getConnection(url())) {
      DSLContext db = DSL.using(c, SQLDialect.SQLITE);
      db.createTable(book)
          .column(id, SQLDataType.INTEGER.identity(true))
          .column(title, SQLDataType.VARCHAR(200).nullable(false))
          .column(year, SQLDataType.INTEGER.nullable(false))
          .column(price, SQLDataType.DOUBLE.nullable(true))
          .constraints(DSL.primaryKey(id), DSL.unique(title))
          .execute();

      // INSERT ... RETURNING
      Record1<Integer> key = db.insertInto(book, title, year, price).values("Solaris", 1961, 9.5).returningResult(id).fetchOne();
      assertEquals(1, key.value1());
      assertEquals(2, db.insertInto(book, title, year, price)
          .values("The Dispossessed", 1974, null)
          .values("Neuromancer", 1984, 12.25)
          .execute());
      // A batch of bound inserts: executeBatch
      int[] counts = db.batch(db.insertInto(book, title, year, price).values((String) null, (Integer) null, (Double) null))
          .bind("Dune", 1965, 8.0)
          .bind("Hyperion", 1989, null)
          .execute();
      assertArrayEquals(new int[] {1, 1}, counts);

      List<Book> sixties = db.select(id, title, year, price).from(book)
          .where(year.between(1960, 1969)).orderBy(year).fetchInto(Book.class);
      assertEquals(List.of(new Book(1, "Solaris", 1961, 9.5), new Book(4, "Dune", 1965, 8.0)), sixties);

      assertEquals(2, db.update(book).set(price, price.mul(2.0)).where(price.gt(9.0)).execute());
      assertEquals(24.5, db.select(price).from(book).where(title.eq("Neuromancer")).fetchOne(price));

      // Transactions: committed, rolled back by an exception, and a nested one rolled back to its savepoint.
      db.transaction(cfg -> DSL.using(cfg).update(book).set(year, 1962).where(title.eq("Solaris")).execute());
      assertThrows(RuntimeException.class, () -> db.transaction(cfg -> {
        DSL.using(cfg).deleteFrom(book).execute();
        throw new RuntimeException("abort");
      }));
      int kept = db.transactionResult(cfg -> {
        DSLContext tx = DSL.using(cfg);
        tx.insertInto(book, title, year).values("Ubik", 1969).execute();
        assertThrows(RuntimeException.class, () -> tx.transaction(inner -> {
          DSL.using(inner).insertInto(book, title, year).values("Valis", 1981).execute();
          throw new RuntimeException("inner abort");
        }));
        return tx.fetchCount(book);
      });
      assertEquals(6, kept);
      assertTrue(c.getAutoCommit(), "jOOQ restores auto-commit");
      assertEquals(1962, db.select(year).from(book).where(title.eq("Solaris")).fetchOne(year));
      assertNull(db.select(price).from(book).where(title.eq("Valis")).fetchOne());
      assertEquals(List.of("Dune", "Hyperion", "Neuromancer", "Solaris", "The Dispossessed", "Ubik"),
          db.select(title).from(book).orderBy(title).fetch(title));
    }
  }

  // ---- Liquibase ----

  private void liquibaseUpdate(String prefix) throws Exception {
    Map<String, Object> settings = Map.of(
        "liquibase.analytics.enabled", false,
        "liquibase.databaseChangeLogTableName", prefix + "_changelog",
        "liquibase.databaseChangeLogLockTableName", prefix + "_changelog_lock");
    Scope.child(settings, () -> {
      ChangeLogParameters parameters = new ChangeLogParameters();
      parameters.set("prefix", prefix);
      new CommandScope(UpdateCommandStep.COMMAND_NAME)
          .addArgumentValue(DbUrlConnectionArgumentsCommandStep.URL_ARG, url())
          .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DRIVER_ARG, LibsqlDriver.class.getName())
          .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, "tools/liquibase/changelog.yaml")
          .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, parameters)
          .execute();
    });
  }

  @Test
  void liquibaseAppliesAChangelogByUrl() throws Exception {
    String p = JdbcSuite.table();
    liquibaseUpdate(p);
    liquibaseUpdate(p); // already applied: nothing to do
    assertEquals(3, count("SELECT count(*) FROM " + p + "_changelog"));
    assertEquals(0, count("SELECT count(*) FROM " + p + "_changelog_lock WHERE locked"));
    assertEquals(2, count("SELECT count(*) FROM " + p + "_book WHERE published IS NOT NULL"));
    assertEquals(1, count("SELECT count(*) FROM pragma_foreign_key_list('" + p + "_book')"));
    assertEquals(1, count("SELECT count(*) FROM pragma_index_list('" + p + "_book') WHERE name = '" + p + "_book_author'"));
  }

  /** Liquibase finds no driver for an unknown URL prefix by itself (it does not ask DriverManager). */
  @Test
  void liquibaseByUrlNeedsTheDriverNamed() {
    Exception e = assertThrows(Exception.class, () -> Scope.child(Map.of("liquibase.analytics.enabled", false),
        () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.URL_ARG, url())
            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, "tools/liquibase/changelog.yaml")
            .execute()));
    List<String> messages = new ArrayList<>();
    for (Throwable x = e; x != null; x = x.getCause()) {
      messages.add(x.getMessage());
    }
    assertTrue(messages.toString().contains("Driver class was not specified"), messages.toString());
  }

  // ---- Flyway ----

  private Flyway flyway(String prefix) {
    return Flyway.configure()
        .dataSource(dataSource())
        .locations("classpath:tools/flyway")
        .table(prefix + "_history")
        // The database holds other suites' tables: start the history below V1.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .placeholders(Map.of("prefix", prefix))
        .load();
  }

  @Test
  void flywayMigratesThroughADataSource() throws SQLException {
    String p = JdbcSuite.table();
    MigrateResult first = flyway(p).migrate();
    assertTrue(first.success);
    assertEquals(3, first.migrationsExecuted);
    assertEquals("SQLite", first.databaseType, "chosen from getDatabaseProductName()");
    assertEquals(0, flyway(p).migrate().migrationsExecuted);
    flyway(p).validate();
    assertEquals(4, flyway(p).info().applied().length, "the baseline and V1..V3");
    assertEquals(3, count("SELECT count(*) FROM " + p + "_book WHERE published IS NOT NULL"));
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO " + p + "_book (author_id, title) VALUES (2, '  Fiasco  ')");
      try (ResultSet rs = s.executeQuery("SELECT title FROM " + p + "_book WHERE author_id = 2 ORDER BY id DESC")) {
        assertTrue(rs.next());
        assertEquals("Fiasco", rs.getString(1), "the trigger from V3 works");
      }
    }
  }

  /** By URL Flyway picks its database type by prefix only: jdbc:libsql: needs the libsql-flyway plugin. */
  @Test
  void flywayByUrlNeedsThePlugin() {
    List<String> messages = new ArrayList<>();
    FlywayException e = assertThrows(FlywayException.class,
        () -> Flyway.configure().dataSource(url(), null, null).locations("classpath:tools/flyway").load().migrate());
    for (Throwable x = e; x != null; x = x.getCause()) {
      messages.add(x.getMessage());
    }
    assertTrue(messages.toString().contains("No Flyway database plugin found to handle jdbc:libsql:"), messages.toString());
  }
}
