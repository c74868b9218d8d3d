package io.libsql.client.internal.hrana;

import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.Stmt;
import io.libsql.client.internal.proto.StmtResult;
import java.util.concurrent.CompletableFuture;

/**
 * A connection to a Hrana server (one WebSocket, or an HTTP client with its pool). Thread-safe.
 *
 * <p>The one-shot operations run in autocommit mode on a stream the transport chooses (a pooled
 * WebSocket stream, or an HTTP pipeline {@code [op, close]}). Failures are {@code LibsqlException}:
 * a {@code HranaError} from the server is turned into one by {@link HranaErrors#toException}.
 */
public interface HranaTransport {
  /** "ws" or "http". */
  String protocol();

  /**
   * The Hrana version spoken (1, 2 or 3), known once the first exchange is done; the future
   * connects if needed.
   */
  CompletableFuture<Integer> version();

  CompletableFuture<StmtResult> execute(Stmt stmt);

  CompletableFuture<BatchResult> batch(Batch batch);

  /** Runs a script of statements without arguments, as {@link Sequences} says; connects if needed. */
  default CompletableFuture<Void> sequence(String sql) {
    Batch batch;
    try {
      batch = Sequences.asBatch(sql);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (batch == null) {
      return version().thenApply(v -> null);
    }
    return batch(batch).thenApply(Sequences::check);
  }

  /** Opens a stream that the caller owns (for an interactive transaction). */
  CompletableFuture<HranaStream> openStream();

  /**
   * Runs {@code batch} and streams its entries; the cursor owns its stream. Needs Hrana 3 (the
   * engine serves older servers from a {@code batch}); fails with PROTOCOL_VERSION_ERROR before.
   */
  CompletableFuture<HranaCursor> openCursor(Batch batch);

  /** Closes connections; pending futures fail with CLIENT_CLOSED. Idempotent. */
  void close();
}
