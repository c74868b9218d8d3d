package io.libsql.client.internal.proto;

import java.util.List;

/** One entry of a cursor's output (Hrana 3). */
public sealed interface CursorEntry {
  record StepBegin(int step, List<Col> cols) implements CursorEntry {}

  record StepEnd(long affectedRowCount, Long lastInsertRowid) implements CursorEntry {}

  record StepError(int step, HranaError error) implements CursorEntry {}

  record Row(Object[] values) implements CursorEntry {}

  record Error(HranaError error) implements CursorEntry {}

  record ReplicationIndex(Long index) implements CursorEntry {}
}
