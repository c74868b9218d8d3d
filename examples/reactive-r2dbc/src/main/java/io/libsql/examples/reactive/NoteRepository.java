package io.libsql.examples.reactive;

import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;

/** The repository; Spring Data finds the libSQL dialect by itself. */
public interface NoteRepository extends ReactiveCrudRepository<Note, Long> {
  Flux<Note> findAllBy(Pageable page);
}
