package io.libsql.client.internal.hrana;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.Row;
import io.libsql.client.internal.result.ArrayRow;
import io.libsql.client.internal.result.Columns;
import io.libsql.client.internal.engine.RowCursor;
import io.libsql.client.internal.proto.CursorEntry;

/** The rows of a one-statement cursor, read lazily from its entries. */
final class HranaRowCursor implements RowCursor {
  private final HranaCursor cursor;
  private Columns columns;
  private boolean done;

  HranaRowCursor(HranaCursor cursor) {
    this.cursor = cursor;
  }

  @Override
  public Columns columns() {
    while (columns == null && !done) {
      advance();
    }
    return columns;
  }

  @Override
  public Row next() {
    while (!done) {
      Row row = advance();
      if (row != null) {
        return row;
      }
    }
    return null;
  }

  /** Consumes one entry; returns a row if it was one. */
  private Row advance() {
    CursorEntry e;
    try {
      e = cursor.next();
    } catch (LibsqlException ex) {
      done = true;
      cursor.close();
      throw ex;
    }
    if (e == null) {
      finish();
      return null;
    }
    if (e instanceof CursorEntry.Row) {
      if (columns == null) {
        throw protocol("a row before step_begin");
      }
      return new ArrayRow(columns, ((CursorEntry.Row) e).values());
    }
    if (e instanceof CursorEntry.StepBegin) {
      columns = HranaMapping.columns(((CursorEntry.StepBegin) e).cols());
    } else if (e instanceof CursorEntry.StepEnd) {
      finish();
    } else if (e instanceof CursorEntry.StepError) {
      finish();
      throw HranaErrors.toException(((CursorEntry.StepError) e).error());
    } else if (e instanceof CursorEntry.Error) {
      finish();
      throw HranaErrors.toException(((CursorEntry.Error) e).error());
    }
    return null;
  }

  private void finish() {
    done = true;
    if (columns == null) {
      columns = new Columns(java.util.List.of(), java.util.List.of());
    }
    cursor.close();
  }

  private LibsqlException protocol(String what) {
    finish();
    return new LibsqlException(ErrorCode.HRANA_PROTO_ERROR, "the cursor sent " + what);
  }

  @Override
  public void close() {
    done = true;
    cursor.close();
  }
}
