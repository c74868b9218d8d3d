package io.libsql.client.internal.proto;

import java.util.List;

/**
 * The result of one statement; each row is an array of SQL values, one per column.
 *
 * <p>The statistics are sqld's additions to Hrana ({@code rows_read}, {@code rows_written},
 * {@code query_duration_ms}, {@code replication_index}); each is null when the server did not send
 * it (older servers, other implementations).
 */
public record StmtResult(List<Col> cols, List<Object[]> rows, long affectedRowCount, Long lastInsertRowid,
    Long rowsRead, Long rowsWritten, Double queryDurationMs, Long replicationIndex) {

  /** A result without statistics. */
  public StmtResult(List<Col> cols, List<Object[]> rows, long affectedRowCount, Long lastInsertRowid) {
    this(cols, rows, affectedRowCount, lastInsertRowid, null, null, null, null);
  }
}
