package io.libsql.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The non-blocking form of {@link Transaction}; calls are queued and run in order. */
public interface AsyncTransaction extends AutoCloseable {
  CompletableFuture<ResultSet> execute(String sql, Object... args);

  CompletableFuture<ResultSet> execute(Statement statement);

  CompletableFuture<List<ResultSet>> batch(List<Statement> statements);

  CompletableFuture<Void> executeMultiple(String sqlScript);

  CompletableFuture<Void> commit();

  CompletableFuture<Void> rollback();

  boolean isClosed();

  /** Rolls back (without waiting) unless committed or rolled back already. */
  @Override
  void close();
}
