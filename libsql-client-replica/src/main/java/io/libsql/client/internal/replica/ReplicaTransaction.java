package io.libsql.client.internal.replica;

import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.internal.EngineTransaction;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A transaction on the primary whose commit, with read-your-writes, waits for the replica to catch up. */
final class ReplicaTransaction implements EngineTransaction {
  private final ReplicaEngine engine;
  private final EngineTransaction remote;

  ReplicaTransaction(ReplicaEngine engine, EngineTransaction remote) {
    this.engine = engine;
    this.remote = remote;
  }

  @Override
  public CompletableFuture<ResultSet> execute(Statement statement) {
    return remote.execute(statement);
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(List<Statement> statements) {
    return remote.batch(statements);
  }

  @Override
  public CompletableFuture<Void> executeMultiple(String sql) {
    return remote.executeMultiple(sql);
  }

  @Override
  public CompletableFuture<Void> commit() {
    return remote.commit().thenCompose(engine::afterWrite);
  }

  @Override
  public CompletableFuture<Void> rollback() {
    return remote.rollback();
  }

  @Override
  public boolean isClosed() {
    return remote.isClosed();
  }
}
