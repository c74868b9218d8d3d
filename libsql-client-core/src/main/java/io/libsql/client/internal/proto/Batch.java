package io.libsql.client.internal.proto;

import java.util.List;

/** Statements executed in one request, each under an optional condition. */
public record Batch(List<Step> steps) {

  /** One step; {@code condition} null means always. */
  public record Step(BatchCond condition, Stmt stmt) {}
}
