package io.libsql.client.internal.proto;

import java.util.List;

/** A condition on a batch step. */
public sealed interface BatchCond {
  /** True if step {@code step} succeeded. */
  record Ok(int step) implements BatchCond {}

  /** True if step {@code step} failed. */
  record Error(int step) implements BatchCond {}

  record Not(BatchCond cond) implements BatchCond {}

  record And(List<BatchCond> conds) implements BatchCond {}

  record Or(List<BatchCond> conds) implements BatchCond {}

  /** True if the stream is in autocommit mode (Hrana 3). */
  record IsAutocommit() implements BatchCond {}
}
