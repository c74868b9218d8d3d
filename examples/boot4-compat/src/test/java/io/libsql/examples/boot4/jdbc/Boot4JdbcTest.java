package io.libsql.examples.boot4.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Spring Boot 4.0, JDBC: {@code spring.datasource.url=jdbc:libsql:...} with no driver class named
 * gives HikariCP on libsql-jdbc and runs Flyway and Liquibase; the {@code libsql.url} client is UP in the health
 * endpoint. (R2DBC is excluded: Boot builds no DataSource beside an R2DBC ConnectionFactory.)
 */
@SpringBootTest(classes = Boot4JdbcTest.App.class, properties = {"libsql.url=file::memory:",
    // Liquibase may run first: let Flyway start its history at 0 on the non-empty database.
    "spring.flyway.baseline-on-migrate=true", "spring.flyway.baseline-version=0",
    "spring.autoconfigure.exclude=org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration,"
        + "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration,"
        + "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration,"
        + "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration"})
class Boot4JdbcTest {
  @SpringBootApplication
  static class App {}

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.datasource.url", () -> "jdbc:libsql:file:" + dir.resolve("b4-jdbc.db").toAbsolutePath());
  }

  @Autowired ApplicationContext context;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;
  @Autowired io.micrometer.core.instrument.MeterRegistry registry;

  @Test
  void jdbcUrlWithoutDriverClassGivesHikariFlywayAndLiquibase() {
    assertThat(context.getBean(JdbcConnectionDetails.class).getDriverClassName()).isEqualTo("io.libsql.jdbc.LibsqlDriver");
    assertThat(dataSource).isInstanceOf(HikariDataSource.class);
    assertThat(((HikariDataSource) dataSource).getDriverClassName()).isEqualTo("io.libsql.jdbc.LibsqlDriver");
    assertThat(jdbc.queryForObject("SELECT name FROM flyway_items", String.class)).isEqualTo("from flyway");
    assertThat(jdbc.queryForObject("SELECT name FROM liquibase_items WHERE id = 1", String.class)).isEqualTo("from liquibase");
  }

  @Test
  void healthReportsTheDatabase() {
    HealthIndicator libsql = context.getBean("libsqlHealthIndicator", HealthIndicator.class);
    assertThat(libsql.health().getStatus()).isEqualTo(Status.UP);
    assertThat(libsql.health().getDetails()).containsEntry("protocol", "file");
    assertThat(context.getBean(HealthEndpoint.class).healthForPath("libsql").getStatus()).isEqualTo(Status.UP);
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
