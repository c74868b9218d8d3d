package io.libsql.r2dbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.ValidationDepth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The driver's own behaviour, the same on a local file, ws and http. */
class DriverTest {
  static Stream<String> urls() throws Exception {
    Path dir = Files.createTempDirectory("libsql-r2dbc-driver");
    dir.toFile().deleteOnExit();
    return Stream.of(
        "r2dbc:libsql:file://" + dir.resolve("driver.db").toAbsolutePath(),
        "r2dbc:libsql:" + Sqld.get().wsUrl() + Sqld.LIMITS,
        "r2dbc:libsql:" + Sqld.get().httpUrl() + Sqld.LIMITS);
  }

  private static <T> List<T> with(String url, Function<Connection, Publisher<T>> body) {
    ConnectionFactory factory = ConnectionFactories.get(url);
    return Flux.usingWhen(factory.create(), body, Connection::close).collectList().block(Duration.ofSeconds(60));
  }

  private static String table() {
    return "t_" + UUID.randomUUID().toString().replace("-", "");
  }

  private static Mono<Long> run(Connection c, String sql) {
    return Flux.from(c.createStatement(sql).execute()).flatMap(Result::getRowsUpdated).reduce(0L, Long::sum);
  }

  @ParameterizedTest
  @MethodSource("urls")
  void dollarParametersArePositionsNotNames(String url) {
    String t = table();
    List<Long> qty = with(url, c -> run(c, "CREATE TABLE " + t + "(id INTEGER PRIMARY KEY, qty INTEGER)")
        .then(run(c, "INSERT INTO " + t + " VALUES (1, 0), (2, 0)"))
        .thenMany(c.createStatement("UPDATE " + t + " SET qty = $2 WHERE id = $1").bind(0, 2).bind(1, 42).execute())
        .flatMap(Result::getRowsUpdated)
        .thenMany(c.createStatement("SELECT qty FROM " + t + " ORDER BY id").execute())
        .flatMap(r -> r.map(row -> row.get(0, Long.class))));
    assertEquals(List.of(0L, 42L), qty);
  }

  @ParameterizedTest
  @MethodSource("urls")
  void queriesAreToldByTheLexer(String url) {
    String cte = "WITH x(a) AS (VALUES ('ab')) SELECT replace(a, 'a', 'c') FROM x";
    List<Object> out = with(url, c -> Flux.concat(
        Flux.from(c.createStatement(cte).execute()).flatMap(r -> r.map(row -> row.get(0, String.class))),
        // A SELECT that calls replace() is a query: rows and no update count.
        Flux.from(c.createStatement(cte).execute()).flatMap(Result::getRowsUpdated),
        Flux.from(c.createStatement("EXPLAIN QUERY PLAN SELECT 1").execute())
            .flatMap(r -> r.map(row -> row.get("detail", String.class))).take(1)));
    assertEquals(List.of("cb", "SCAN CONSTANT ROW"), out);
  }

  @ParameterizedTest
  @MethodSource("urls")
  void tooManyParametersAreRefusedBeforeBinding(String url) {
    List<String> messages = with(url, c -> Mono.fromCallable(() -> assertThrows(IllegalArgumentException.class,
        () -> c.createStatement("SELECT ?99999999999")).getMessage()));
    assertEquals(List.of("the statement has 2147483647 parameters; SQLite takes at most 32766"), messages);
  }

  @ParameterizedTest
  @MethodSource("urls")
  void namedAndAnonymousParameters(String url) {
    List<List<Object>> rows = with(url, c -> Flux.concat(
        Flux.from(c.createStatement("SELECT :a + :b, :a, @c").bind("a", 1).bind(":b", 2).bind("c", "x").execute())
            .flatMap(r -> r.map(row -> List.<Object>of(row.get(0, Long.class), row.get(1, Long.class), row.get(2)))),
        Flux.from(c.createStatement("SELECT ?, ?").bind(0, "p").bind(1, 2.5).execute())
            .flatMap(r -> r.map(row -> List.<Object>of(row.get(0), row.get(1))))));
    assertEquals(List.of(List.of(3L, 1L, "x"), List.of("p", 2.5)), rows);
  }

  @ParameterizedTest
  @MethodSource("urls")
  void boundSetsRunAsOneAtomicBatch(String url) {
    String t = table();
    with(url, c -> run(c, "CREATE TABLE " + t + "(id INTEGER PRIMARY KEY)"));
    List<Long> counts = with(url, c -> Flux.from(c.createStatement("INSERT INTO " + t + " VALUES ($1)")
        .bind(0, 1).add().bind(0, 2).add().bind(0, 3).execute()).flatMap(Result::getRowsUpdated));
    assertEquals(List.of(1L, 1L, 1L), counts);
    // The second set violates the key: no row of the batch lands.
    Throwable e = Flux.usingWhen(ConnectionFactories.get(url).create(),
        c -> Flux.from(c.createStatement("INSERT INTO " + t + " VALUES ($1)").bind(0, 4).add().bind(0, 1).execute())
            .flatMap(Result::getRowsUpdated),
        Connection::close).then().onErrorResume(x -> Mono.error(x)).materialize().block().getThrowable();
    assertInstanceOf(R2dbcDataIntegrityViolationException.class, e);
    assertTrue(((R2dbcException) e).getSqlState().startsWith("SQLITE_CONSTRAINT"), ((R2dbcException) e).getSqlState());
    List<Long> n = with(url, c -> Flux.from(c.createStatement("SELECT count(*) FROM " + t).execute())
        .flatMap(r -> r.map(row -> row.get(0, Long.class))));
    assertEquals(List.of(3L), n);
  }

