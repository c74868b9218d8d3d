package io.libsql.client;

import java.util.List;

/**
 * The complete result of one statement: its columns, its rows, and what it changed.
 *
 * <p>Immutable and safe to share between threads. For results too large to hold in memory, use
 * {@link Client#stream(Statement)} instead.
 */
public interface ResultSet extends Iterable<Row> {
  /**
   * Column names, in order.
   *
   * @return the column names, in order
   */
  List<String> columns();

  /**
   * Declared column types (as in {@code CREATE TABLE}), or an empty string where unknown.
   *
   * @return the declared types, in column order
   */
  List<String> columnTypes();

  /**
   * The rows, in order.
   *
   * @return the rows, in order
   */
  List<Row> rows();

  /**
   * The number of rows.
   *
   * @return the number of rows
   */
  int size();

  /**
   * Rows inserted, updated or deleted by the statement (0 for queries).
   *
   * @return the number of rows changed
   */
  long rowsAffected();

  /**
   * The rowid of the last row inserted by this statement, or null when it inserted nothing.
   *
   * @return the rowid, or null
   */
  Long lastInsertRowid();

  /**
   * Rows the server read to run the statement (what Turso bills as rows read), or null when the
   * server does not report it (local files, embedded replica reads, servers older than sqld 0.24).
   * A full scan of a table of N rows reads N rows.
   *
   * @return the rows read, or null
   */
  default Long rowsRead() {
    return null;
  }

  /**
   * Rows the server wrote for the statement (billed as rows written), or null as {@link #rowsRead()}.
   *
   * @return the rows written, or null
   */
  default Long rowsWritten() {
    return null;
  }

  /**
   * How long the server spent running the statement, in milliseconds, or null as {@link #rowsRead()}.
   *
   * @return the time in milliseconds, or null
   */
  default Double queryDurationMs() {
    return null;
  }

  /**
   * The server's replication index (frame number) after the statement, or null when not reported:
   * it tells which state of the database the statement saw or produced. sqld reports it for
   * statements outside transactions; inside a batch or transaction it is null (the state is only
   * known at COMMIT).
   *
   * @return the frame number, or null
   */
  default Long replicationIndex() {
    return null;
  }
}
