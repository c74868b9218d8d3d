package io.libsql.client;

import java.util.List;

/**
 * An interactive transaction: statements run one after another on a connection (or server stream)
 * that the transaction owns, isolated from the rest of the client until {@link #commit()} or
 * {@link #rollback()}.
 *
 * <p>Use with try-with-resources: {@link #close()} rolls back if neither commit nor rollback
 * happened. Not meant for concurrent use from several threads. If its connection is lost, every
 * later call fails with {@link ErrorCode#TRANSACTION_CLOSED}; nothing continues silently elsewhere.
 */
public interface Transaction extends AutoCloseable {
  /**
   * Executes one statement with positional arguments in this transaction.
   *
   * @param args the values of the placeholders, in order (null, numbers, strings, {@code byte[]}, ...)
   * @param sql the SQL text, with {@code ?} placeholders for the arguments
   * @return the statement's result
   */
  ResultSet execute(String sql, Object... args);

  /**
   * Executes one statement in this transaction.
   *
   * @param statement the statement to run
   * @return the statement's result
   */
  ResultSet execute(Statement statement);

  /**
   * Executes statements in order, stopping at the first failure (whose index the exception gives).
   *
   * @param statements the statements, in order
   * @return one result per statement, in order
   */
  List<ResultSet> batch(List<Statement> statements);

  /**
   * Executes a script of semicolon-separated statements without arguments in this transaction.
   *
   * @param sqlScript statements separated by semicolons
   */
  void executeMultiple(String sqlScript);

  /** Commits the transaction and ends it. */
  void commit();

  /** Rolls the transaction back and ends it. */
  void rollback();

  /**
   * Whether the transaction has ended (committed, rolled back, closed or lost).
   *
   * @return true once closed
   */
  boolean isClosed();

  /** Rolls back unless committed or rolled back already. */
  @Override
  void close();
}
