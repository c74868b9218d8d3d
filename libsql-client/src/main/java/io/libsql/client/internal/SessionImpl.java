package io.libsql.client.internal;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Session;
import io.libsql.client.Statement;
import java.util.List;

/** The blocking session over an engine session. Not API. */
final class SessionImpl implements Session {
  private final EngineSession session;
  private final long timeoutNanos;

  SessionImpl(EngineSession session, long timeoutNanos) {
    this.session = session;
    this.timeoutNanos = timeoutNanos;
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
    return Futures.await(session.execute(statement), timeoutNanos);
  }

  @Override
  public List<ResultSet> batch(List<Statement> statements) {
    checkOpen();
    return Futures.await(session.batch(List.copyOf(statements)), timeoutNanos);
  }

  @Override
  public void executeMultiple(String sqlScript) {
    checkOpen();
    Futures.await(session.executeMultiple(sqlScript), timeoutNanos);
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
        Futures.await(session.close(), timeoutNanos);
      } catch (LibsqlException e) {
        // The stream is gone already: the server rolled back whatever was open.
      }
    }
  }
}
