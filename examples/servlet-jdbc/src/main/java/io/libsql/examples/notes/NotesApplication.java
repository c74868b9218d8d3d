package io.libsql.examples.notes;

import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A notes service: Spring MVC and JdbcClient on a jdbc:libsql: data source (see application.properties). */
@SpringBootApplication
public class NotesApplication {
  public static void main(String[] args) {
    SpringApplication.run(NotesApplication.class, args);
  }

  /** A note as the API shows it. */
  public record Note(long id, String text) {}

  @RestController
  static class NotesController {
    private final JdbcClient jdbc;

    NotesController(JdbcClient jdbc) {
      this.jdbc = jdbc;
    }

    @GetMapping("/notes")
    List<Note> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
      return jdbc.sql("SELECT id, text FROM note ORDER BY id LIMIT ? OFFSET ?")
          .params(size, (long) page * size)
          .query(Note.class)
          .list();
    }

    @PostMapping("/notes")
    @ResponseStatus(HttpStatus.CREATED)
    Note add(@RequestBody Map<String, String> body) {
      return jdbc.sql("INSERT INTO note (text) VALUES (?) RETURNING id, text")
          .param(body.get("text"))
          .query(Note.class)
          .single();
    }
  }
}
