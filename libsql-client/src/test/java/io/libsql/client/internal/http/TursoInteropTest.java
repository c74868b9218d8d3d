package io.libsql.client.internal.http;

import static io.libsql.client.internal.http.HttpTesting.await;
import static io.libsql.client.internal.http.HttpTesting.awaitFailure;
import static io.libsql.client.internal.http.HttpTesting.batch;
import static io.libsql.client.internal.http.HttpTesting.stmt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.ErrorCode;
import io.libsql.client.Libsql;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.BatchCond;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.StmtResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Interop with a second, independent server: the Turso CLI's sync server, which answers 404 to
 * every GET and knows only {@code execute} and {@code batch} on {@code /v2/pipeline}. Skipped when
 * the binary cannot be fetched, except under {@code CI=true}, where that fails.
 *
 * <p>What tursodb 0.7.0 itself does differently (not asserted): {@code affected_row_count} is 0
 * and {@code last_insert_rowid} null even after an INSERT; named arguments are bound as NULL;
 * recursive CTEs are not supported ({@code PREPARE_ERROR}); every response says
 * {@code Connection: close}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TursoInteropTest {
  private static TursoServer turso;
  private static HttpTransport t;

  @BeforeAll
  static void start() {
    if (TursoServer.binaryOrNull() == null && !TursoServer.required()) {
      Assumptions.abort("tursodb unavailable (" + TursoServer.whyUnavailable() + "); set CI=true to make this fail");
    }
    turso = TursoServer.start();
    t = new HttpTransport(Config.builder(turso.httpUrl()).build());
  }

  @AfterAll
  static void stop() {
    if (t != null) {
      t.close();
    }
    if (turso != null) {
      turso.close();
    }
  }

  @Test
  void theServerIsRecognisedAsMinimalHrana2() {
    assertEquals(2, await(t.version()));
    Endpoint ep = await(t.endpoint());
    assertTrue(ep.minimal());
    assertEquals("/v2/pipeline", ep.pipelinePath());
  }

  @Test
  void executeCarriesEveryValueType() {
    StmtResult r = await(t.execute(stmt("SELECT ?, ?, ?, ?, ?", 7L, 2.5, "tëxt", new byte[] {0, (byte) 0xff}, null)));
    Object[] row = r.rows().get(0);
    assertEquals(7L, row[0]);
    assertEquals(2.5, row[1]);
    assertEquals("tëxt", row[2]);
    assertArrayEquals(new byte[] {0, (byte) 0xff}, (byte[]) row[3]);
    assertNull(row[4]);
  }

  @Test
  void writesPersistAcrossRequests() {
    String tab = HttpTesting.table();
    await(t.execute(stmt("CREATE TABLE " + tab + " (id INTEGER PRIMARY KEY, v TEXT)")));
    await(t.execute(stmt("INSERT INTO " + tab + " (v) VALUES (?)", "a")));
    StmtResult sel = await(t.execute(stmt("SELECT id, v FROM " + tab)));
    assertEquals(1, sel.rows().size());
    assertEquals("a", sel.rows().get(0)[1]);
    assertEquals(List.of("id", "v"), sel.cols().stream().map(c -> c.name()).toList());
  }

  @Test
  void sqlErrorsArePassedThrough() {
    LibsqlException e = assertThrows(LibsqlException.class, () -> await(t.execute(stmt("SELECT nope FROM nowhere"))));
    assertTrue(e.getMessage().contains("nowhere") || e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void batchRunsConditionalSteps() {
    String tab = HttpTesting.table();
    Batch b = new Batch(List.of(
        new Batch.Step(null, stmt("CREATE TABLE " + tab + " (x)")),
        new Batch.Step(new BatchCond.Ok(0), stmt("INSERT INTO " + tab + " VALUES (1), (2)")),
        new Batch.Step(null, stmt("SELECT bogus syntax here")),
        new Batch.Step(new BatchCond.Ok(2), stmt("INSERT INTO " + tab + " VALUES (3)")),
        new Batch.Step(new BatchCond.Error(2), stmt("SELECT count(*) FROM " + tab))));
    BatchResult r = await(t.batch(b));
    assertNotNull(r.stepResults().get(1));
    assertNotNull(r.stepErrors().get(2));
    assertNull(r.stepResults().get(3));
    assertNull(r.stepErrors().get(3));
    assertEquals(2L, r.stepResults().get(4).rows().get(0)[0]);
  }

  @Test
  void aCursorIsReadFromOneBatch() {
    String tab = HttpTesting.table();
    await(t.execute(stmt("CREATE TABLE " + tab + " (x INTEGER)")));
    StringBuilder values = new StringBuilder();
    for (int i = 1; i <= 100; i++) {
      values.append(i == 1 ? "" : ", ").append('(').append(i).append(')');
    }
    await(t.execute(stmt("INSERT INTO " + tab + " VALUES " + values)));
    // The transport has no cursors here; the engine reads the rows from one batch.
    awaitFailure(ErrorCode.PROTOCOL_VERSION_ERROR.name(), t.openCursor(batch(stmt("SELECT 1"))));
    io.libsql.client.internal.engine.RowCursor c = await(new io.libsql.client.internal.hrana.HranaEngine(t)
        .openCursor(null, Statement.of("SELECT x FROM " + tab + " ORDER BY x")));
    int rows = 0;
    while (c.next() != null) {
      rows++;
    }
    c.close();
    assertEquals(100, rows);
  }

  @Test
  void scriptsRunAsABatchWithoutHranaSequence() {
    await(t.sequence("SELECT 1; SELECT 2"));
    LibsqlException e = org.junit.jupiter.api.Assertions.assertThrows(LibsqlException.class,
        () -> await(t.sequence("SELECT 1; SELECT * FROM no_such_table_here")));
    assertTrue(e.getMessage().contains("no_such_table_here"), e.getMessage());
  }

  @Test
  void unsupportedOperationsFailClearlyWithoutAnyRequest() {
    await(t.version());
    long before = t.pipelinesSent();
    LibsqlException tx = awaitFailure(ErrorCode.PROTOCOL_VERSION_ERROR.name(), t.openStream());
    assertTrue(tx.getMessage().contains("interactive transactions"), tx.getMessage());
    assertTrue(tx.getMessage().contains("execute and batch only"), tx.getMessage());
    assertEquals(before, t.pipelinesSent());
  }

  @Test
  void thePublicClientRunsExecuteAndBatch() {
    try (Client client = Libsql.createClient(Config.builder(turso.httpUrl()).build())) {
      String tab = HttpTesting.table();
      client.execute("CREATE TABLE " + tab + " (x INTEGER)");
      List<ResultSet> results = client.batch(List.of(
          Statement.of("INSERT INTO " + tab + " VALUES (?)", 1L),
          Statement.of("INSERT INTO " + tab + " VALUES (?)", 2L),
          Statement.of("SELECT sum(x) FROM " + tab)));
      assertEquals(3L, results.get(2).rows().get(0).getLong(0));
      assertEquals(3L, client.execute("SELECT sum(x) FROM " + tab).rows().get(0).getLong(0));
      LibsqlException e = assertThrows(LibsqlException.class, client::transaction);
      assertEquals(ErrorCode.PROTOCOL_VERSION_ERROR.name(), e.code());
      // A script is a batch, which this server takes.
      client.executeMultiple("INSERT INTO " + tab + " VALUES (4); INSERT INTO " + tab + " VALUES (5);");
      assertEquals(12L, client.execute("SELECT sum(x) FROM " + tab).rows().get(0).getLong(0));
    }
  }
}
