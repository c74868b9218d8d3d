package io.libsql.client.internal.engine;

import io.libsql.client.internal.result.Columns;
import io.libsql.client.ResultSet;
import io.libsql.client.Row;
import java.util.Iterator;

/**
 * A row cursor over a result already in memory: what {@code stream()} gets where the rows cannot be
 * read lazily (a server without Hrana 3 cursors, a replica's write sent to the primary).
 */
public final class BufferedCursor implements RowCursor {
  private final Columns columns;
  private final Iterator<Row> rows;

  /** @param rs the result whose rows are served */
  public BufferedCursor(ResultSet rs) {
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
