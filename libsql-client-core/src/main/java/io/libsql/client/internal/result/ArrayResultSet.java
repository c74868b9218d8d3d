package io.libsql.client.internal.result;

import io.libsql.client.ResultSet;
import io.libsql.client.Row;
import java.util.Iterator;
import java.util.List;

/** A fully materialised result. Not API. */
public final class ArrayResultSet implements ResultSet {
  private final Columns columns;
  private final List<Row> rows;
  private final long rowsAffected;
  private final Long lastInsertRowid;
  private final Long rowsRead;
  private final Long rowsWritten;
  private final Double queryDurationMs;
  private final Long replicationIndex;

  public ArrayResultSet(Columns columns, List<Row> rows, long rowsAffected, Long lastInsertRowid) {
    this(columns, rows, rowsAffected, lastInsertRowid, null, null, null, null);
  }

  /** A result with the server's statistics (each null when not reported). */
  public ArrayResultSet(Columns columns, List<Row> rows, long rowsAffected, Long lastInsertRowid, Long rowsRead,
      Long rowsWritten, Double queryDurationMs, Long replicationIndex) {
    this.columns = columns;
    this.rows = rows;
    this.rowsAffected = rowsAffected;
    this.lastInsertRowid = lastInsertRowid;
    this.rowsRead = rowsRead;
    this.rowsWritten = rowsWritten;
    this.queryDurationMs = queryDurationMs;
    this.replicationIndex = replicationIndex;
  }

  @Override
  public Long rowsRead() {
    return rowsRead;
  }

  @Override
  public Long rowsWritten() {
    return rowsWritten;
  }

  @Override
  public Double queryDurationMs() {
    return queryDurationMs;
  }

  @Override
  public Long replicationIndex() {
    return replicationIndex;
  }

  @Override
  public List<String> columns() {
    return columns.names();
  }

  @Override
  public List<String> columnTypes() {
    return columns.types();
  }

  @Override
  public List<Row> rows() {
    return rows;
  }

  @Override
  public int size() {
    return rows.size();
  }

  @Override
  public long rowsAffected() {
    return rowsAffected;
  }

  @Override
  public Long lastInsertRowid() {
    return lastInsertRowid;
  }

  @Override
  public Iterator<Row> iterator() {
    return rows.iterator();
  }

  @Override
  public String toString() {
    return "ResultSet[columns=" + columns.names() + ", rows=" + rows.size() + ", rowsAffected=" + rowsAffected
        + ", lastInsertRowid=" + lastInsertRowid + (rowsRead == null ? "" : ", rowsRead=" + rowsRead
        + ", rowsWritten=" + rowsWritten + ", queryDurationMs=" + queryDurationMs) + "]";
  }
}
