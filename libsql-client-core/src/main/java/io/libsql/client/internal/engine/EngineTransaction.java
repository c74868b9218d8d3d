package io.libsql.client.internal.engine;

import io.libsql.client.internal.call.Call;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An engine's interactive transaction. Calls are issued one at a time by the caller, as in {@link Engine}. Not API. */
public interface EngineTransaction {
  CompletableFuture<ResultSet> execute(Call call, Statement statement);

  /** Runs the statements in order, stopping at the first failure (reported with its index). */
  CompletableFuture<List<ResultSet>> batch(Call call, List<Statement> statements);

  CompletableFuture<Void> executeMultiple(Call call, String sql);

  CompletableFuture<Void> commit(Call call);

  CompletableFuture<Void> rollback(Call call);

  boolean isClosed();
}
