package io.libsql.examples.reactive;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A notes service: WebFlux and a Spring Data R2DBC repository on r2dbc:libsql: (see application.properties). */
@SpringBootApplication
public class ReactiveNotesApplication {
  public static void main(String[] args) {
    SpringApplication.run(ReactiveNotesApplication.class, args);
  }

  @RestController
  static class NotesController {
    private final NoteRepository notes;

    NotesController(NoteRepository notes) {
      this.notes = notes;
    }

    @GetMapping("/notes")
    Flux<Note> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
      return notes.findAllBy(PageRequest.of(page, size, Sort.by("id")));
    }

    @PostMapping("/notes")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Note> add(@RequestBody Map<String, String> body) {
      return notes.save(new Note(null, body.get("text")));
    }
  }
}
