package io.libsql.examples.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import io.libsql.micrometer.MicrometerListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;

/**
 * Spring Boot 4.0, reactive: a Spring Data R2DBC repository pages over {@code r2dbc:libsql:} with the
 * dialect found by Boot, the starter's {@code libsql.url} gives a working {@code Client}, and the
 * connection factory Boot made from the URL records {@code libsql.client.*} meters.
 */
@SpringBootTest(classes = Boot4CompatTest.App.class, properties = {"libsql.url=file::memory:", "spring.flyway.enabled=false", "spring.liquibase.enabled=false"})
class Boot4CompatTest {
  @SpringBootApplication
  @org.springframework.data.r2dbc.repository.config.EnableR2dbcRepositories(considerNestedRepositories = true)
  static class App {}

  @Table("note")
  record Note(@Id Long id, String text) {}

  interface Notes extends ReactiveCrudRepository<Note, Long> {
    Flux<Note> findAllBy(Pageable page);
  }

  @TempDir static Path dir;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("spring.r2dbc.url", () -> "r2dbc:libsql:file://" + dir.resolve("b4.db").toAbsolutePath());
  }

  @Autowired ApplicationContext context;
  @Autowired DatabaseClient db;
  @Autowired Notes notes;
  @Autowired io.libsql.client.Client client;
  @Autowired MeterRegistry registry;

  @Test
  void repositoryAndClientWork() {
    db.sql("CREATE TABLE IF NOT EXISTS note (id INTEGER PRIMARY KEY, text TEXT)").then().block();
    Flux.just("a", "b", "c").concatMap(t -> notes.save(new Note(null, t))).blockLast();
    assertThat(notes.findAllBy(PageRequest.of(1, 2, Sort.by("text"))).map(Note::text).collectList().block()).containsExactly("c");
    assertThat(client.execute("SELECT 1").size()).isEqualTo(1);
  }

  @Test
  void theFactoryMadeFromTheUrlRecordsMeters() {
    assertThat(context.getBean(io.libsql.client.ClientListener.class)).isInstanceOf(MicrometerListener.class);
    db.sql("SELECT 1").fetch().all().collectList().block();
    assertThat(registry.find("libsql.client.calls").tag("kind", "stream").timers())
        .anySatisfy(t -> assertThat(t.count()).isGreaterThan(0));
  }
}
