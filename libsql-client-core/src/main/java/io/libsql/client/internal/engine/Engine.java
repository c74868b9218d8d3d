package io.libsql.client.internal.engine;

import io.libsql.client.internal.call.Call;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.SyncResult;
import io.libsql.client.TransactionMode;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One transport's implementation of the client operations; both {@code Client} and
 * {@code AsyncClient} sit on it. Not API.
 *
 * <p>Every operation gets the API {@link Call} it serves (its deadline, stop hooks), or null for
 * work outside a call.
 *
 * <p>A {@linkplain #blocking() blocking} engine does its work on the calling thread and returns
 * completed futures; the async client then runs it on its own executor.
 */
public interface Engine {
  /** "file", "ws" or "http". */
  String protocol();

  /** True when calls run on the caller's thread. */
  boolean blocking();

  CompletableFuture<ResultSet> execute(Call call, Statement statement);

  CompletableFuture<List<ResultSet>> batch(Call call, TransactionMode mode, List<Statement> statements);

  CompletableFuture<Void> executeMultiple(Call call, String sql);

  CompletableFuture<EngineTransaction> beginTransaction(Call call, TransactionMode mode);

  CompletableFuture<RowCursor> openCursor(Call call, Statement statement);

  /** Opens a session: one stream or connection for its whole life. */
  CompletableFuture<EngineSession> openSession(Call call);

  /** Syncs an embedded replica; every other engine fails with SYNC_NOT_SUPPORTED. */
  default CompletableFuture<SyncResult> sync() {
    return CompletableFuture.failedFuture(new LibsqlException(ErrorCode.SYNC_NOT_SUPPORTED,
        "sync() needs an embedded replica: a file: URL with a syncUrl"));
  }

  /** Releases everything; pending calls fail with CLIENT_CLOSED. Idempotent. */
  void close();
}
