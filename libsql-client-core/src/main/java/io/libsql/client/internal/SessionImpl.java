package io.libsql.client.internal;

import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.call.Calls;
import io.libsql.client.internal.engine.EngineSession;
import io.libsql.client.ClientListener.CallKind;
import io.libsql.client.Description;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Session;
import io.libsql.client.Statement;
import java.util.List;

/** The blocking session over an engine session. Not API. */
final class SessionImpl implements Session {
  private final EngineSession session;
  private final Calls calls;

  SessionImpl(EngineSession session, Calls calls) {
    this.session = session;
    this.calls = calls;
  }

  private void checkOpen() {
    if (session.isClosed()) {
      throw new LibsqlException(ErrorCode.CLIENT_CLOSED, "the session is closed");
    }
  }

  @Override
  public ResultSet execute(String sql, Object... args) {
    return execute(Statement.of(sql, args));
  }

  @Override
  public ResultSet execute(Statement statement) {
    checkOpen();
    Call call = calls.start(CallKind.EXECUTE, session.inTransaction(), statement, statement.timeout());
    return calls.await(call, () -> session.execute(call, statement));
  }

  @Override
  public List<ResultSet> batch(List<Statement> statements) {
    checkOpen();
    List<Statement> copy = List.copyOf(statements);
    Call call = calls.start(CallKind.BATCH, session.inTransaction(), copy, Calls.timeoutOf(copy));
    return calls.await(call, () -> session.batch(call, copy));
  }

  @Override
  public void executeMultiple(String sqlScript) {
    checkOpen();
    Call call = calls.start(CallKind.EXECUTE_MULTIPLE, session.inTransaction(), sqlScript, null);
    calls.await(call, () -> session.executeMultiple(call, sqlScript));
  }

  @Override
  public Description describe(String sql) {
    checkOpen();
    if (sql == null) {
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID, "sql must not be null");
    }
    Call call = calls.start(CallKind.DESCRIBE, session.inTransaction(), sql, null);
    return calls.await(call, () -> session.describe(call, sql));
  }

  @Override
  public boolean inTransaction() {
    return session.inTransaction();
  }

  @Override
  public boolean isClosed() {
    return session.isClosed();
  }

  @Override
  public void close() {
    if (!session.isClosed()) {
      try {
        calls.await(calls.startQuiet(), session::close);
      } catch (LibsqlException e) {
        // The stream is gone already: the server rolled back whatever was open.
      }
    }
  }
}
