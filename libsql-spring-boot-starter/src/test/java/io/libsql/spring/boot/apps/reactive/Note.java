package io.libsql.spring.boot.apps.reactive;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A row of the reactive Boot test's table. */
@Table("note")
public class Note {
  @Id public Long id;
  public String text;

  public Note() {}

  public Note(String text) {
    this.text = text;
  }
}
