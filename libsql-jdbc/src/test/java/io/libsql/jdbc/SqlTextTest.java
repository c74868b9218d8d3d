package io.libsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The SQL scanner behind update counts, scripts, parameters and RETURNING. */
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
}
