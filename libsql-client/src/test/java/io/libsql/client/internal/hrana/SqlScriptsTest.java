package io.libsql.client.internal.hrana;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.libsql.client.internal.hrana.SqlScripts.Effect;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptsTest {
  @Test
  void splitsOnSemicolonsOutsideLiteralsAndComments() {
    assertEquals(List.of("SELECT 1", "SELECT 2"), SqlScripts.split("SELECT 1; SELECT 2"));
    assertEquals(List.of("SELECT 1", "SELECT 2"), SqlScripts.split("SELECT 1;\n SELECT 2;\n"));
    assertEquals(List.of("SELECT ';'", "SELECT \"a;b\"", "SELECT [x;y]", "SELECT `p;q`"),
        SqlScripts.split("SELECT ';'; SELECT \"a;b\"; SELECT [x;y]; SELECT `p;q`"));
    assertEquals(List.of("SELECT 'it''s; fine'"), SqlScripts.split("SELECT 'it''s; fine';"));
    assertEquals(List.of("SELECT 1 -- c; d", "/* x; y */ SELECT 2"),
        SqlScripts.split("SELECT 1 -- c; d\n; /* x; y */ SELECT 2;"));
  }

  @Test
  void dropsEmptyStatements() {
    assertEquals(List.of(), SqlScripts.split(""));
    assertEquals(List.of(), SqlScripts.split(" ; ;\n -- only a comment"));
    assertEquals(List.of(), SqlScripts.split("/* just this */;"));
    assertEquals(List.of("SELECT 1"), SqlScripts.split(";;SELECT 1;;"));
  }

  @Test
  void keepsTriggerBodiesWhole() {
    String trigger = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
        + "  INSERT INTO log VALUES (new.v || ';');\n"
        + "  UPDATE c SET n = CASE WHEN n > 0 THEN n + 1 ELSE 1 END;\n"
        + "END";
    assertEquals(List.of("CREATE TABLE t (v)", trigger, "INSERT INTO t VALUES (1)"),
        SqlScripts.split("CREATE TABLE t (v); " + trigger + "; INSERT INTO t VALUES (1)"));
    String temp = "create temp trigger tr2 before delete on t begin select raise(abort, 'no;'); end";
    assertEquals(List.of(temp), SqlScripts.split(temp + ";"));
    String explained = "EXPLAIN CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; END";
    assertEquals(List.of(explained, "SELECT 2"), SqlScripts.split(explained + "; SELECT 2"));
    // A table or column named like a keyword is not a trigger.
    assertEquals(List.of("CREATE TABLE trigger_log (end_at)", "SELECT 1"),
        SqlScripts.split("CREATE TABLE trigger_log (end_at); SELECT 1"));
  }

  @Test
  void unterminatedTextRunsToTheEnd() {
    assertEquals(List.of("SELECT 1", "SELECT 'open; still"), SqlScripts.split("SELECT 1; SELECT 'open; still"));
    assertEquals(List.of("SELECT 1 /* open; comment"), SqlScripts.split("SELECT 1 /* open; comment"));
  }

  @Test
  void judgesEffectsByTheFirstKeyword() {
    assertEquals(Effect.NONE, SqlScripts.effect("SELECT 1"));
    assertEquals(Effect.NONE, SqlScripts.effect("INSERT INTO begin_log VALUES (1)"));
    assertEquals(Effect.NONE, SqlScripts.effect("CREATE TABLE t (x)"));
    assertEquals(Effect.NONE, SqlScripts.effect(null));
    assertEquals(Effect.NONE, SqlScripts.effect("  "));
    for (String s : List.of("BEGIN", "begin immediate", "  -- c\n COMMIT", "/* x */END", "ROLLBACK TO sp", "SAVEPOINT sp", "release sp")) {
      assertEquals(Effect.TRANSACTION, SqlScripts.effect(s), s);
    }
    for (String s : List.of("PRAGMA foreign_keys = ON", "ATTACH 'x.db' AS x", "DETACH x", "CREATE TEMP TABLE t (x)",
        "create temporary view v as select 1", "CREATE TABLE temp.t (x)", "CREATE TABLE \"temp\" . t (x)",
        "create view [TEMP].v as select 1", "CREATE INDEX temp.i ON t(x)")) {
      assertEquals(Effect.SESSION, SqlScripts.effect(s), s);
    }
    assertEquals(Effect.TRANSACTION, SqlScripts.scriptEffect("INSERT INTO t VALUES (1); BEGIN; SELECT 1"));
    assertEquals(Effect.SESSION, SqlScripts.scriptEffect("BEGIN; PRAGMA x; COMMIT"));
    assertEquals(Effect.NONE, SqlScripts.scriptEffect("SELECT 'BEGIN'; SELECT 2"));
  }
}
