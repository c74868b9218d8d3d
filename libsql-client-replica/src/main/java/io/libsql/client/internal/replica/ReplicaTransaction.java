package io.libsql.client.internal.replica;

import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.engine.EngineTransaction;
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
  public CompletableFuture<ResultSet> execute(Call call, Statement statement) {
    return remote.execute(call, statement);
  }

  @Override
  public CompletableFuture<List<ResultSet>> batch(Call call, List<Statement> statements) {
    return remote.batch(call, statements);
  }

  @Override
  public CompletableFuture<Void> executeMultiple(Call call, String sql) {
    return remote.executeMultiple(call, sql);
  }

  @Override
  public CompletableFuture<Void> commit(Call call) {
    return remote.commit(call).thenCompose(engine::afterWrite);
  }

  @Override
  public CompletableFuture<Void> rollback(Call call) {
    return remote.rollback(call);
  }

  @Override
  public boolean isClosed() {
    return remote.isClosed();
  }
}
