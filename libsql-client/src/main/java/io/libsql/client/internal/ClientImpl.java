package io.libsql.client.internal;

import io.libsql.client.Client;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Row;
import io.libsql.client.Session;
import io.libsql.client.Statement;
import io.libsql.client.SyncResult;
import io.libsql.client.Transaction;
import io.libsql.client.TransactionMode;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/** The blocking client: calls the engine and waits. Not API. */
public final class ClientImpl implements Client {
  private final Engine engine;
  private final long timeoutNanos;
  private final AtomicBoolean closed = new AtomicBoolean();

  public ClientImpl(Engine engine, long timeoutNanos) {
    this.engine = engine;
    this.timeoutNanos = timeoutNanos;
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed");
    }
  }

  @Override
  public ResultSet execute(String sql, Object... args) {
    return execute(Statement.of(sql, args));
  }

  @Override
  public ResultSet execute(Statement statement) {
    checkOpen();
    return Futures.await(engine.execute(statement), timeoutNanos);
  }

  @Override
  public List<ResultSet> batch(List<Statement> statements) {
    return batch(TransactionMode.DEFERRED, statements);
  }

  @Override
  public List<ResultSet> batch(TransactionMode mode, List<Statement> statements) {
    checkOpen();
    return Futures.await(engine.batch(mode, List.copyOf(statements)), timeoutNanos);
  }

  @Override
  public void executeMultiple(String sqlScript) {
    checkOpen();
    Futures.await(engine.executeMultiple(sqlScript), timeoutNanos);
  }

  @Override
  public List<ResultSet> migrate(List<Statement> statements) {
    checkOpen();
    List<Statement> copy = List.copyOf(statements);
    return Futures.await(engine.openSession().thenCompose(s -> Migrations.run(s, copy)), timeoutNanos);
  }

  @Override
  public Transaction transaction() {
    return transaction(TransactionMode.DEFERRED);
  }

  @Override
  public Transaction transaction(TransactionMode mode) {
    checkOpen();
    return new TransactionImpl(Futures.await(engine.beginTransaction(mode), timeoutNanos), timeoutNanos);
  }

  @Override
  public Session session() {
    checkOpen();
    return new SessionImpl(Futures.await(engine.openSession(), timeoutNanos), timeoutNanos);
  }

  @Override
  public Stream<Row> stream(String sql, Object... args) {
    return stream(Statement.of(sql, args));
  }

  @Override
  public Stream<Row> stream(Statement statement) {
    checkOpen();
    return RowStreams.of(Futures.await(engine.openCursor(statement), timeoutNanos));
  }

  @Override
  public SyncResult sync() {
    checkOpen();
    return Futures.await(engine.sync(), timeoutNanos);
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public String protocol() {
    return engine.protocol();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      engine.close();
    }
  }

  @Override
  public String toString() {
    return "Client[" + engine + "]";
  }
}
