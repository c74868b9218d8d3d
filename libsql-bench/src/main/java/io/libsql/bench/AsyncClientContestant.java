package io.libsql.bench;

import io.libsql.client.AsyncClient;
import io.libsql.client.AsyncTransaction;
import io.libsql.client.Libsql;
import io.libsql.client.ResultSet;
import io.libsql.client.Row;
import io.libsql.client.Statement;
import io.libsql.client.TransactionMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Our {@link AsyncClient}. Sequential workloads wait for each call before the next, as the
 * TypeScript program awaits each; W4 issues all 1000 calls at once and waits for all.
 */
final class AsyncClientContestant extends JavaContestant {
  private final AsyncClient client;
  private final String insertSql;
  private final String vectorInsertSql;

  AsyncClientContestant(String url, Workload workload, String table, Runnable resetTable, long warmupMillis) {
    super(workload, resetTable, warmupMillis);
    this.client = Libsql.createAsyncClient(url);
    this.insertSql = Data.insertSql(table);
    this.vectorInsertSql = Data.vectorInsertSql(table);
  }

  /** One method per workload, so that the JIT compiles each loop on its own profile. */
  @Override
  Measurement round(double scale, Deadline deadline) {
    switch (workload) {
      case W1:
        return w1(scale, deadline);
      case W2:
        return w2(scale, deadline);
      case W3:
        return w3(scale, deadline);
      case W4:
        return w4(scale, deadline);
      case W5:
        return w5(scale, deadline);
      case V1:
      case V3:
        return vectorInserts(scale, deadline);
      case V2:
        return v2(scale, deadline);
      default:
        throw new IllegalArgumentException(workload.name());
    }
  }

  private Measurement w1(double scale, Deadline deadline) {
    long start = System.nanoTime();
    int n = w1Ops(scale);
    long[] latencies = new long[n];
    for (int i = 0; i < n; i++) {
      deadline.check("W1");
      long s = System.nanoTime();
      ResultSet rs = await(client.execute(Data.SELECT_1), deadline);
      latencies[i] = System.nanoTime() - s;
      expectRows(rs.size(), 1, "SELECT 1");
    }
    return Measurement.withLatencies(n, System.nanoTime() - start, latencies);
  }

  private Measurement w2(double scale, Deadline deadline) {
    long start = System.nanoTime();
    int batches = Workload.scaled(Workload.W2_BATCHES, scale);
    long id = 0;
    for (int b = 0; b < batches; b++) {
      deadline.check("W2");
      List<Statement> statements = new ArrayList<>(Workload.W2_ROWS_PER_BATCH);
      for (int i = 0; i < Workload.W2_ROWS_PER_BATCH; i++) {
        statements.add(Statement.of(insertSql, Data.rowArgs(++id)));
      }
      await(client.batch(TransactionMode.WRITE, statements), deadline);
    }
    return Measurement.of(id, System.nanoTime() - start);
  }

  private Measurement w3(double scale, Deadline deadline) {
    long start = System.nanoTime();
    int queries = Workload.scaled(Workload.W3_QUERIES, scale);
    long rows = 0;
    long check = 0;
    for (int q = 0; q < queries; q++) {
      deadline.check("W3");
      ResultSet rs = await(client.execute(Data.SELECT_W3), deadline);
      for (Row row : rs.rows()) {
        check += Data.touchW3(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4));
        rows++;
      }
    }
    long nanos = System.nanoTime() - start;
    expectRows((int) rows, queries * Workload.W3_ROWS, "SELECT * FROM w3");
    Data.requireChecksum(check);
    return Measurement.of(rows, nanos);
  }

  private Measurement w4(double scale, Deadline deadline) {
    long start = System.nanoTime();
    int n = Workload.scaled(Workload.W4_OPS, scale);
    List<CompletableFuture<ResultSet>> calls = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      calls.add(client.execute(Data.SELECT_1));
    }
    await(CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])), deadline);
    for (CompletableFuture<ResultSet> call : calls) {
      expectRows(call.join().size(), 1, "SELECT 1");
    }
    return Measurement.of(n, System.nanoTime() - start);
  }

  private Measurement w5(double scale, Deadline deadline) {
    long start = System.nanoTime();
    int txs = Workload.scaled(Workload.W5_TXS, scale);
    long id = 0;
    for (int t = 0; t < txs; t++) {
      deadline.check("W5");
      try (AsyncTransaction tx = await(client.transaction(TransactionMode.WRITE), deadline)) {
        for (int i = 0; i < Workload.W5_INSERTS_PER_TX; i++) {
          await(tx.execute(insertSql, Data.rowArgs(++id)), deadline);
        }
        await(tx.commit(), deadline);
      }
    }
    return Measurement.of(txs, System.nanoTime() - start);
  }

  /** V1, V3: batches of 100 {@code INSERT INTO v(e) VALUES (?)}, each with a {@code float[]} argument. */
  private Measurement vectorInserts(double scale, Deadline deadline) {
    long start = System.nanoTime();
    int batches = vectorBatches(scale);
    int row = 0;
    for (int b = 0; b < batches; b++) {
      deadline.check(workload.name());
      List<Statement> statements = new ArrayList<>(Workload.VECTOR_ROWS_PER_BATCH);
      for (int i = 0; i < Workload.VECTOR_ROWS_PER_BATCH; i++) {
        statements.add(Statement.of(vectorInsertSql, (Object) vectors[row++]));
      }
      await(client.batch(TransactionMode.WRITE, statements), deadline);
    }
    return Measurement.of(row, System.nanoTime() - start);
  }

  /** V2: sequential {@code vector_top_k} queries, each with a {@code float[]} argument. */
  private Measurement v2(double scale, Deadline deadline) {
    long start = System.nanoTime();
    int queries = Workload.scaled(Workload.V2_QUERIES, scale);
    long check = 0;
    for (int q = 0; q < queries; q++) {
      deadline.check("V2");
      ResultSet rs = await(client.execute(Statement.of(Data.V2_QUERY, (Object) vectors[q])), deadline);
      expectRows(rs.size(), Workload.V2_K, "vector_top_k");
      for (Row row : rs.rows()) {
        check += row.getLong(0);
      }
    }
    long nanos = System.nanoTime() - start;
    Data.requireChecksum(check);
    return Measurement.of(queries, nanos);
  }

  @Override
  public void close() {
    client.close();
  }
}
