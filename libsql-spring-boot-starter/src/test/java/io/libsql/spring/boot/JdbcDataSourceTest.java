package io.libsql.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.libsql.spring.boot.apps.jdbc.JdbcTestApp;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code spring.datasource.url=jdbc:libsql:ws://...} with no driver class named: HikariCP, Flyway and
 * Liquibase run against a real sqld whose URL libsql-testing supplies.
 */
@SpringBootTest(classes = JdbcTestApp.class, properties = {
    "spring.main.web-application-type=none",
    // The sqld is shared with other tests (and Liquibase may run first): start Flyway's history at 0.
    "spring.flyway.baseline-on-migrate=true", "spring.flyway.baseline-version=0", "spring.autoconfigure.exclude="
        + "org.springframework.boot.autoconfigure.r2dbc.R2dbcAutoConfiguration,"
        + "org.springframework.boot.autoconfigure.data.r2dbc.R2dbcDataAutoConfiguration,"
        + "org.springframework.boot.autoconfigure.data.r2dbc.R2dbcRepositoriesAutoConfiguration,"
        + "org.springframework.boot.autoconfigure.r2dbc.R2dbcTransactionManagerAutoConfiguration"})
class JdbcDataSourceTest {
  @DynamicPropertySource
  static void sqld(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:libsql:" + Sqld.get().wsUrl() + "?requestTimeout=30");
  }

  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;
  @Autowired io.micrometer.core.instrument.MeterRegistry registry;

  @Test
  void hikariFlywayAndLiquibaseRunOnTheDriver() {
    assertThat(dataSource).isInstanceOf(HikariDataSource.class);
    assertThat(((HikariDataSource) dataSource).getDriverClassName()).isEqualTo("io.libsql.jdbc.LibsqlDriver");
    assertThat(jdbc.queryForObject("SELECT name FROM flyway_items", String.class)).isEqualTo("from flyway");
    assertThat(jdbc.queryForObject("SELECT name FROM liquibase_items WHERE id = 1", String.class))
        .isEqualTo("from liquibase");
  }

  @Test
  void thePoolMadeFromTheUrlRecordsMeters() {
    assertThat(((HikariDataSource) dataSource).getDataSource()).isInstanceOf(io.libsql.jdbc.LibsqlDataSource.class);
    double before = calls();
    assertThat(jdbc.queryForObject("SELECT 41 + 1", Integer.class)).isEqualTo(42);
    // The pooled connections' clients have the starter's MicrometerListener: this query was timed.
    assertThat(calls()).isGreaterThan(before);
  }

  private double calls() {
    return registry.find("libsql.client.calls").tag("outcome", "success").timers().stream()
        .mapToDouble(t -> t.count()).sum();
  }
}
