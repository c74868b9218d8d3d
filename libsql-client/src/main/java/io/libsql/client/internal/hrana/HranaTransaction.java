package io.libsql.client.internal.hrana;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.TransactionMode;
import io.libsql.client.internal.EngineTransaction;
import io.libsql.client.internal.Futures;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.Stmt;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An interactive transaction on a stream it owns. BEGIN is not a round trip of its own: it travels
 * in one batch with the first statement, which runs only if BEGIN succeeded, so a failed BEGIN can
 * never leave a statement committed in autocommit mode. Later calls wait for that outcome (no wait
 * once it is known), then go straight to the stream.
 */
final class HranaTransaction implements EngineTransaction {
  private final HranaTransport transport;
  private final HranaStream stream;
  private final TransactionMode mode;
  private final Object lock = new Object();
  /** Completes when BEGIN succeeded; null until the first statement. Guarded by {@link #lock}. */
  private CompletableFuture<Void> begun;
  /** Guarded by {@link #lock}. */
  private boolean closed;

  HranaTransaction(HranaTransport transport, HranaStream stream, TransactionMode mode) {
    this.transport = transport;
    this.stream = stream;
    this.mode = mode;
  }

  private Stmt beginStmt() {
    return Stmt.sql(mode.beginSql(), false);
  }

  /**
   * Issues an operation: when it is the transaction's first, {@code first} runs it as a batch
   * that starts with BEGIN and {@code mapFirst} reads that batch's result; otherwise {@code then}
   * runs it once BEGIN is known to have succeeded.
   */
  private <T> CompletableFuture<T> issue(
      Function<Stmt, CompletableFuture<BatchResult>> first, Function<BatchResult, T> mapFirst, Supplier<CompletableFuture<T>> then) {
    CompletableFuture<T> result;
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(
            new LibsqlException(ErrorCode.TRANSACTION_CLOSED, "the transaction is already committed, rolled back or closed"));
      }
      if (begun == null) {
        CompletableFuture<Void> b = new CompletableFuture<>();
        begun = b;
        CompletableFuture<BatchResult> batch = HranaEngine.guard(() -> first.apply(beginStmt()));
        batch.whenComplete((r, t) -> {
          if (t != null) {
            b.completeExceptionally(t);
          } else if (HranaMapping.error(r, 0) != null) {
            b.completeExceptionally(HranaErrors.toException(HranaMapping.error(r, 0)));
          } else if (r.stepResults().isEmpty() || r.stepResults().get(0) == null) {
            b.completeExceptionally(new LibsqlException(ErrorCode.HRANA_PROTO_ERROR, "the server returned no result for BEGIN"));
          } else {
            b.complete(null);
          }
        });
        result = batch.thenApply(mapFirst);
      } else {
        result = begun.thenCompose(v -> HranaEngine.guard(then));
      }
    }
    return result.whenComplete((v, t) -> {
      if (t != null && connectionGone(Futures.unwrap(t))) {
        markClosed();
      }
    }).exceptionallyCompose(ConstraintCodes.refine(transport));
  }

  private static boolean connectionGone(LibsqlException e) {
    return e.is(ErrorCode.CONNECTION_LOST) || e.is(ErrorCode.TRANSACTION_CLOSED) || e.is(ErrorCode.STREAM_EXPIRED)
        || e.is(ErrorCode.CLIENT_CLOSED);
  }

  private void markClosed() {
    synchronized (lock) {
      closed = true;
    }
    stream.close();
  }

  @Override
  public CompletableFuture<ResultSet> execute(Statement statement) {
    return issue(
        begin -> stream.batch(HranaMapping.sequentialBatch(begin, List.of(statement))),
        r -> HranaMapping.singleAfterBegin(r),
        () -> stream.execute(HranaMapping.toStmt(statement)).thenApply(HranaMapping::toResultSet));
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(List<Statement> statements) {
    int n = statements.size();
    return issue(
        begin -> stream.batch(HranaMapping.sequentialBatch(begin, statements)),
        r -> HranaMapping.beginThen(r, n),
        () -> stream.batch(HranaMapping.sequentialBatch(null, statements)).thenApply(r -> HranaMapping.stepResults(r, 0, n)));
  }

  @Override
  public CompletableFuture<Void> executeMultiple(String sql) {
    return issue(
        begin -> stream.batch(HranaMapping.sequentialBatch(begin, List.of())),
        r -> {
          HranaMapping.beginThen(r, 0);
          return r;
        },
        () -> CompletableFuture.completedFuture((BatchResult) null))
        .thenCompose(ignored -> stream.sequence(sql));
  }

  @Override
  public CompletableFuture<Void> commit() {
    return end("COMMIT");
  }

  @Override
  public CompletableFuture<Void> rollback() {
    return end("ROLLBACK");
  }

  private CompletableFuture<Void> end(String sql) {
    CompletableFuture<Void> b;
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(
            new LibsqlException(ErrorCode.TRANSACTION_CLOSED, "the transaction is already committed, rolled back or closed"));
      }
      closed = true;
      b = begun;
    }
    if (b == null) {
      // Nothing ran: there is no server transaction to end.
      return stream.close();
    }
    CompletableFuture<Void> done = b.handle((v, t) -> t)
        .thenCompose(beginFailure -> {
          if (beginFailure != null) {
            // BEGIN failed, so nothing ran inside a transaction; a commit must still say so.
            return sql.equals("COMMIT") ? CompletableFuture.<Void>failedFuture(Futures.unwrap(beginFailure))
                : CompletableFuture.<Void>completedFuture(null);
          }
          return stream.execute(Stmt.sql(sql, false)).thenApply(r -> (Void) null);
        });
    return done.whenComplete((v, t) -> stream.close());
  }

  @Override
  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }
}
