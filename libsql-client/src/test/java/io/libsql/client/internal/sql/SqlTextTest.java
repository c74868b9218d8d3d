package io.libsql.client.internal.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Statement kinds, counts, parameters, RETURNING and transaction control (formerly jdbc SqlText, SessionState, cli SqlSplitter.verb). */
class SqlTextTest {
  @Test
  void kinds() {
    assertEquals(SqlText.Kind.SELECT, SqlText.of("  -- c\n /* x */ (SELECT 1)").kind());
    assertEquals(SqlText.Kind.INSERT, SqlText.of("insert into t values (1)").kind());
    assertEquals(SqlText.Kind.INSERT, SqlText.of("REPLACE INTO t VALUES (1)").kind());
    assertEquals(SqlText.Kind.UPDATE, SqlText.of("WITH x AS (SELECT 1) UPDATE t SET a = 1").kind());
    assertEquals(SqlText.Kind.SELECT, SqlText.of("WITH x AS (DELETE FROM t) SELECT * FROM x").kind());
    assertEquals(SqlText.Kind.DELETE, SqlText.of("DELETE FROM t").kind());
    assertEquals(SqlText.Kind.DDL, SqlText.of("CREATE TABLE t (a)").kind());
    assertEquals(SqlText.Kind.PRAGMA, SqlText.of("PRAGMA foreign_keys = ON").kind());
    assertEquals(SqlText.Kind.TRANSACTION, SqlText.of("BEGIN IMMEDIATE").kind());
    assertTrue(SqlText.Kind.UPDATE.isDml());
    assertFalse(SqlText.Kind.DDL.isDml());
  }

  @Test
  void statementCountsSkipStringsCommentsAndTriggerBodies() {
    assertEquals(1, SqlText.of("SELECT ';' -- ;\n;").statementCount());
    assertEquals(2, SqlText.of("SELECT 1; SELECT \"a;b\"").statementCount());
    assertEquals(1, SqlText.of("CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = CASE WHEN 1 THEN 2 END;"
        + " DELETE FROM u; END;").statementCount());
    assertEquals(2, SqlText.of("CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END; SELECT 2").statementCount());
    assertEquals(0, SqlText.of("  ; -- nothing").statementCount());
  }

  @Test
  void parametersFollowSqliteNumbering() {
    assertEquals(3, SqlText.of("SELECT ?, ?, ?").parameterCount());
    assertEquals(5, SqlText.of("SELECT ?5, ?").parameterCount() - 1);
    assertEquals(2, SqlText.of("SELECT :a, @b, :a, '?'").parameterCount());
    assertEquals(0, SqlText.of("SELECT json_extract(x, '$.a') FROM t -- ?").parameterCount());
  }

  @Test
  void returningIsAppendedBeforeCommentsAndSemicolons() {
    SqlText t = SqlText.of("INSERT INTO t (a) VALUES (?) ; -- done");
    assertFalse(t.hasReturning());
    assertEquals("INSERT INTO t (a) VALUES (?) RETURNING \"id\", \"we\"\"ird\"", t.withReturning(new String[] {"id", "we\"ird"}));
    assertTrue(SqlText.of("insert into t values (1) returning id").hasReturning());
    assertFalse(SqlText.of("INSERT INTO t SELECT \"returning\" FROM (SELECT 'RETURNING' AS \"returning\")").hasReturning(),
        "quoted identifiers and strings are not the keyword");
  }

  @Test
  void verbLooksPastCommonTableExpressions() {
    assertEquals("SELECT", SqlText.of("/* c */ -- d\n select 1").verb());
    assertEquals("SELECT", SqlText.of("WITH x(a) AS (SELECT 1), y AS (VALUES (2)) SELECT * FROM x").verb());
    assertEquals("INSERT", SqlText.of("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x").verb());
    assertEquals("DELETE", SqlText.of("with recursive x as (select 1) delete from t").verb());
    assertEquals("BEGIN", SqlText.of("begin immediate;").verb());
    assertEquals("", SqlText.of("-- nothing").verb());
    assertEquals("WITH", SqlText.of("WITH x AS (SELECT 1); SELECT 2").verb(), "the verb comes from the first statement only");
    assertEquals("'", SqlText.of("'SELECT'").verb());
    assertEquals("WITH", SqlText.of(" ( with x as (select 1) insert into t select 1").firstWord());
    assertEquals(List.of("BEGIN", "IMMEDIATE"), SqlText.of(";; begin immediate; commit").tokens(4));
  }

  @Test
  void keywordsFoldOnlyAsciiCase() {
    assertEquals(SqlText.Kind.OTHER, SqlText.of("beg\u0131n").kind(), "a dotless i is not an I to SQLite");
    assertEquals(SqlText.Transaction.NONE, SqlText.of("beg\u0131n").transaction());
    assertEquals(SqlText.Transaction.BEGIN, SqlText.of("bEgIn").transaction());
  }

