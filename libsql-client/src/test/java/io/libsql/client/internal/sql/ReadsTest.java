package io.libsql.client.internal.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which statements the engine may send again after a lost connection. */
class ReadsTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT 1",
      "  select * from t where x = ?",
      "-- comment\nSELECT 1",
      "/* c */ VALUES (1), (2)",
      "WITH a AS (SELECT 1) SELECT * FROM a",
      "SELECT replace(name, 'a', 'b') FROM t",
      "SELECT 'INSERT INTO t VALUES (1)'",
      "SELECT \"update\" FROM t",
      "SELECT [delete] FROM t",
      "SELECT 1;",
      "SELECT CASE WHEN x THEN 1 END FROM t",
      "EXPLAIN DELETE FROM t",
      "EXPLAIN QUERY PLAN INSERT INTO t VALUES (1)",
  })
  void certainlyReadOnly(String sql) {
    assertTrue(SqlText.of(sql).certainlyReadOnly(), sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "INSERT INTO t VALUES (1)",
      "UPDATE t SET x = 1",
      "DELETE FROM t",
      "REPLACE INTO t VALUES (1)",
      "WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a",
      "WITH a AS (SELECT 1) DELETE FROM t WHERE x IN a",
      "SELECT 1; DELETE FROM t",
      "CREATE TABLE t (x)",
      "PRAGMA foreign_keys = OFF",
      "BEGIN",
      "ATTACH 'x.db' AS x",
      "(SELECT 1)",
      "",
      "'SELECT 1'",
  })
  void notCertainlyReadOnly(String sql) {
    assertFalse(SqlText.of(sql).certainlyReadOnly(), sql);
  }
}
