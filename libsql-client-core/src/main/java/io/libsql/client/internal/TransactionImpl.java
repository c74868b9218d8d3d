package io.libsql.client.internal;

import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.call.Calls;
import io.libsql.client.internal.engine.EngineTransaction;
import io.libsql.client.ClientListener.CallKind;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.Transaction;
import java.util.List;

/** The blocking transaction over an engine transaction. Not API. */
final class TransactionImpl implements Transaction {
  private final EngineTransaction tx;
  private final Calls calls;

  TransactionImpl(EngineTransaction tx, Calls calls) {
    this.tx = tx;
    this.calls = calls;
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
    Call call = calls.start(CallKind.EXECUTE, true, statement, statement.timeout());
    return calls.await(call, () -> tx.execute(call, statement));
  }

  @Override
  public List<ResultSet> batch(List<Statement> statements) {
    checkOpen();
    List<Statement> copy = List.copyOf(statements);
    Call call = calls.start(CallKind.BATCH, true, copy, Calls.timeoutOf(copy));
    return calls.await(call, () -> tx.batch(call, copy));
  }

  @Override
  public void executeMultiple(String sqlScript) {
    checkOpen();
    Call call = calls.start(CallKind.EXECUTE_MULTIPLE, true, sqlScript, null);
    calls.await(call, () -> tx.executeMultiple(call, sqlScript));
  }

  @Override
  public void commit() {
    checkOpen();
    Call call = calls.start(CallKind.COMMIT, true, "COMMIT", null);
    calls.await(call, () -> tx.commit(call));
  }

  @Override
  public void rollback() {
    checkOpen();
    Call call = calls.start(CallKind.ROLLBACK, true, "ROLLBACK", null);
    calls.await(call, () -> tx.rollback(call));
  }

  @Override
  public boolean isClosed() {
    return tx.isClosed();
  }

  @Override
  public void close() {
    if (!tx.isClosed()) {
      try {
        rollback();
      } catch (LibsqlException e) {
        // The connection is gone or the transaction already ended: nothing is left to roll back.
      }
    }
  }
}
