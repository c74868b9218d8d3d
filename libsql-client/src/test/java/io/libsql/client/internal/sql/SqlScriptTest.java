package io.libsql.client.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Statement boundaries and effects (formerly hrana.SqlScripts). */
class SqlScriptTest {
  @Test
  void splitsOnSemicolonsOutsideLiteralsAndComments() {
    assertEquals(List.of("SELECT 1", "SELECT 2"), SqlText.split("SELECT 1; SELECT 2"));
    assertEquals(List.of("SELECT 1", "SELECT 2"), SqlText.split("SELECT 1;\n SELECT 2;\n"));
    assertEquals(List.of("SELECT ';'", "SELECT \"a;b\"", "SELECT [x;y]", "SELECT `p;q`"),
        SqlText.split("SELECT ';'; SELECT \"a;b\"; SELECT [x;y]; SELECT `p;q`"));
    assertEquals(List.of("SELECT 'it''s; fine'"), SqlText.split("SELECT 'it''s; fine';"));
    assertEquals(List.of("SELECT 1 -- c; d", "/* x; y */ SELECT 2"),
        SqlText.split("SELECT 1 -- c; d\n; /* x; y */ SELECT 2;"));
  }

  @Test
  void dropsEmptyStatements() {
    assertEquals(List.of(), SqlText.split(""));
    assertEquals(List.of(), SqlText.split(" ; ;\n -- only a comment"));
    assertEquals(List.of(), SqlText.split("/* just this */;"));
    assertEquals(List.of("SELECT 1"), SqlText.split(";;SELECT 1;;"));
  }

  @Test
  void keepsTriggerBodiesWhole() {
    String trigger = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
        + "  INSERT INTO log VALUES (new.v || ';');\n"
        + "  UPDATE c SET n = CASE WHEN n > 0 THEN n + 1 ELSE 1 END;\n"
        + "END";
    assertEquals(List.of("CREATE TABLE t (v)", trigger, "INSERT INTO t VALUES (1)"),
        SqlText.split("CREATE TABLE t (v); " + trigger + "; INSERT INTO t VALUES (1)"));
    String temp = "create temp trigger tr2 before delete on t begin select raise(abort, 'no;'); end";
    assertEquals(List.of(temp), SqlText.split(temp + ";"));
    String explained = "EXPLAIN CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; END";
    assertEquals(List.of(explained, "SELECT 2"), SqlText.split(explained + "; SELECT 2"));
    // A table or column named like a keyword is not a trigger.
    assertEquals(List.of("CREATE TABLE trigger_log (end_at)", "SELECT 1"),
        SqlText.split("CREATE TABLE trigger_log (end_at); SELECT 1"));
  }

  @Test
  void unterminatedTextRunsToTheEnd() {
    assertEquals(List.of("SELECT 1", "SELECT 'open; still"), SqlText.split("SELECT 1; SELECT 'open; still"));
    assertEquals(List.of("SELECT 1 /* open; comment"), SqlText.split("SELECT 1 /* open; comment"));
  }

  @Test
  void judgesEffectsByTheFirstKeyword() {
    assertEquals(Effect.NONE, Effect.of("SELECT 1"));
    assertEquals(Effect.NONE, Effect.of("INSERT INTO begin_log VALUES (1)"));
    assertEquals(Effect.NONE, Effect.of("CREATE TABLE t (x)"));
    assertEquals(Effect.NONE, Effect.of(null));
    assertEquals(Effect.NONE, Effect.of("  "));
    for (String s : List.of("BEGIN", "begin immediate", "  -- c\n COMMIT", "/* x */END", "ROLLBACK TO sp", "SAVEPOINT sp", "release sp")) {
      assertEquals(Effect.TRANSACTION, Effect.of(s), s);
    }
    for (String s : List.of("PRAGMA foreign_keys = ON", "ATTACH 'x.db' AS x", "DETACH x", "CREATE TEMP TABLE t (x)",
        "create temporary view v as select 1", "CREATE TABLE temp.t (x)", "CREATE TABLE \"temp\" . t (x)",
        "create view [TEMP].v as select 1", "CREATE INDEX temp.i ON t(x)")) {
      assertEquals(Effect.SESSION, Effect.of(s), s);
    }
    assertEquals(Effect.TRANSACTION, Effect.of("INSERT INTO t VALUES (1); BEGIN; SELECT 1"));
    assertEquals(Effect.SESSION, Effect.of("BEGIN; PRAGMA x; COMMIT"));
    assertEquals(Effect.NONE, Effect.of("SELECT 'BEGIN'; SELECT 2"));
  }
}
