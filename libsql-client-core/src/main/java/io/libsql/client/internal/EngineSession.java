package io.libsql.client.internal;

import io.libsql.client.Description;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An engine's session: statements in order on one stream or connection. Not API. */
public interface EngineSession {
  CompletableFuture<ResultSet> execute(Statement statement);

  /** Statements in order, stopping at the first failure; atomic when not in a transaction. */
  CompletableFuture<List<ResultSet>> batch(List<Statement> statements);

  CompletableFuture<Void> executeMultiple(String sql);

  /** Prepares one statement without running it. */
  CompletableFuture<Description> describe(String sql);

  boolean inTransaction();

  boolean isClosed();

  /** Rolls back what is open and releases the stream or connection. */
  CompletableFuture<Void> close();
}
