package io.libsql.client.internal.hrana;

import io.libsql.client.LibsqlException;
import io.libsql.client.Statement;
import io.libsql.client.internal.call.Futures;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.BatchCond;
import io.libsql.client.internal.proto.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Says which statement of a batch does not parse. sqld parses a whole batch before running any of
 * it and refuses it with one error that names no step, where a local file reports the index: on
 * that error only, each statement is sent again in a probe that parses it and runs nothing (a step
 * whose condition is false), and the first that fails to parse is the batch's failed statement.
 */
final class ParseErrors {
  private ParseErrors() {}

  /** A stage for {@code exceptionallyCompose}: adds the statement index to a batch's parse error. */
  static <T> Function<Throwable, CompletableFuture<T>> locate(HranaTransport transport, List<Statement> statements) {
    return t -> {
      LibsqlException e = Futures.unwrap(t);
      if (e.statementIndex() >= 0 || !e.code().equals("SQLITE_ERROR") || statements.isEmpty()) {
        return CompletableFuture.failedFuture(e);
      }
      if (statements.size() == 1) {
        return CompletableFuture.failedFuture(e.withStatementIndex(0));
      }
      List<CompletableFuture<Boolean>> unparsable = new ArrayList<>(statements.size());
      for (Statement s : statements) {
        Batch probe = new Batch(List.of(
            new Batch.Step(null, Stmt.sql("SELECT 1", false)),
            new Batch.Step(new BatchCond.Not(new BatchCond.Ok(0)), HranaMapping.convert(s))));
        unparsable.add(HranaEngine.guard(() -> transport.batch(probe))
            .handle((r, failure) -> failure != null && Futures.unwrap(failure).code().equals("SQLITE_ERROR")));
      }
      return CompletableFuture.allOf(unparsable.toArray(new CompletableFuture<?>[0])).handle((v, ignored) -> {
        for (int i = 0; i < unparsable.size(); i++) {
          if (unparsable.get(i).join()) {
            throw e.withStatementIndex(i);
          }
        }
        throw e;
      });
    };
  }
}
