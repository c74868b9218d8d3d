package io.libsql.client.internal.engine;

import io.libsql.client.internal.result.Columns;
import io.libsql.client.Row;

/** Rows read incrementally from one statement. Not thread-safe. Not API. */
public interface RowCursor extends AutoCloseable {
  Columns columns();

  /** The next row, blocking while it is fetched, or null at the end. */
  Row next();

  /** Releases the cursor (and its server resources). Idempotent. */
  @Override
  void close();
}
