package io.libsql.client.internal.engine;

import io.libsql.client.internal.call.Call;
import io.libsql.client.Description;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An engine's session: statements in order on one stream or connection. Calls as in {@link Engine}. Not API. */
public interface EngineSession {
  CompletableFuture<ResultSet> execute(Call call, Statement statement);

  /** Statements in order, stopping at the first failure; atomic when not in a transaction. */
  CompletableFuture<List<ResultSet>> batch(Call call, List<Statement> statements);

  CompletableFuture<Void> executeMultiple(Call call, String sql);

  /** Prepares one statement without running it. */
  CompletableFuture<Description> describe(Call call, String sql);

  boolean inTransaction();

  boolean isClosed();

  /** Rolls back what is open and releases the stream or connection. */
  CompletableFuture<Void> close();
}
