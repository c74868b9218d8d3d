package io.libsql.examples.reactive;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A row of the note table. */
@Table("note")
public record Note(@Id Long id, String text) {}
