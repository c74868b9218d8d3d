package io.libsql.spring.boot.apps.reactive;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Saves notes all or nothing. */
@Service
public class Notes {
  private final NoteRepository notes;

  public Notes(NoteRepository notes) {
    this.notes = notes;
  }

  @Transactional
  public Mono<Void> saveAll(String... texts) {
    return Flux.fromArray(texts).concatMap(t -> notes.save(new Note(t))).then();
  }
}
