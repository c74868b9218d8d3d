package io.libsql.client.internal.hrana;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.TransactionMode;
import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.engine.EngineTransaction;
import io.libsql.client.internal.call.Futures;
import io.libsql.client.internal.StatementChecks;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.Stmt;
import io.libsql.client.internal.proto.StmtResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An interactive transaction on a stream it owns. BEGIN is not a round trip of its own: it travels
 * in one batch with the first statement, which runs only if BEGIN succeeded, so a failed BEGIN can
 * never leave a statement committed in autocommit mode. Later calls wait for that outcome (no wait
 * once it is known), then go straight to the stream, in the order they were issued: each is sent
 * when the one before it has been sent (dependents of one future would fire in reverse order).
 *
 * <p>A call that is stopped (timed out, cancelled) abandons the transaction: it is marked closed and
 * its stream closed, which makes the server roll it back once the running statement is done (the
 * server cannot cancel a statement); its later calls fail with TRANSACTION_CLOSED.
 */
final class HranaTransaction implements EngineTransaction {
  private final HranaEngine engine;
  private final HranaTransport transport;
  private final HranaStream stream;
  private final TransactionMode mode;
  private final Object lock = new Object();
  /** Completes when BEGIN succeeded; null until the first statement. Guarded by {@link #lock}. */
  private CompletableFuture<Void> begun;
  /**
   * Completes once the last issued call has been sent to the stream (or fails with BEGIN's
   * failure). Guarded by {@link #lock}.
   */
  private CompletableFuture<Void> sent;
  /** Guarded by {@link #lock}. */
  private boolean closed;

