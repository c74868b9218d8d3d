package io.libsql.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The non-blocking form of {@link Transaction}; calls are queued and run in order. */
public interface AsyncTransaction extends AutoCloseable {
  /**
   * Executes one statement with positional arguments in this transaction.
   *
   * @param args the values of the placeholders, in order (null, numbers, strings, {@code byte[]}, ...)
   * @param sql the SQL text, with {@code ?} placeholders for the arguments
   * @return completes with the statement's result
   */
  CompletableFuture<ResultSet> execute(String sql, Object... args);

  /**
   * Executes one statement in this transaction.
   *
   * @param statement the statement to run
   * @return completes with the statement's result
   */
  CompletableFuture<ResultSet> execute(Statement statement);

  /**
   * Executes statements in order, stopping at the first failure (whose index the exception gives).
   *
   * @param statements the statements, in order
   * @return completes with one result per statement, in order
   */
  CompletableFuture<List<ResultSet>> batch(List<Statement> statements);

  /**
   * Executes a script of semicolon-separated statements without arguments in this transaction.
   *
   * @param sqlScript statements separated by semicolons
   * @return completes when the whole script has run
   */
  CompletableFuture<Void> executeMultiple(String sqlScript);

  /**
   * Commits the transaction and ends it.
   *
   * @return completes once committed
   */
  CompletableFuture<Void> commit();

  /**
   * Rolls the transaction back and ends it.
   *
   * @return completes once rolled back
   */
  CompletableFuture<Void> rollback();

  /**
   * Whether the transaction has ended (committed, rolled back, closed or lost).
   *
   * @return true once closed
   */
  boolean isClosed();

  /** Rolls back (without waiting) unless committed or rolled back already. */
  @Override
  void close();
}
