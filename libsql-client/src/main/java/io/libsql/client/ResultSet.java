package io.libsql.client;

import java.util.List;

/**
 * The complete result of one statement: its columns, its rows, and what it changed.
 *
 * <p>Immutable and safe to share between threads. For results too large to hold in memory, use
 * {@link Client#stream(Statement)} instead.
 */
public interface ResultSet extends Iterable<Row> {
  /** Column names, in order. */
  List<String> columns();

  /** Declared column types (as in {@code CREATE TABLE}), or an empty string where unknown. */
  List<String> columnTypes();

  /** The rows, in order. */
  List<Row> rows();

  /** The number of rows. */
  int size();

  /** Rows inserted, updated or deleted by the statement (0 for queries). */
  long rowsAffected();

  /** The rowid of the last row inserted by this statement, or null when it inserted nothing. */
  Long lastInsertRowid();
}
