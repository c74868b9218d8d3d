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
  ResultSet execute(String sql, Object... args);

  ResultSet execute(Statement statement);

  /** Executes statements in order, stopping at the first failure (whose index the exception gives). */
  List<ResultSet> batch(List<Statement> statements);

  void executeMultiple(String sqlScript);

  void commit();

  void rollback();

  boolean isClosed();

  /** Rolls back unless committed or rolled back already. */
  @Override
  void close();
}
