package io.libsql.client.internal.hrana;

import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.BatchCond;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.HranaError;
import io.libsql.client.internal.proto.Stmt;
import io.libsql.client.internal.sql.SqlText;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code executeMultiple} sends, on every transport and stream: the script as a batch of its
 * statements (split as SQLite's {@code sqlite3_complete} would), each conditioned on the success of
 * the one before. Like SQLite's {@code sqlite3_exec} (and a {@code file:} URL), statements run in
 * order until the first failure, with no implicit transaction: those before it stay applied, the
 * failure is the first failing statement's error. Hrana's {@code sequence} is not used: Hrana 1
 * lacks it, servers that only take {@code execute} and {@code batch} lack it, and sqld 0.24 silently
 * skips a statement it cannot parse there ({@code INSERT ...; NONSENSE; INSERT ...} runs both
 * inserts and reports success).
 */
public final class Sequences {
  private Sequences() {}

  /** The batch for {@code sql}, or null if it holds no statement. */
  public static Batch asBatch(String sql) {
    List<String> statements = SqlText.split(sql);
    if (statements.isEmpty()) {
      return null;
    }
    List<Batch.Step> steps = new ArrayList<>(statements.size());
    for (int i = 0; i < statements.size(); i++) {
      steps.add(new Batch.Step(i == 0 ? null : new BatchCond.Ok(i - 1), Stmt.sql(statements.get(i), false)));
    }
    return new Batch(steps);
  }

  /** Throws the first step's error, as {@code sequence} would have. */
  public static Void check(BatchResult result) {
    for (HranaError e : result.stepErrors()) {
      if (e != null) {
        throw HranaErrors.toException(e);
      }
    }
    return null;
  }
}
