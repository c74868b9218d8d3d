package io.libsql.client.internal.hrana;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.TransactionMode;
import io.libsql.client.internal.engine.BufferedCursor;
import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.engine.Engine;
import io.libsql.client.internal.engine.EngineSession;
import io.libsql.client.internal.engine.EngineTransaction;
import io.libsql.client.internal.call.Futures;
import io.libsql.client.internal.engine.RowCursor;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.sql.SqlText;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.HranaError;
import io.libsql.client.internal.proto.StmtResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The client operations over any {@link HranaTransport}: one engine for WebSocket and HTTP.
 *
 * <p>With {@code retryReads}, a one-shot statement (or batch, or row stream) that is certainly
 * read-only ({@code SqlText.certainlyReadOnly}) and failed with CONNECTION_LOST, or with a TRANSACTION_TIMEOUT left on
 * its pooled stream by sqld, is sent once more, unless its call was stopped meanwhile. Writes are never sent again: after a lost connection their outcome is unknown.
 *
 * <p><b>The write lane.</b> At most {@link #WRITERS} requests of this client that will wait for the
 * database's write lock are at the server at once: one-shot writes, write batches, scripts that may
 * write, the first request of a transaction that may write (its BEGIN), and a session's writes in
 * autocommit mode. The others wait here, in order, within their call's deadline. SQLite runs one
 * writer at a time, so this costs no throughput, and it keeps sqld's queue of waiting writers short:
 * sqld 0.24 livelocks its write lock, for good, when dozens of writers wait in it on a busy machine
 * (RELIABILITY.md, "the write-lock wedge"). Requests of a transaction that holds the lock never wait
 * here.
 */
public final class HranaEngine implements Engine {
  /** Write requests of one client at the server at once (see the class comment). */
  static final int WRITERS = 2;

  private final HranaTransport transport;
  private final boolean retryReads;
  private final RequestLimiter writeLane = new RequestLimiter(WRITERS);

  public HranaEngine(HranaTransport transport) {
    this(transport, true);
  }

  public HranaEngine(HranaTransport transport, boolean retryReads) {
    this.transport = transport;
    this.retryReads = retryReads;
  }

  /** Runs {@code op}; if it loses its connection and the statements only read, runs it once more. */
  private <T> CompletableFuture<T> readRetried(Call call, List<Statement> statements, Supplier<CompletableFuture<T>> op) {
    CompletableFuture<T> first = guard(op);
    if (!retryReads) {
      return first;
    }
    return first.exceptionallyCompose(t -> {
      LibsqlException e = Futures.unwrap(t);
      if (!(e.is(ErrorCode.CONNECTION_LOST) || isStaleTimeout(e)) || (call != null && call.isStopped()) || !allRead(statements)) {
        return CompletableFuture.failedFuture(e);
      }
      return guard(op);
    });
  }

  /**
   * Runs {@code op} for {@code call} in the write lane when {@code writes}, else at once. The op may
   * run later on another thread; a call stopped while it waited never runs.
   */
  <T> CompletableFuture<T> writeLane(Call call, boolean writes, Supplier<CompletableFuture<T>> op) {
    if (!writes) {
      return guard(op);
    }
    return writeLane.run(() -> {
      if (call != null && call.isStopped()) {
        return CompletableFuture.failedFuture(call.stoppedError());
      }
      return guard(op);
    });
  }

  /**
   * sqld's TRANSACTION_TIMEOUT on a call outside a transaction: the pooled stream it ran on had a
   * transaction that sqld timed out (its lock stolen by a waiting writer), which sqld reports to the
   * stream's next request without running it. The stream is not pooled again ({@link StreamReuse}).
   */
  private static boolean isStaleTimeout(LibsqlException e) {
    return e.code().equals("TRANSACTION_TIMEOUT");
  }

  private static boolean allRead(List<Statement> statements) {
    for (Statement s : statements) {
      if (!SqlText.of(s.sql()).certainlyReadOnly()) {
        return false;
      }
    }
    return !statements.isEmpty();
  }

  @Override
  public String protocol() {
    return transport.protocol();
  }

  @Override
  public boolean blocking() {
    return false;
  }

  /** Runs {@code op}, turning a synchronous throw (bad arguments) into a failed future. */
  static <T> CompletableFuture<T> guard(Supplier<CompletableFuture<T>> op) {
    try {
      return op.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<ResultSet> execute(Call call, Statement statement) {
    boolean writes = !SqlText.of(statement.sql()).certainlyReadOnly();
    return readRetried(call, List.of(statement), () -> writeLane(call, writes,
        () -> transport.execute(call, HranaMapping.toStmt(statement)).thenApply(HranaMapping::toResultSet)))
        .exceptionallyCompose(ConstraintCodes.refine(transport));
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(Call call, TransactionMode mode, List<Statement> statements) {
    boolean writes = mode == TransactionMode.WRITE || !allRead(statements);
    return readRetried(call, statements, () -> writeLane(call, writes,
        () -> transport.batch(call, HranaMapping.atomicBatch(mode, statements))
        .thenApply(r -> HranaMapping.atomicBatchResults(r, statements.size()))))
        .exceptionallyCompose(ParseErrors.locate(transport, statements))
        .exceptionallyCompose(ConstraintCodes.refine(transport));
  }

  @Override
  public CompletableFuture<Void> executeMultiple(Call call, String sql) {
    return writeLane(call, !SqlText.of(sql).certainlyReadOnly(), () -> transport.sequence(call, sql));
  }

  @Override
  public CompletableFuture<EngineTransaction> beginTransaction(Call call, TransactionMode mode) {
    return guard(() -> transport.openStream(call).thenApply(stream -> new HranaTransaction(this, transport, stream, mode)));
  }

  /**
   * A Hrana 3 cursor reads rows as they come; without Hrana 3 the statement runs as a batch and its
   * rows are served from memory (on both transports).
   */
  @Override
  public CompletableFuture<RowCursor> openCursor(Call call, Statement statement) {
    return readRetried(call, List.of(statement), () -> {
      Batch batch = new Batch(List.of(new Batch.Step(null, HranaMapping.toStmt(statement))));
      return transport.version(call).thenCompose(version -> guard(version >= 3
          ? () -> transport.openCursor(call, batch).thenApply(HranaRowCursor::new)
          : () -> transport.batch(call, batch).thenApply(HranaEngine::buffered)));
    });
  }

  /** The rows of a one-step batch, for a server without cursors; fails as a cursor would. */
  private static RowCursor buffered(BatchResult result) {
    HranaError error = result.stepErrors().isEmpty() ? null : result.stepErrors().get(0);
    if (error != null) {
      throw HranaErrors.toException(error);
    }
    StmtResult r = result.stepResults().isEmpty() ? null : result.stepResults().get(0);
    if (r == null) {
      throw new LibsqlException(ErrorCode.HRANA_PROTO_ERROR, "the server skipped the cursor's statement without reporting an error");
    }
    return new BufferedCursor(HranaMapping.toResultSet(r));
  }

  @Override
  public CompletableFuture<EngineSession> openSession(Call call) {
    return guard(() -> transport.openStream(call).thenApply(stream -> new HranaSession(this, transport, stream)));
  }

  @Override
  public void close() {
    writeLane.close();
    transport.close();
  }

  @Override
  public String toString() {
    return "HranaEngine[" + transport + "]";
  }
}
