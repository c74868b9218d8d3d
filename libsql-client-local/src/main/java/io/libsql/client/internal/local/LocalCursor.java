package io.libsql.client.internal.local;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.Row;
import io.libsql.client.Statement;
import io.libsql.client.internal.result.ArrayRow;
import io.libsql.client.internal.result.Columns;
import io.libsql.client.internal.engine.RowCursor;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.sqlite.core.CoreStatement;

/** Rows stepped one at a time from SQLite, on a connection the cursor holds until closed. */
final class LocalCursor implements RowCursor, Lease {
  private final LocalEngine engine;
  private final LocalConnection conn;
  private final PreparedStatement ps;
  private final java.sql.ResultSet rs;
  private final Columns columns;
  private boolean closed;

  LocalCursor(LocalEngine engine, LocalConnection conn, Statement statement) {
    this.engine = engine;
    this.conn = conn;
    PreparedStatement p = null;
    try {
      p = conn.prepareUncached(statement.sql());
      LocalConnection.bindTo(p, statement);
      boolean hasRows = p.execute();
      this.columns = LocalConnection.columns(p);
      this.rs = hasRows ? p.getResultSet() : null;
      this.ps = p;
    } catch (SQLException e) {
      closeQuietly(p);
      throw SqliteErrors.map(e);
    } catch (LibsqlException e) {
      closeQuietly(p);
      throw e;
    }
  }

  @Override
  public Columns columns() {
    return columns;
  }

  @Override
  public synchronized Row next() {
    if (closed) {
      throw new LibsqlException(ErrorCode.CLIENT_CLOSED, "the row stream is closed");
    }
    if (rs == null) {
      return null;
    }
    try {
      if (!rs.next()) {
        return null;
      }
      return new ArrayRow(columns, LocalConnection.readRow((CoreStatement) ps, columns.size()));
    } catch (SQLException e) {
      throw SqliteErrors.map(e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeQuietly(rs);
    closeQuietly(ps);
    engine.released(this);
    engine.giveBack(conn, false);
  }

  @Override
  public void forceClose() {
    close();
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // Best effort.
      }
    }
  }
}
