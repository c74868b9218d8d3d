package io.libsql.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.libsql.r2dbc.spring.LibsqlDialect;
import io.libsql.spring.boot.apps.reactive.NoteRepository;
import io.libsql.spring.boot.apps.reactive.Notes;
import io.libsql.spring.boot.apps.reactive.ReactiveTestApp;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code spring.r2dbc.url=r2dbc:libsql:ws://...}: Boot pools the driver, finds the dialect, and a
 * repository pages and rolls back with {@code @Transactional}; the URL comes from libsql-testing.
 */
@SpringBootTest(classes = ReactiveTestApp.class, properties = {"spring.main.web-application-type=none",
    "spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
        + "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration,"
        + "org.springframework.boot.autoconfigure.liquibase.LiquibaseAutoConfiguration"})
class R2dbcBootTest {
  @DynamicPropertySource
  static void sqld(DynamicPropertyRegistry registry) {
    registry.add("spring.r2dbc.url", () -> "r2dbc:libsql:" + Sqld.get().wsUrl() + "?requestTimeout=PT30S");
  }

  @Autowired ConnectionFactory factory;
  @Autowired R2dbcEntityTemplate template;
  @Autowired DatabaseClient db;
  @Autowired NoteRepository notes;
  @Autowired Notes service;
  @Autowired io.micrometer.core.instrument.MeterRegistry registry;

  @BeforeEach
  void table() {
    db.sql("DROP TABLE IF EXISTS note").then()
        .then(db.sql("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)").then()).block();
  }

  @Test
  void pooledWithTheDialect() {
    assertThat(factory).isInstanceOf(ConnectionPool.class);
    assertThat(template.getDataAccessStrategy().getDialect()).isSameAs(LibsqlDialect.INSTANCE);
  }

  @Test
  void repositoryPagesAndTransactionsRollBack() {
    service.saveAll("a", "b", "c", "d", "e").block();
    List<String> page = notes.findAllBy(PageRequest.of(1, 2, Sort.by("text"))).map(n -> n.text).collectList().block();
    assertThat(page).containsExactly("c", "d");

    Throwable e = service.saveAll("f", "a").materialize().block().getThrowable();
    assertThat(e).isInstanceOf(DataIntegrityViolationException.class);
    assertThat(notes.count().block()).isEqualTo(5L);
  }

  @Test
  void theFactoryMadeFromTheUrlRecordsMeters() {
    notes.count().block();
    // The pooled driver's client has the starter's MicrometerListener: its calls are timed.
    assertThat(registry.find("libsql.client.calls").tag("outcome", "success").timers())
        .anySatisfy(t -> assertThat(t.count()).isGreaterThan(0));
  }
}
