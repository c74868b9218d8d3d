package io.libsql.client.internal.hrana;

import io.libsql.client.internal.proto.CursorEntry;

/** Entries of a running cursor, read with bounded memory. Not thread-safe. */
public interface HranaCursor extends AutoCloseable {
  /** The next entry, blocking while more are fetched; null when the cursor is done. */
  CursorEntry next();

  /** Closes the cursor and its stream. Idempotent. */
  @Override
  void close();
}
