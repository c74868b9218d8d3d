package io.libsql.examples.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Starts the application on a random port against a new local file and uses its API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotesApplicationTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void file(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:libsql:file:" + dir.resolve("notes.db"));
  }

  @Autowired TestRestTemplate http;

  @Test
  void addsAndListsNotes() {
    var created = http.postForEntity("/notes", Map.of("text", "hello"), NotesApplication.Note.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.getBody().text()).isEqualTo("hello");
    http.postForEntity("/notes", Map.of("text", "world"), NotesApplication.Note.class);

    NotesApplication.Note[] page = http.getForObject("/notes?page=0&size=1", NotesApplication.Note[].class);
    assertThat(page).extracting(NotesApplication.Note::text).containsExactly("hello");
    assertThat(http.getForObject("/actuator/health", String.class)).contains("\"status\":\"UP\"");
  }
}
