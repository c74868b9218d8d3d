package io.libsql.client.internal.hrana;

import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.TransactionMode;
import io.libsql.client.internal.Engine;
import io.libsql.client.internal.EngineSession;
import io.libsql.client.internal.EngineTransaction;
import io.libsql.client.internal.RowCursor;
import io.libsql.client.internal.proto.Batch;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** The client operations over any {@link HranaTransport}: one engine for WebSocket and HTTP. */
public final class HranaEngine implements Engine {
  private final HranaTransport transport;

  public HranaEngine(HranaTransport transport) {
    this.transport = transport;
  }

  @Override
  public String protocol() {
    return transport.protocol();
  }

  @Override
  public boolean blocking() {
    return false;
  }

  /** Runs {@code op}, turning a synchronous throw (bad arguments) into a failed future. */
  static <T> CompletableFuture<T> guard(Supplier<CompletableFuture<T>> op) {
    try {
      return op.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<ResultSet> execute(Statement statement) {
    return guard(() -> transport.execute(HranaMapping.toStmt(statement)).thenApply(HranaMapping::toResultSet))
        .exceptionallyCompose(ConstraintCodes.refine(transport));
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(TransactionMode mode, List<Statement> statements) {
    return guard(() -> transport.batch(HranaMapping.atomicBatch(mode, statements))
        .thenApply(r -> HranaMapping.atomicBatchResults(r, statements.size())))
        .exceptionallyCompose(ConstraintCodes.refine(transport));
  }

  @Override
  public CompletableFuture<Void> executeMultiple(String sql) {
    return guard(() -> transport.sequence(sql));
  }

  @Override
  public CompletableFuture<EngineTransaction> beginTransaction(TransactionMode mode) {
    return guard(() -> transport.openStream().thenApply(stream -> new HranaTransaction(transport, stream, mode)));
  }

  @Override
  public CompletableFuture<RowCursor> openCursor(Statement statement) {
    return guard(() -> transport.openCursor(new Batch(List.of(new Batch.Step(null, HranaMapping.toStmt(statement)))))
        .thenApply(HranaRowCursor::new));
  }

  @Override
  public CompletableFuture<EngineSession> openSession() {
    return guard(() -> transport.openStream().thenApply(stream -> new HranaSession(transport, stream)));
  }

  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "HranaEngine[" + transport + "]";
  }
}
