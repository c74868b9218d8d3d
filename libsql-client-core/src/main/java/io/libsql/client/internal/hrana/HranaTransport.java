package io.libsql.client.internal.hrana;

import io.libsql.client.internal.call.Call;
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
   * connects if needed, within {@code call}'s deadline (null: no call).
   */
  CompletableFuture<Integer> version(Call call);

  /**
   * Runs {@code stmt} for {@code call}, which bounds it (deadline, stop hooks); null runs it
   * outside any call.
   */
  CompletableFuture<StmtResult> execute(Call call, Stmt stmt);

  CompletableFuture<BatchResult> batch(Call call, Batch batch);

  /** As {@link #version(Call)}, outside any call (internal probes, tests). */
  default CompletableFuture<Integer> version() {
    return version(null);
  }

  /** As {@link #execute(Call, Stmt)}, outside any call. */
  default CompletableFuture<StmtResult> execute(Stmt stmt) {
    return execute(null, stmt);
  }

  /** As {@link #batch(Call, Batch)}, outside any call. */
  default CompletableFuture<BatchResult> batch(Batch batch) {
    return batch(null, batch);
  }

  /** As {@link #sequence(Call, String)}, outside any call. */
  default CompletableFuture<Void> sequence(String sql) {
    return sequence(null, sql);
  }

  /** As {@link #openStream(Call)}, outside any call. */
  default CompletableFuture<HranaStream> openStream() {
    return openStream(null);
  }

  /** As {@link #openCursor(Call, Batch)}, outside any call. */
  default CompletableFuture<HranaCursor> openCursor(Batch batch) {
    return openCursor(null, batch);
  }

  /** Runs a script of statements without arguments, as {@link Sequences} says; connects if needed. */
  default CompletableFuture<Void> sequence(Call call, String sql) {
    Batch batch;
    try {
      batch = Sequences.asBatch(sql);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (batch == null) {
      return version(call).thenApply(v -> null);
    }
    return batch(call, batch).thenApply(Sequences::check);
  }

  /** Opens a stream that the caller owns (for an interactive transaction). */
  CompletableFuture<HranaStream> openStream(Call call);

  /**
   * Runs {@code batch} and streams its entries; the cursor owns its stream. Needs Hrana 3 (the
   * engine serves older servers from a {@code batch}); fails with PROTOCOL_VERSION_ERROR before.
   */
  CompletableFuture<HranaCursor> openCursor(Call call, Batch batch);

  /** Closes connections; pending futures fail with CLIENT_CLOSED. Idempotent. */
  void close();
}
