package io.libsql.examples.reactive;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Starts the application on a random port against a new local file and uses its API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S") // a bound for a loaded CI machine, not a speed check
class ReactiveNotesApplicationTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void file(DynamicPropertyRegistry registry) {
    registry.add("spring.r2dbc.url", () -> "r2dbc:libsql:file://" + dir.resolve("notes.db").toAbsolutePath());
  }

  @Autowired WebTestClient http;

  @Test
  void addsAndListsNotes() {
    http.post().uri("/notes").bodyValue(Map.of("text", "hello")).exchange()
        .expectStatus().isCreated().expectBody().jsonPath("$.text").isEqualTo("hello").jsonPath("$.id").isNumber();
    http.post().uri("/notes").bodyValue(Map.of("text", "world")).exchange().expectStatus().isCreated();
    http.get().uri("/notes?page=1&size=1").exchange()
        .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].text").isEqualTo("world");
    http.get().uri("/actuator/health").exchange()
        .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
  }
}