  @Test
  void transactionControl() {
    assertEquals(SqlText.Transaction.BEGIN, SqlText.of("/* x */ BEGIN EXCLUSIVE TRANSACTION").transaction());
    assertEquals(SqlText.Transaction.COMMIT, SqlText.of("end transaction").transaction());
    assertEquals(SqlText.Transaction.COMMIT, SqlText.of("COMMIT;").transaction());
    assertEquals(SqlText.Transaction.ROLLBACK, SqlText.of("ROLLBACK TRANSACTION").transaction());
    assertEquals(SqlText.Transaction.ROLLBACK_TO, SqlText.of("rollback to sp").transaction());
    assertEquals(SqlText.Transaction.ROLLBACK_TO, SqlText.of("ROLLBACK TRANSACTION TO SAVEPOINT sp").transaction());
    assertEquals(SqlText.Transaction.SAVEPOINT, SqlText.of("SAVEPOINT a").transaction());
    assertEquals(SqlText.Transaction.RELEASE, SqlText.of("release a").transaction());
    assertEquals(SqlText.Transaction.NONE, SqlText.of("SELECT 'BEGIN'").transaction());
    assertEquals(SqlText.Transaction.NONE, SqlText.of("INSERT INTO begin_log VALUES (1)").transaction());
  }

  @Test
  void savepointNames() {
    assertEquals("a b", SqlText.of("SAVEPOINT [A b]").savepointName());
    assertEquals("x\"y", SqlText.of("RELEASE SAVEPOINT \"X\"\"Y\"").savepointName());
    assertEquals("sp_1", SqlText.of("release `SP_1`").savepointName());
    assertEquals("s", SqlText.of("SAVEPOINT s;").savepointName());
    assertEquals("sp1", SqlText.of("/* c */ RELEASE -- x\n Sp1").savepointName());
    assertEquals("inner", SqlText.of("ROLLBACK TRANSACTION TO SAVEPOINT Inner").savepointName());
    assertEquals("", SqlText.of("SELECT 1").savepointName());
  }

  @Test
  void pragmaAssignments() {
    assertTrue(SqlText.of("PRAGMA foreign_keys = ON").isPragmaAssignment());
    assertTrue(SqlText.of("pragma main.cache_size=-2000;").isPragmaAssignment());
    assertFalse(SqlText.of("PRAGMA user_version").isPragmaAssignment());
    assertFalse(SqlText.of("PRAGMA table_info('a=b')").isPragmaAssignment(), "an = inside a string assigns nothing");
    assertFalse(SqlText.of("SELECT 1 = 1").isPragmaAssignment());
  }

  @Test
  void triggerBodiesFollowSqlite3Complete() {
    // EXPLAIN CREATE TRIGGER keeps its body (the driver's old scanner split it).
    assertEquals(1, SqlText.of("EXPLAIN CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; END").statementCount());
    // A column named "end" inside a body does not end it (the driver's old scanner ended it there).
    assertEquals(1, SqlText.of("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT end FROM x; END;").statementCount());
  }

  @Test
  void tooLargeParameterNumbersAreReportedAsTooMany() {
    assertEquals(Integer.MAX_VALUE, SqlText.of("SELECT ?99999999999").parameterCount());
    assertEquals(Integer.MAX_VALUE, SqlText.of("SELECT ?99999999999, ?, :a").parameterCount(), "no overflow to a negative count");
    assertEquals(null, SqlText.of("SELECT :a, ?").namedParameters());
    assertArrayEquals(new String[] {":a", "$b"}, SqlText.of("SELECT :a, $b, :a").namedParameters());
  }

  @Test
  void positionalStatementsNumberEveryParameter() {
    assertEquals(List.of("/* c */ SELECT ?1, ?2, ?1, ?7, ?8", "SELECT ?9, '?', \":b\""),
        SqlText.of(" /* c */ SELECT :a, ?, :a, ?7, @b -- ?\n; ; SELECT ?, '?', \":b\" /* ? */ ;").positionalStatements());
    assertEquals(List.of("UPDATE t SET a = ?2, b = ?3 WHERE id = ?1"),
        SqlText.of("UPDATE t SET a = $2, b = $x WHERE id = $1", p -> p.matches("\\$[0-9]+") ? "?" + p.substring(1) : p)
            .positionalStatements(),
        "an alias reads $N as a position; $x stays a name, numbered after the largest position");
    SqlText aliased = SqlText.of("SELECT $2, $x, $1", p -> p.equals("$x") ? p : "?" + p.substring(1));
    assertEquals(3, aliased.parameterCount());
    assertEquals(java.util.Map.of("$x", 3), aliased.parameters().indexByName());
    assertEquals(List.of("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT ?1; END"),
        SqlText.of("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT ?; END; -- done").positionalStatements());
    assertEquals(List.of(), SqlText.of(" ; -- nothing").positionalStatements());
    assertEquals(List.of("SELECT 'open ?"), SqlText.of("SELECT 'open ?").positionalStatements());
  }
}
