package io.libsql.client.internal.hrana;

import io.libsql.client.Description;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Row;
import io.libsql.client.Statement;
import io.libsql.client.TransactionMode;
import io.libsql.client.internal.result.ArrayResultSet;
import io.libsql.client.internal.result.ArrayRow;
import io.libsql.client.internal.result.Columns;
import io.libsql.client.internal.StatementChecks;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.BatchCond;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.Col;
import io.libsql.client.internal.proto.DescribeResult;
import io.libsql.client.internal.proto.HranaError;
import io.libsql.client.internal.proto.Stmt;
import io.libsql.client.internal.proto.StmtResult;
import io.libsql.client.internal.sql.SqlParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Conversions between the public API's values and Hrana records. */
final class HranaMapping {
  private HranaMapping() {}

  /** The statement, once it passed {@link StatementChecks#check}. */
  static Stmt toStmt(Statement s) {
    StatementChecks.check(s);
    return convert(s);
  }

  static Stmt convert(Statement s) {
    if (s.namedArgs().isEmpty()) {
      return new Stmt(s.sql(), null, s.args(), List.of(), true);
    }
    List<Stmt.NamedArg> named = new ArrayList<>(s.namedArgs().size());
    for (Map.Entry<String, Object> e : SqlParameters.resolveNamed(s.sql(), s.namedArgs())) {
      named.add(new Stmt.NamedArg(e.getKey(), e.getValue()));
    }
    return new Stmt(s.sql(), null, List.of(), named, true);
  }

  static Columns columns(List<Col> cols) {
    List<String> names = new ArrayList<>(cols.size());
    List<String> types = new ArrayList<>(cols.size());
    for (Col c : cols) {
      names.add(c.name() == null ? "" : c.name());
      types.add(c.decltype() == null ? "" : c.decltype());
    }
    return new Columns(names, types);
  }

  /** The server's {@code params} has one entry per parameter index (a name or null). */
  static Description toDescription(DescribeResult r) {
    List<String> names = new ArrayList<>(r.cols().size());
    List<String> types = new ArrayList<>(r.cols().size());
    for (Col c : r.cols()) {
      names.add(c.name() == null ? "" : c.name());
      types.add(c.decltype() == null ? "" : c.decltype());
    }
    return new Description(r.params().size(), names, types);
  }

  static ResultSet toResultSet(StmtResult r) {
    Columns columns = columns(r.cols());
    List<Object[]> raw = r.rows();
    Row[] rows = new Row[raw.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new ArrayRow(columns, raw.get(i));
    }
    // sqld reports the connection's last rowid even for an INSERT that inserted nothing; a local file says null
    Long rowid = r.affectedRowCount() == 0 ? null : r.lastInsertRowid();
    return new ArrayResultSet(columns, Arrays.asList(rows), r.affectedRowCount(), rowid, r.rowsRead(),
        r.rowsWritten(), r.queryDurationMs(), r.replicationIndex());
  }

  /**
   * The atomic batch: BEGIN, each statement if the previous step succeeded, COMMIT if the last
   * statement succeeded, and ROLLBACK unless COMMIT succeeded.
   */
  static Batch atomicBatch(TransactionMode mode, List<Statement> statements) {
    StatementChecks.checkAll(statements);
    int n = statements.size();
    List<Batch.Step> steps = new ArrayList<>(n + 3);
    steps.add(new Batch.Step(null, Stmt.sql(mode.beginSql(), false)));
    for (int i = 0; i < n; i++) {
      steps.add(new Batch.Step(new BatchCond.Ok(i), convert(statements.get(i))));
    }
    steps.add(new Batch.Step(new BatchCond.Ok(n), Stmt.sql("COMMIT", false)));
    steps.add(new Batch.Step(new BatchCond.Not(new BatchCond.Ok(n + 1)), Stmt.sql("ROLLBACK", false)));
    return new Batch(steps);
  }

  /** Results of {@link #atomicBatch}, or the exception of the step that failed. */
  static List<ResultSet> atomicBatchResults(BatchResult result, int n) {
    HranaError beginError = error(result, 0);
    if (beginError != null) {
      throw HranaErrors.toException(beginError);
    }
    List<ResultSet> out = stepResults(result, 1, n);
    HranaError commitError = error(result, n + 1);
    if (commitError != null) {
      throw HranaErrors.toException(commitError);
    }
    return out;
  }

  /**
   * Statements run in order on a stream inside a transaction: step {@code offset + i} runs if the
   * step before it succeeded ({@code offset} is 1 when the batch starts with BEGIN).
   */
  static Batch sequentialBatch(Stmt first, List<Statement> statements) {
    StatementChecks.checkAll(statements);
    List<Batch.Step> steps = new ArrayList<>(statements.size() + 1);
    if (first != null) {
      steps.add(new Batch.Step(null, first));
    }
    for (Statement s : statements) {
      int prev = steps.size() - 1;
      steps.add(new Batch.Step(prev < 0 ? null : new BatchCond.Ok(prev), convert(s)));
    }
    return new Batch(steps);
  }

  /** The results of steps {@code offset .. offset+n-1}, throwing the first step error with its index. */
  static List<ResultSet> stepResults(BatchResult result, int offset, int n) {
    List<ResultSet> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      HranaError error = error(result, offset + i);
      if (error != null) {
        throw HranaErrors.toException(error).withStatementIndex(i);
      }
      StmtResult r = offset + i < result.stepResults().size() ? result.stepResults().get(offset + i) : null;
      if (r == null) {
        throw new LibsqlException(io.libsql.client.ErrorCode.HRANA_PROTO_ERROR,
            "the server skipped batch step " + (offset + i) + " without reporting an error");
      }
      out.add(toResultSet(r));
    }
    return out;
  }

  /** The results of a {@link #sequentialBatch} that started with BEGIN. */
  static List<ResultSet> beginThen(BatchResult result, int n) {
    HranaError beginError = error(result, 0);
    if (beginError != null) {
      throw HranaErrors.toException(beginError);
    }
    return stepResults(result, 1, n);
  }

  /** The result of a single statement that followed BEGIN in one batch; errors keep no index. */
  static ResultSet singleAfterBegin(BatchResult result) {
    HranaError error = error(result, 0);
    if (error == null) {
      error = error(result, 1);
    }
    if (error != null) {
      throw HranaErrors.toException(error);
    }
    StmtResult r = result.stepResults().size() > 1 ? result.stepResults().get(1) : null;
    if (r == null) {
      throw new LibsqlException(io.libsql.client.ErrorCode.HRANA_PROTO_ERROR, "the server skipped the statement after BEGIN");
    }
    return toResultSet(r);
  }

  /**
   * The error of step {@code i}, or null. Result lists may end before the batch does (sqld's
   * Protobuf batch results are maps: steps that did not run are absent).
   */
  static HranaError error(BatchResult result, int i) {
    return i < result.stepErrors().size() ? result.stepErrors().get(i) : null;
  }

}
