package io.libsql.client.internal.http;

import static io.libsql.client.internal.http.HttpTesting.await;
import static io.libsql.client.internal.http.HttpTesting.awaitFailure;
import static io.libsql.client.internal.http.HttpTesting.batch;
import static io.libsql.client.internal.http.HttpTesting.series;
import static io.libsql.client.internal.http.HttpTesting.sqld;
import static io.libsql.client.internal.http.HttpTesting.stmt;
import static io.libsql.client.internal.http.HttpTesting.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.hrana.HranaCursor;
import io.libsql.client.internal.hrana.HranaStream;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.client.internal.proto.StmtResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The transport against a real sqld, with each encoding and with Hrana 2 forced. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpTransportTest {

  enum Mode {
    JSON(Encoding.JSON, 0, 3),
    PROTOBUF(Encoding.PROTOBUF, 0, 3),
    DEFAULT(null, 0, 3),
    V2(Encoding.JSON, 2, 2);

    final Encoding encoding;
    final int forced;
    final int expectedVersion;

    Mode(Encoding encoding, int forced, int expectedVersion) {
      this.encoding = encoding;
      this.forced = forced;
      this.expectedVersion = expectedVersion;
    }

    HttpTransport open() {
      return new HttpTransport(config());
    }

    Config config() {
      return Config.builder(sqld().httpUrl()).encoding(encoding).hranaVersion(forced).build();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void negotiatesTheVersionAndEndpoint(Mode mode) {
    try (AutoCloseableTransport t = new AutoCloseableTransport(mode.open())) {
      assertEquals(mode.expectedVersion, await(t.get().version()));
      Endpoint ep = await(t.get().endpoint());
      assertFalse(ep.minimal());
      String expected = mode.forced == 2 ? "/v2/pipeline"
          : (mode.encoding == Encoding.JSON ? "/v3/pipeline"
              : mode.encoding == Encoding.PROTOBUF ? "/v3-protobuf/pipeline"
                  : HttpTransport.DEFAULT_ENCODING == Encoding.JSON ? "/v3/pipeline" : "/v3-protobuf/pipeline");
      assertEquals(expected, ep.pipelinePath());
      assertEquals("http", t.get().protocol());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void executeReturnsEveryValueType(Mode mode) {
    try (AutoCloseableTransport t = new AutoCloseableTransport(mode.open())) {
      StmtResult r = await(t.get().execute(stmt("SELECT ?, ?, ?, ?, ?, 1 AS one",
          42L, 2.5, "héllo ✓", new byte[] {0, (byte) 0xff}, null)));
      assertEquals(6, r.cols().size());
      assertEquals("one", r.cols().get(5).name());
      assertEquals(1, r.rows().size());
      Object[] row = r.rows().get(0);
      assertEquals(42L, row[0]);
      assertEquals(2.5, row[1]);
      assertEquals("héllo ✓", row[2]);
      assertArrayEquals(new byte[] {0, (byte) 0xff}, (byte[]) row[3]);
      assertNull(row[4]);
      assertEquals(1L, row[5]);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void writesReportAffectedRowsAndRowid(Mode mode) {
    try (AutoCloseableTransport t = new AutoCloseableTransport(mode.open())) {
      String tab = table();
      await(t.get().execute(stmt("CREATE TABLE " + tab + " (id INTEGER PRIMARY KEY, v TEXT)")));
      StmtResult r = await(t.get().execute(stmt("INSERT INTO " + tab + " (v) VALUES (?), (?)", "a", "b")));
      assertEquals(2, r.affectedRowCount());
      assertEquals(2L, r.lastInsertRowid());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sqlErrorsKeepTheServerCodeAndDoNotBreakTheTransport(Mode mode) {
    try (AutoCloseableTransport t = new AutoCloseableTransport(mode.open())) {
      LibsqlException e = assertThrows(LibsqlException.class, () -> await(t.get().execute(stmt("SELECT * FROM no_such_table"))));
      assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
      assertFalse(e.code().equals(ErrorCode.INTERNAL_ERROR.name()), e.code());
      assertEquals(1L, await(t.get().execute(stmt("SELECT 1"))).rows().get(0)[0]);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void batchRunsEveryStepInOneRoundTrip(Mode mode) {
    try (AutoCloseableTransport t = new AutoCloseableTransport(mode.open())) {
      String tab = table();
      await(t.get().version());
      long before = t.get().pipelinesSent();
      BatchResult r = await(t.get().batch(batch(
          stmt("CREATE TABLE " + tab + " (x)"),
          stmt("INSERT INTO " + tab + " VALUES (1), (2)"),
          stmt("SELECT sum(x) FROM " + tab),
          stmt("SELECT nonsense FROM " + tab))));
      assertEquals(1, t.get().pipelinesSent() - before);
      assertEquals(4, r.stepResults().size());
      assertEquals(2, r.stepResults().get(1).affectedRowCount());
      assertEquals(3L, r.stepResults().get(2).rows().get(0)[0]);
      assertNull(r.stepResults().get(3));
      assertNotNull(r.stepErrors().get(3));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sequenceRunsAScript(Mode mode) {
    try (AutoCloseableTransport t = new AutoCloseableTransport(mode.open())) {
      String tab = table();
      await(t.get().sequence("CREATE TABLE " + tab + " (x); INSERT INTO " + tab + " VALUES (1); INSERT INTO " + tab + " VALUES (2);"));
      assertEquals(2L, await(t.get().execute(stmt("SELECT count(*) FROM " + tab))).rows().get(0)[0]);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aStreamCarriesItsBatonAcrossRequestsAndIsIsolated(Mode mode) {
    try (AutoCloseableTransport t = new AutoCloseableTransport(mode.open());
        AutoCloseableTransport other = new AutoCloseableTransport(mode.open())) {
      String tab = table();
      await(t.get().execute(stmt("CREATE TABLE " + tab + " (x)")));
      HranaStream s = await(t.get().openStream());
      await(s.execute(stmt("BEGIN")));
      await(s.execute(stmt("INSERT INTO " + tab + " VALUES (1)")));
      await(s.execute(stmt("INSERT INTO " + tab + " VALUES (2)")));
      assertEquals(2L, await(s.execute(stmt("SELECT count(*) FROM " + tab))).rows().get(0)[0]);
      // The second client does not see the uncommitted rows.
      assertEquals(0L, await(other.get().execute(stmt("SELECT count(*) FROM " + tab))).rows().get(0)[0]);
      await(s.execute(stmt("COMMIT")));
      await(s.close());
      assertTrue(s.isClosed());
      assertEquals(2L, await(other.get().execute(stmt("SELECT count(*) FROM " + tab))).rows().get(0)[0]);
      assertEquals(0, t.get().openStreams());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void closingAStreamRollsBack(Mode mode) {
    try (AutoCloseableTransport t = new AutoCloseableTransport(mode.open())) {
      String tab = table();
      await(t.get().execute(stmt("CREATE TABLE " + tab + " (x)")));
      HranaStream s = await(t.get().openStream());
      await(s.execute(stmt("BEGIN")));
      await(s.execute(stmt("INSERT INTO " + tab + " VALUES (1)")));
      await(s.close());
      assertEquals(0L, await(t.get().execute(stmt("SELECT count(*) FROM " + tab))).rows().get(0)[0]);
      awaitFailure(ErrorCode.TRANSACTION_CLOSED.name(), s.execute(stmt("SELECT 1")));
      assertEquals(s.close(), s.close()); // idempotent
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void requestsIssuedBackToBackShareOnePipeline(Mode mode) {
    try (AutoCloseableTransport t = new AutoCloseableTransport(mode.open())) {
      HranaStream s = await(t.get().openStream());
      long before = t.get().pipelinesSent();
      List<CompletableFuture<StmtResult>> results = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        results.add(s.execute(stmt("SELECT ?", (long) i)));
      }
      CompletableFuture<Void> closed = s.close();
      for (int i = 0; i < 50; i++) {
        assertEquals((long) i, await(results.get(i)).rows().get(0)[0]);
      }
      await(closed);
      long sent = t.get().pipelinesSent() - before;
      // The first request leaves at once; the 49 others and close queue behind it and go together.
      assertTrue(sent <= 3, "51 stream requests took " + sent + " HTTP requests");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void commitAndCloseShareOneRoundTrip(Mode mode) {
    try (AutoCloseableTransport t = new AutoCloseableTransport(mode.open())) {
      String tab = table();
      await(t.get().execute(stmt("CREATE TABLE " + tab + " (x)")));
      HttpStream s = (HttpStream) await(t.get().openStream());
      await(s.execute(stmt("BEGIN")));
      await(s.execute(stmt("INSERT INTO " + tab + " VALUES (1)")));
      long before = t.get().pipelinesSent();
      await(s.executeAndClose(stmt("COMMIT")));
      assertEquals(1, t.get().pipelinesSent() - before);
      assertTrue(s.isClosed());
      await(s.close());
      assertEquals(0, t.get().openStreams());
      assertEquals(1L, await(t.get().execute(stmt("SELECT count(*) FROM " + tab))).rows().get(0)[0]);
      awaitFailure(ErrorCode.TRANSACTION_CLOSED.name(), s.executeAndClose(stmt("COMMIT")));

      HttpStream r = (HttpStream) await(t.get().openStream());
      await(r.execute(stmt("BEGIN")));
      await(r.execute(stmt("INSERT INTO " + tab + " VALUES (2)")));
      await(r.executeAndClose(stmt("ROLLBACK")));
      assertEquals(1L, await(t.get().execute(stmt("SELECT count(*) FROM " + tab))).rows().get(0)[0]);

      // A failing COMMIT still closes the stream.
      HttpStream f = (HttpStream) await(t.get().openStream());
      assertThrows(LibsqlException.class, () -> await(f.executeAndClose(stmt("COMMIT"))));
      assertTrue(f.isClosed());
      assertEquals(0, t.get().openStreams());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aStatementErrorInsideAStreamKeepsTheStream(Mode mode) {
    try (AutoCloseableTransport t = new AutoCloseableTransport(mode.open())) {
      HranaStream s = await(t.get().openStream());
      await(s.execute(stmt("BEGIN")));
      assertThrows(LibsqlException.class, () -> await(s.execute(stmt("SELECT * FROM nowhere"))));
      assertEquals(7L, await(s.execute(stmt("SELECT 7"))).rows().get(0)[0]);
      await(s.sequence("SELECT 1; SELECT 2;"));
      BatchResult b = await(s.batch(batch(stmt("SELECT 8"))));
      assertEquals(8L, b.stepResults().get(0).rows().get(0)[0]);
      await(s.execute(stmt("ROLLBACK")));
      await(s.close());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anArgumentThatCannotBeSentFailsAloneAndKeepsTheTransaction(Mode mode) {
    try (AutoCloseableTransport t = new AutoCloseableTransport(mode.open())) {
      String tab = table();
      String loneSurrogate = "bad \uD800 text";
      awaitFailure(ErrorCode.ARGUMENT_INVALID.name(), t.get().execute(stmt("SELECT ?", loneSurrogate)));
      await(t.get().execute(stmt("CREATE TABLE " + tab + " (x)")));
      HranaStream s = await(t.get().openStream());
      awaitFailure(ErrorCode.ARGUMENT_INVALID.name(), s.execute(stmt("SELECT ?", loneSurrogate)));
      await(s.execute(stmt("BEGIN")));
      // Issued back to back: the first goes at once, the next three share one pipeline.
      CompletableFuture<StmtResult> a = s.execute(stmt("INSERT INTO " + tab + " VALUES (1)"));
      CompletableFuture<StmtResult> b = s.execute(stmt("INSERT INTO " + tab + " VALUES (?)", loneSurrogate));
      CompletableFuture<StmtResult> c = s.execute(stmt("INSERT INTO " + tab + " VALUES (2)"));
      CompletableFuture<StmtResult> d = s.execute(stmt("SELECT ?", loneSurrogate));
      await(a);
      awaitFailure(ErrorCode.ARGUMENT_INVALID.name(), b);
      await(c);
      awaitFailure(ErrorCode.ARGUMENT_INVALID.name(), d);
      assertFalse(s.isClosed());
      await(s.execute(stmt("COMMIT")));
      await(s.close());
      assertEquals(2L, await(t.get().execute(stmt("SELECT count(*) FROM " + tab))).rows().get(0)[0]);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anUnusedStreamClosesWithoutARequest(Mode mode) {
    try (AutoCloseableTransport t = new AutoCloseableTransport(mode.open())) {
      await(t.get().version());
      long before = t.get().pipelinesSent();
      HranaStream s = await(t.get().openStream());
      await(s.close());
      assertEquals(before, t.get().pipelinesSent());
      assertEquals(0, t.get().openStreams());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, mode = EnumSource.Mode.EXCLUDE, names = "V2")
  void aCursorStreamsEveryRow(Mode mode) {
    try (AutoCloseableTransport t = new AutoCloseableTransport(mode.open())) {
      HranaCursor c = await(t.get().openCursor(batch(stmt(series(10_000)))));
      CursorEntry e = c.next();
      StepBeginCheck.check(e, "x", "label");
      long count = 0;
      long sum = 0;
      while ((e = c.next()) instanceof CursorEntry.Row) {
        Object[] values = ((CursorEntry.Row) e).values();
        count++;
        sum += (Long) values[0];
        assertEquals("row-" + values[0], values[1]);
      }
      assertInstanceOf(CursorEntry.StepEnd.class, e);
      while (e != null) {
        e = c.next();
      }
      c.close();
      assertEquals(10_000, count);
      assertEquals(10_000L * 10_001 / 2, sum);
      assertEquals(0, t.get().openCursors());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, mode = EnumSource.Mode.EXCLUDE, names = "V2")
  void aCursorReportsAStepError(Mode mode) {
    try (AutoCloseableTransport t = new AutoCloseableTransport(mode.open())) {
      HranaCursor c = await(t.get().openCursor(batch(stmt("SELECT * FROM nowhere_at_all"))));
      CursorEntry e = c.next();
      assertInstanceOf(CursorEntry.StepError.class, e);
      assertTrue(((CursorEntry.StepError) e).error().message().contains("nowhere_at_all"));
      c.close();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, mode = EnumSource.Mode.EXCLUDE, names = "V2")
  void aCursorClosedEarlyReleasesItsConnectionAndStream(Mode mode) {
    try (AutoCloseableTransport t = new AutoCloseableTransport(mode.open())) {
      long rows = 200_000;
      for (int round = 0; round < 5; round++) {
        HranaCursor c = await(t.get().openCursor(batch(stmt(series(rows)))));
        assertInstanceOf(CursorEntry.StepBegin.class, c.next());
        for (int i = 0; i < 10; i++) {
          assertInstanceOf(CursorEntry.Row.class, c.next());
        }
        c.close();
        c.close();
        assertThrows(LibsqlException.class, c::next);
      }
      assertEquals(0, t.get().openCursors());
      assertEquals(5L, await(t.get().execute(stmt("SELECT 5"))).rows().get(0)[0]);
    }
  }

  @org.junit.jupiter.api.Test
  void hrana2HasNoCursorsSoTheEngineBuffersABatchAndReportsAnOversizedResult() {
    try (AutoCloseableTransport t = new AutoCloseableTransport(Mode.V2.open())) {
      awaitFailure(ErrorCode.PROTOCOL_VERSION_ERROR.name(), t.get().openCursor(batch(stmt("SELECT 1"))));
      io.libsql.client.internal.hrana.HranaEngine engine = new io.libsql.client.internal.hrana.HranaEngine(t.get());
      io.libsql.client.internal.engine.RowCursor c = await(engine.openCursor(null, io.libsql.client.Statement.of(series(1_000))));
      assertEquals(1L, c.next().getLong(0));
      assertEquals(2L, c.next().getLong(0));
      c.close();
      awaitFailure("RESPONSE_TOO_LARGE", engine.openCursor(null, io.libsql.client.Statement.of(series(500_000))));
      assertEquals(1L, await(t.get().execute(stmt("SELECT 1"))).rows().get(0)[0]);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void closeFailsLaterCallsWithClientClosed(Mode mode) {
    HttpTransport t = mode.open();
    await(t.execute(stmt("SELECT 1")));
    HranaStream s = await(t.openStream());
    await(s.execute(stmt("SELECT 1")));
    t.close();
    t.close();
    awaitFailure(ErrorCode.CLIENT_CLOSED.name(), t.execute(stmt("SELECT 1")));
    awaitFailure(ErrorCode.CLIENT_CLOSED.name(), s.execute(stmt("SELECT 1")));
    awaitFailure(ErrorCode.CLIENT_CLOSED.name(), t.openStream());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void closeFailsCallsInFlight(Mode mode) {
    HttpTransport t = mode.open();
    await(t.version());
    CompletableFuture<StmtResult> slow = t.execute(stmt(
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) FROM c"));
    t.close();
    awaitFailure(ErrorCode.CLIENT_CLOSED.name(), slow);
  }

  /** Small assertion helper for the first cursor entry. */
  static final class StepBeginCheck {
    static void check(CursorEntry e, String... names) {
      assertInstanceOf(CursorEntry.StepBegin.class, e);
      CursorEntry.StepBegin b = (CursorEntry.StepBegin) e;
      assertEquals(0, b.step());
      assertEquals(List.of(names), b.cols().stream().map(c -> c.name()).toList());
    }
  }

  /** Try-with-resources for a transport. */
  static final class AutoCloseableTransport implements AutoCloseable {
    private final HttpTransport transport;

    AutoCloseableTransport(HttpTransport transport) {
      this.transport = transport;
    }

    HttpTransport get() {
      return transport;
    }

    @Override
    public void close() {
      transport.close();
    }
  }
}
