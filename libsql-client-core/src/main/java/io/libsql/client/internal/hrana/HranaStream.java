package io.libsql.client.internal.hrana;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.DescribeResult;
import io.libsql.client.internal.proto.Stmt;
import io.libsql.client.internal.proto.StmtResult;
import java.util.concurrent.CompletableFuture;

/**
 * One server-side stream (a SQLite connection on the server) owned by a transaction. Requests are
 * sent in the order issued, pipelined where the transport can. If the stream is lost (socket
 * dropped, baton expired) every later call fails with TRANSACTION_CLOSED or STREAM_EXPIRED; it is
 * never silently replaced by a new one.
 */
public interface HranaStream {
  CompletableFuture<StmtResult> execute(Stmt stmt);

  CompletableFuture<BatchResult> batch(Batch batch);

  /** Runs a script of statements without arguments, as {@link Sequences} says. */
  default CompletableFuture<Void> sequence(String sql) {
    Batch batch;
    try {
      batch = Sequences.asBatch(sql);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (batch == null) {
      return isClosed() ? CompletableFuture.failedFuture(new LibsqlException(ErrorCode.TRANSACTION_CLOSED,
          "the transaction's stream is closed")) : CompletableFuture.completedFuture(null);
    }
    return batch(batch).thenApply(Sequences::check);
  }

  CompletableFuture<DescribeResult> describe(String sql);

  /**
   * Executes {@code stmt} (typically COMMIT or ROLLBACK) and closes the stream whatever its
   * outcome, in one round trip where the transport can.
   */
  default CompletableFuture<StmtResult> executeAndClose(Stmt stmt) {
    CompletableFuture<StmtResult> result = execute(stmt);
    close();
    return result;
  }

  /** Closes the stream on the server (rolling back anything uncommitted). Idempotent. */
  CompletableFuture<Void> close();

  boolean isClosed();
}
