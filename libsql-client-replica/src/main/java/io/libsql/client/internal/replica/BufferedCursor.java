package io.libsql.client.internal.replica;

import io.libsql.client.ResultSet;
import io.libsql.client.Row;
import io.libsql.client.internal.Columns;
import io.libsql.client.internal.RowCursor;
import java.util.Iterator;

/** A row cursor over a result already in memory (a write sent to the primary through {@code stream}). */
final class BufferedCursor implements RowCursor {
  private final Columns columns;
  private final Iterator<Row> rows;

  BufferedCursor(ResultSet rs) {
    this.columns = new Columns(rs.columns(), rs.columnTypes());
    this.rows = rs.rows().iterator();
  }

  @Override
  public Columns columns() {
    return columns;
  }

  @Override
  public Row next() {
    return rows.hasNext() ? rows.next() : null;
  }

  @Override
  public void close() {
    // nothing held
  }
}
