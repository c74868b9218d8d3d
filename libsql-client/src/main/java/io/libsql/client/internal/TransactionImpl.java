package io.libsql.client.internal;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.Transaction;
import java.util.List;

/** The blocking transaction over an engine transaction. Not API. */
final class TransactionImpl implements Transaction {
  private final EngineTransaction tx;
  private final long timeoutNanos;

  TransactionImpl(EngineTransaction tx, long timeoutNanos) {
    this.tx = tx;
    this.timeoutNanos = timeoutNanos;
  }

  private void checkOpen() {
    if (tx.isClosed()) {
      throw new LibsqlException(ErrorCode.TRANSACTION_CLOSED, "the transaction is already committed, rolled back or closed");
    }
  }

  @Override
  public ResultSet execute(String sql, Object... args) {
    return execute(Statement.of(sql, args));
  }

  @Override
  public ResultSet execute(Statement statement) {
    checkOpen();
    return Futures.await(tx.execute(statement), timeoutNanos);
  }

  @Override
  public List<ResultSet> batch(List<Statement> statements) {
    checkOpen();
    return Futures.await(tx.batch(List.copyOf(statements)), timeoutNanos);
  }

  @Override
  public void executeMultiple(String sqlScript) {
    checkOpen();
    Futures.await(tx.executeMultiple(sqlScript), timeoutNanos);
  }

  @Override
  public void commit() {
    checkOpen();
    Futures.await(tx.commit(), timeoutNanos);
  }

  @Override
  public void rollback() {
    checkOpen();
    Futures.await(tx.rollback(), timeoutNanos);
  }

  @Override
  public boolean isClosed() {
    return tx.isClosed();
  }

  @Override
  public void close() {
    if (!tx.isClosed()) {
      try {
        Futures.await(tx.rollback(), timeoutNanos);
      } catch (LibsqlException e) {
        // The connection is gone or the transaction already ended: nothing is left to roll back.
      }
    }
  }
}
