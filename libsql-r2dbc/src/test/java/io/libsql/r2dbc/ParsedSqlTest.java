package io.libsql.r2dbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Splitting and parameter rewriting, as SQLite numbers parameters (except $N), over the client's lexer. */
class ParsedSqlTest {
  private static List<String> parts(String sql) {
    return ParsedSql.parse(sql).parts.stream().map(ParsedSql.Part::sql).collect(Collectors.toList());
  }

  @Test
  void parametersBecomeExplicitPositions() {
    ParsedSql t = ParsedSql.parse("UPDATE t SET a = $2, b = ? WHERE id = $1 AND c = :c AND d = :c -- ? $9");
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
    assertEquals(0, ParsedSql.parse("SELECT 'it''s ?'").parameterCount);
  }

  @Test
  void splitsStatementsButNotTriggerBodies() {
    assertEquals(List.of("SELECT 1", "SELECT 2"), parts(" SELECT 1 ; SELECT 2; -- done\n"));
    String trigger = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE u SET n = CASE WHEN 1 THEN 2 END; DELETE FROM v; END";
    assertEquals(List.of(trigger, "SELECT 3"), parts(trigger + "; SELECT 3"));
  }

  @Test
  void classifiesStatements() {
    assertTrue(ParsedSql.parse("WITH x AS (SELECT 1) SELECT * FROM x").parts.get(0).query());
    assertFalse(ParsedSql.parse("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x").parts.get(0).query());
    assertTrue(ParsedSql.parse("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x").parts.get(0).dml());
    assertTrue(ParsedSql.parse("insert into t values (1) returning id").parts.get(0).returning());
    assertFalse(ParsedSql.parse("PRAGMA table_info(t)").parts.get(0).query());
  }

  @Test
  void leadingCommentsStayAndNamesKeepTheirOrder() {
    assertEquals(List.of("/* app=x */ SELECT ?1, ?2, ?1"), parts("/* app=x */ SELECT :b, @a, :b"));
    ParsedSql t = ParsedSql.parse("SELECT :b, @a, $c, $1");
    assertEquals(List.of(":b", "@a", "$c"), List.copyOf(t.names().keySet()));
    assertEquals(2, t.indexOf("c"));
    assertEquals(0, t.indexOf("?1"));
    assertEquals(-1, t.indexOf("$0"));
    assertEquals(-1, t.indexOf("$99999999"));
  }

  @Test
  void dollarNamesAndIdentifiersFollowSqlite() {
    // To SQLite, $ is an identifier character: a$b is a column, $1a a named parameter (not $1 then a).
    ParsedSql t = ParsedSql.parse("SELECT a$b, $1a, $2 FROM t");
    assertEquals(List.of("SELECT a$b, ?1, ?2 FROM t"), t.parts.stream().map(ParsedSql.Part::sql).toList());
    assertEquals(2, t.parameterCount);
    assertEquals(0, t.indexOf("$1a"));
    assertEquals(1, t.indexOf("$2"));
  }

  @Test
  void selectsThatCallReplaceAreQueries() {
    ParsedSql.Part p = ParsedSql.parse("WITH x(a) AS (VALUES ('ab')) SELECT replace(a, 'a', 'c') FROM x").parts.get(0);
    assertTrue(p.query());
    assertFalse(p.dml());
    assertFalse(ParsedSql.parse("INSERT INTO t (\"returning\") VALUES (1)").parts.get(0).returning());
  }
}
