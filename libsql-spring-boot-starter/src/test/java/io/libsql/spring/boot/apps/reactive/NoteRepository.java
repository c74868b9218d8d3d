package io.libsql.spring.boot.apps.reactive;

import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;

/** A Spring Data R2DBC repository, as an application writes it. */
public interface NoteRepository extends ReactiveCrudRepository<Note, Long> {
  Flux<Note> findAllBy(Pageable page);
}