  HranaTransaction(HranaEngine engine, HranaTransport transport, HranaStream stream, TransactionMode mode) {
    this.engine = engine;
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
  private <T> CompletableFuture<T> issue(Call call,
      Function<Stmt, CompletableFuture<BatchResult>> first, Function<BatchResult, T> mapFirst, Supplier<CompletableFuture<T>> then) {
    CompletableFuture<T> result;
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(
            new LibsqlException(ErrorCode.TRANSACTION_CLOSED, "the transaction is already committed, rolled back or closed"));
      }
      if (call != null) {
        // Conservative: once issued, a call may reach the server; a stop abandons the whole transaction.
        call.markSent();
        call.onStop(this::markClosed);
      }
      if (begun == null) {
        CompletableFuture<Void> b = new CompletableFuture<>();
        begun = b;
        // BEGIN may wait for the write lock: it goes through the engine's write lane.
        CompletableFuture<BatchResult> batch = engine.writeLane(call, mode != TransactionMode.READ, () -> first.apply(beginStmt()));
        batch.whenComplete((r, t) -> {
          if (t != null && HranaErrors.isStatementError(Futures.unwrap(t))) {
            // sqld refused the whole batch (a statement that does not parse) and ran nothing, BEGIN
            // included: begin on its own, so the transaction goes on as it would on a local file.
            beginAlone(call, b);
          } else if (t != null) {
            b.completeExceptionally(t);
          } else if (HranaMapping.error(r, 0) != null) {
            b.completeExceptionally(HranaErrors.toException(HranaMapping.error(r, 0)));
          } else if (r.stepResults().isEmpty() || r.stepResults().get(0) == null) {
            b.completeExceptionally(new LibsqlException(ErrorCode.HRANA_PROTO_ERROR, "the server returned no result for BEGIN"));
          } else {
            b.complete(null);
          }
        });
        sent = b;
        result = batch.thenApply(mapFirst);
      } else {
        result = afterPrevious(then);
      }
    }
    return result.whenComplete((v, t) -> {
      if (t != null && connectionGone(Futures.unwrap(t))) {
        markClosed();
      }
    }).exceptionallyCompose(ConstraintCodes.refine(transport));
  }

  private void beginAlone(Call call, CompletableFuture<Void> begun) {
    engine.writeLane(call, mode != TransactionMode.READ, () -> stream.batch(HranaMapping.sequentialBatch(beginStmt(), List.of())))
        .whenComplete((r, t) -> {
      LibsqlException error = t != null ? Futures.unwrap(t)
          : HranaMapping.error(r, 0) != null ? HranaErrors.toException(HranaMapping.error(r, 0)) : null;
      if (error != null) {
        begun.completeExceptionally(error);
      } else {
        begun.complete(null);
      }
    });
  }

  /** Sends {@code op} once the previously issued call was sent and BEGIN succeeded. Holds {@link #lock}. */
  private <T> CompletableFuture<T> afterPrevious(Supplier<CompletableFuture<T>> op) {
    CompletableFuture<T> result = new CompletableFuture<>();
    CompletableFuture<Void> mySend = new CompletableFuture<>();
    CompletableFuture<Void> previous = sent;
    sent = mySend;
    previous.whenComplete((v, beginFailure) -> {
      if (beginFailure != null) {
        mySend.completeExceptionally(beginFailure);
        result.completeExceptionally(beginFailure);
        return;
      }
      CompletableFuture<T> f = HranaEngine.guard(op);
      mySend.complete(null);
      f.whenComplete((r, t) -> {
        if (t != null) {
          result.completeExceptionally(t);
        } else {
          result.complete(r);
        }
      });
    });
    return result;
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
  public CompletableFuture<ResultSet> execute(Call call, Statement statement) {
    try {
      StatementChecks.check(statement); // before anything is issued: a refused statement must not fail BEGIN
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
    return issue(call,
        begin -> stream.batch(HranaMapping.sequentialBatch(begin, List.of(statement))),
        r -> HranaMapping.singleAfterBegin(r),
        () -> stream.execute(HranaMapping.toStmt(statement)).thenApply(HranaMapping::toResultSet));
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(Call call, List<Statement> statements) {
    int n = statements.size();
    try {
      StatementChecks.checkAll(statements);
    } catch (LibsqlException e) {
      return CompletableFuture.failedFuture(e);
    }
    return issue(call,
        begin -> stream.batch(HranaMapping.sequentialBatch(begin, statements)),
        r -> HranaMapping.beginThen(r, n),
        () -> stream.batch(HranaMapping.sequentialBatch(null, statements)).thenApply(r -> HranaMapping.stepResults(r, 0, n)))
        .exceptionallyCompose(ParseErrors.locate(transport, statements));
  }

  @Override
  public CompletableFuture<Void> executeMultiple(Call call, String sql) {
    synchronized (lock) {
      if (begun == null && !closed) {
        // A script cannot ride in a batch: BEGIN goes first on its own, and the script waits for it.
        issue(call, begin -> stream.batch(HranaMapping.sequentialBatch(begin, List.of())), r -> null, null);
      }
    }
    return issue(call, null, null, () -> stream.sequence(sql));
  }

  @Override
  public CompletableFuture<Void> commit(Call call) {
    return end(call, "COMMIT");
  }

  @Override
  public CompletableFuture<Void> rollback(Call call) {
    return end(call, "ROLLBACK");
  }

  private CompletableFuture<Void> end(Call call, String sql) {
    if (call != null) {
      call.markSent();
      call.onStop(this::markClosed);
    }
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(
            new LibsqlException(ErrorCode.TRANSACTION_CLOSED, "the transaction is already committed, rolled back or closed"));
      }
      closed = true;
      if (begun == null) {
        // Nothing ran: there is no server transaction to end.
        return stream.close();
      }
      CompletableFuture<StmtResult> ended = afterPrevious(() -> stream.executeAndClose(Stmt.sql(sql, false)));
      return ended.handle((r, t) -> {
        if (t == null) {
          return null;
        }
        LibsqlException e = Futures.unwrap(t);
        stream.close();
        if (sql.equals("ROLLBACK") && begun.isCompletedExceptionally()) {
          // BEGIN failed, so nothing ran inside a transaction: there is nothing to roll back.
          return null;
        }
        throw e;
      });
    }
  }

  @Override
  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }
}
