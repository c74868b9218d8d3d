package io.libsql.r2dbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Splitting and parameter rewriting, as SQLite numbers parameters (except $N). */
class SqlTextTest {
  private static List<String> parts(String sql) {
    return SqlText.parse(sql).parts.stream().map(p -> p.sql).collect(Collectors.toList());
  }

  @Test
  void parametersBecomeExplicitPositions() {
    SqlText t = SqlText.parse("UPDATE t SET a = $2, b = ? WHERE id = $1 AND c = :c AND d = :c -- ? $9");
    // A trailing comment is dropped (so that RETURNING can be appended); its ? and $9 are not parameters.
    assertEquals(List.of("UPDATE t SET a = ?2, b = ?3 WHERE id = ?1 AND c = ?4 AND d = ?4"), parts(
        "UPDATE t SET a = $2, b = ? WHERE id = $1 AND c = :c AND d = :c -- ? $9"));
    assertEquals(4, t.parameterCount);
    assertEquals(3, t.indexOf(":c"));
    assertEquals(3, t.indexOf("c"));
    assertEquals(1, t.indexOf("$2"));
    assertEquals(-1, t.indexOf("$5"));
    assertEquals(-1, t.indexOf("nope"));
  }

  @Test
  void quotesAndCommentsAreNotParametersOrSeparators() {
    assertEquals(List.of("SELECT '?;$1', \"a;b\", [x?], `y;` /* ?; */ + 1"),
        parts("SELECT '?;$1', \"a;b\", [x?], `y;` /* ?; */ + 1"));
    assertEquals(0, SqlText.parse("SELECT 'it''s ?'").parameterCount);
  }

  @Test
  void splitsStatementsButNotTriggerBodies() {
    assertEquals(List.of("SELECT 1", "SELECT 2"), parts(" SELECT 1 ; SELECT 2; -- done\n"));
    String trigger = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE u SET n = CASE WHEN 1 THEN 2 END; DELETE FROM v; END";
    assertEquals(List.of(trigger, "SELECT 3"), parts(trigger + "; SELECT 3"));
  }

  @Test
  void classifiesStatements() {
    assertTrue(SqlText.parse("WITH x AS (SELECT 1) SELECT * FROM x").parts.get(0).query);
    assertFalse(SqlText.parse("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x").parts.get(0).query);
    assertTrue(SqlText.parse("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x").parts.get(0).dml);
    assertTrue(SqlText.parse("insert into t values (1) returning id").parts.get(0).returning);
    assertFalse(SqlText.parse("PRAGMA table_info(t)").parts.get(0).query);
  }
}
