package io.libsql.client.internal;

import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An engine's interactive transaction. Calls are issued one at a time by the caller. Not API. */
public interface EngineTransaction {
  CompletableFuture<ResultSet> execute(Statement statement);

  /** Runs the statements in order, stopping at the first failure (reported with its index). */
  CompletableFuture<List<ResultSet>> batch(List<Statement> statements);

  CompletableFuture<Void> executeMultiple(String sql);

  CompletableFuture<Void> commit();

  CompletableFuture<Void> rollback();

  boolean isClosed();
}
