package io.libsql.client.internal;

import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.call.Calls;
import io.libsql.client.internal.engine.Engine;
import io.libsql.client.internal.engine.RowCursor;
import io.libsql.client.Client;
import io.libsql.client.ClientListener.CallKind;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Row;
import io.libsql.client.Session;
import io.libsql.client.Statement;
import io.libsql.client.SyncResult;
import io.libsql.client.Transaction;
import io.libsql.client.TransactionMode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/** The blocking client: starts each call (deadline, events), hands it to the engine and waits. Not API. */
public final class ClientImpl implements Client {
  private final Engine engine;
  private final Calls calls;
  private final AtomicBoolean closed = new AtomicBoolean();

  public ClientImpl(Engine engine, long timeoutNanos) {
    this(engine, Calls.withTimeout(timeoutNanos));
  }

  public ClientImpl(Engine engine, Calls calls) {
    this.engine = engine;
    this.calls = calls;
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
    Call call = calls.start(CallKind.EXECUTE, false, statement, statement.timeout());
    return calls.await(call, () -> engine.execute(call, statement));
  }

  @Override
  public List<ResultSet> batch(List<Statement> statements) {
    return batch(TransactionMode.DEFERRED, statements);
  }

  @Override
  public List<ResultSet> batch(TransactionMode mode, List<Statement> statements) {
    checkOpen();
    List<Statement> copy = List.copyOf(statements);
    Call call = calls.start(CallKind.BATCH, false, copy, Calls.timeoutOf(copy));
    return calls.await(call, () -> engine.batch(call, mode, copy));
  }

  @Override
  public void executeMultiple(String sqlScript) {
    checkOpen();
    Call call = calls.start(CallKind.EXECUTE_MULTIPLE, false, sqlScript, null);
    calls.await(call, () -> engine.executeMultiple(call, sqlScript));
  }

  @Override
  public List<ResultSet> migrate(List<Statement> statements) {
    checkOpen();
    List<Statement> copy = List.copyOf(statements);
    Call call = calls.start(CallKind.MIGRATE, false, copy, Calls.timeoutOf(copy));
    return calls.await(call, () -> migrate(engine, call, copy));
  }

  /** Runs a migration on a session of its own; stopping the call closes the session (rolling back). */
  static CompletableFuture<List<ResultSet>> migrate(Engine engine, Call call, List<Statement> statements) {
    return engine.openSession(call).thenCompose(s -> {
      call.onStop(s::close);
      return Migrations.run(call, s, statements);
    });
  }

  @Override
  public Transaction transaction() {
    return transaction(TransactionMode.DEFERRED);
  }

  @Override
  public Transaction transaction(TransactionMode mode) {
    checkOpen();
    Call call = calls.start(CallKind.BEGIN, true, mode.beginSql(), null);
    return new TransactionImpl(calls.await(call, () -> engine.beginTransaction(call, mode)), calls);
  }

  @Override
  public Session session() {
    checkOpen();
    Call call = calls.startQuiet();
    return new SessionImpl(calls.await(call, () -> engine.openSession(call)), calls);
  }

  @Override
  public Stream<Row> stream(String sql, Object... args) {
    return stream(Statement.of(sql, args));
  }

  @Override
  public Stream<Row> stream(Statement statement) {
    checkOpen();
    Call call = calls.start(CallKind.STREAM, false, statement, statement.timeout());
    return RowStreams.of(calls.await(call, () -> openCursor(engine, call, statement)));
  }

  /** Opens a cursor; one that arrives after the call was stopped is closed at once. */
  static CompletableFuture<RowCursor> openCursor(Engine engine, Call call, Statement statement) {
    CompletableFuture<RowCursor> f = engine.openCursor(call, statement);
    call.onStop(() -> f.thenAccept(RowCursor::close));
    return f;
  }

  @Override
  public SyncResult sync() {
    checkOpen();
    // Not bounded by requestTimeout: a first sync may rightly take long. Interrupting the caller stops its wait.
    Call call = calls.start(CallKind.SYNC, false, null, Duration.ZERO);
    return calls.await(call, engine::sync);
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
