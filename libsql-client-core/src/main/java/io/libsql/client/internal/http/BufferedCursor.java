package io.libsql.client.internal.http;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.hrana.HranaCursor;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.client.internal.proto.HranaError;
import io.libsql.client.internal.proto.StmtResult;
import java.util.ArrayDeque;

/**
 * The entries a cursor would have sent, made from a whole {@link BatchResult}: what a server without
 * cursors (Hrana 2) gets. The rows are all in memory. Not thread-safe.
 */
final class BufferedCursor implements HranaCursor {
  private final BatchResult result;
  private final ArrayDeque<CursorEntry> pending = new ArrayDeque<>();
  private int step;
  private boolean closed;

  BufferedCursor(BatchResult result) {
    this.result = result;
  }

  @Override
  public CursorEntry next() {
    if (closed) {
      throw new LibsqlException(ErrorCode.CLIENT_CLOSED, "the cursor is closed");
    }
    while (pending.isEmpty() && step < result.stepResults().size()) {
      StmtResult r = result.stepResults().get(step);
      HranaError e = step < result.stepErrors().size() ? result.stepErrors().get(step) : null;
      if (r != null) {
        pending.add(new CursorEntry.StepBegin(step, r.cols()));
        for (Object[] row : r.rows()) {
          pending.add(new CursorEntry.Row(row));
        }
        pending.add(new CursorEntry.StepEnd(r.affectedRowCount(), r.lastInsertRowid()));
      } else if (e != null) {
        pending.add(new CursorEntry.StepError(step, e));
      }
      step++;
    }
    return pending.poll();
  }

  @Override
  public void close() {
    closed = true;
    pending.clear();
  }
}