  @ParameterizedTest
  @MethodSource("urls")
  void generatedValuesComeFromReturning(String url) {
    String t = table();
    List<Long> ids = with(url, c -> run(c, "CREATE TABLE " + t + "(id INTEGER PRIMARY KEY, name TEXT)")
        .thenMany(c.createStatement("INSERT INTO " + t + "(name) VALUES ($1) -- a comment").bind(0, "a")
            .returnGeneratedValues("id").execute())
        .flatMap(r -> r.map(row -> row.get("ID", Long.class))));
    assertEquals(List.of(1L), ids);
  }

  @ParameterizedTest
  @MethodSource("urls")
  void savepointsRollBackPartOfATransaction(String url) {
    String t = table();
    List<Long> rows = with(url, c -> run(c, "CREATE TABLE " + t + "(id INTEGER PRIMARY KEY)")
        .then(Mono.from(c.beginTransaction()))
        .then(run(c, "INSERT INTO " + t + " VALUES (1)"))
        .then(Mono.from(c.createSavepoint("s1")))
        .then(run(c, "INSERT INTO " + t + " VALUES (2)"))
        .then(Mono.from(c.rollbackTransactionToSavepoint("s1")))
        .then(Mono.from(c.releaseSavepoint("s1")))
        .then(Mono.from(c.commitTransaction()))
        .thenMany(c.createStatement("SELECT id FROM " + t).execute())
        .flatMap(r -> r.map(row -> row.get(0, Long.class))));
    assertEquals(List.of(1L), rows);
  }

  @ParameterizedTest
  @MethodSource("urls")
  void cancellingAStreamLeavesTheConnectionUsable(String url) {
    String big = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) SELECT x FROM c";
    List<Object> out = with(url, c -> Flux.from(c.createStatement(big).execute())
        .flatMap(r -> r.map(row -> row.get(0, Long.class)))
        .take(5)
        .collectList()
        .<Object>map(l -> l)
        .concatWith(c.validate(ValidationDepth.REMOTE))
        .concatWith(Flux.from(c.createStatement("SELECT 7").execute()).flatMap(r -> r.map(row -> row.get(0)))));
    assertEquals(List.of(List.of(1L, 2L, 3L, 4L, 5L), true, 7L), out);
  }

  @ParameterizedTest
  @MethodSource("urls")
  void aStatementTimeoutStopsTheStatement(String url) {
    String endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";
    Throwable e = Flux.usingWhen(ConnectionFactories.get(url).create(),
        c -> Mono.from(c.setStatementTimeout(Duration.ofMillis(300)))
            .then(Mono.from(c.beginTransaction())) // a transaction: the buffered path
            .thenMany(c.createStatement(endless).execute())
            .flatMap(r -> r.map(row -> row.get(0))),
        Connection::close).then().materialize().block(Duration.ofSeconds(60)).getThrowable();
    assertInstanceOf(R2dbcTimeoutException.class, e);
  }

  /**
   * Cancelling a subscription stops the statement: on a local file, six endless queries cancelled
   * one after another would otherwise hold both threads of the client's executor, and the last
   * query would never run. (Remote statements are abandoned, but sqld would keep running them, so
   * this runs on a file only.)
   */
  @org.junit.jupiter.api.Test
  void cancellingASubscriptionStopsTheStatement() throws Exception {
    String url = urls().findFirst().get();
    String endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";
    List<Object> out = with(url, c -> Flux.range(0, 3)
        .concatMap(i -> Flux.from(c.createStatement(endless).execute()) // streamed (auto-commit)
            .flatMap(r -> r.map(row -> row.get(0)))
            .take(Duration.ofMillis(200)))
        .thenMany(Flux.range(0, 3).concatMap(i -> Mono.from(c.beginTransaction()) // fetched whole (transaction)
            .thenMany(c.createStatement(endless).execute())
            .flatMap(r -> r.map(row -> row.get(0)))
            .take(Duration.ofMillis(200))
            .concatWith(Mono.from(c.rollbackTransaction()).then(Mono.empty()))))
        .thenMany(Flux.from(c.createStatement("SELECT 'still here'").execute()).flatMap(r -> r.map(row -> row.get(0)))));
    assertEquals(List.of("still here"), out);
  }
}
