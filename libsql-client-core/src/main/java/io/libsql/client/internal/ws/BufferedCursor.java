package io.libsql.client.internal.ws;

import io.libsql.client.internal.hrana.HranaCursor;
import io.libsql.client.internal.hrana.HranaErrors;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.client.internal.proto.HranaError;
import io.libsql.client.internal.proto.StmtResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The cursor of a server without cursors (Hrana 1 and 2): the batch ran as one {@code batch}
 * request and its whole result is served from memory as cursor entries.
 */
final class BufferedCursor implements HranaCursor {
  private List<CursorEntry> entries;
  private int position;

  private BufferedCursor(List<CursorEntry> entries) {
    this.entries = entries;
  }

  /** The entries a Hrana 3 cursor would have produced; fails like it on a leading error. */
  static HranaCursor of(BatchResult result) {
    List<CursorEntry> out = new ArrayList<>();
    for (int i = 0; i < result.stepResults().size(); i++) {
      HranaError error = i < result.stepErrors().size() ? result.stepErrors().get(i) : null;
      StmtResult r = result.stepResults().get(i);
      if (error != null) {
        if (out.isEmpty()) {
          throw HranaErrors.toException(error);
        }
        out.add(new CursorEntry.StepError(i, error));
      } else if (r != null) {
        out.add(new CursorEntry.StepBegin(i, r.cols()));
        for (Object[] row : r.rows()) {
          out.add(new CursorEntry.Row(row));
        }
        out.add(new CursorEntry.StepEnd(r.affectedRowCount(), r.lastInsertRowid()));
      }
    }
    return new BufferedCursor(out);
  }

  @Override
  public CursorEntry next() {
    if (entries == null || position >= entries.size()) {
      entries = null;
      return null;
    }
    return entries.get(position++);
  }

  @Override
  public void close() {
    entries = null;
  }
}
