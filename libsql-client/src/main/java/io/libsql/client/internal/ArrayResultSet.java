package io.libsql.client.internal;

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

  public ArrayResultSet(Columns columns, List<Row> rows, long rowsAffected, Long lastInsertRowid) {
    this.columns = columns;
    this.rows = rows;
    this.rowsAffected = rowsAffected;
    this.lastInsertRowid = lastInsertRowid;
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
        + ", lastInsertRowid=" + lastInsertRowid + "]";
  }
}
