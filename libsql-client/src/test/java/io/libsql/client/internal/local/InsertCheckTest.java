package io.libsql.client.internal.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which statements report last_insert_rowid on a local file, as sqld reports it for them. */
class InsertCheckTest {
  @Test
  void insertsAreFoundPastCommentsAndParentheses() {
    assertTrue(LocalConnection.isInsert("INSERT INTO t VALUES (1)"));
    assertTrue(LocalConnection.isInsert("-- why\n/* how */ insert into t values (1)"), "a leading comment hid it before");
    assertTrue(LocalConnection.isInsert("REPLACE INTO t VALUES (1)"));
    assertTrue(LocalConnection.isInsert("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x"));
    assertTrue(LocalConnection.isInsert("WITH x AS (SELECT 1) UPDATE t SET a = 1"), "every WITH, as before");
    assertFalse(LocalConnection.isInsert("UPDATE t SET a = 'INSERT'"));
    assertFalse(LocalConnection.isInsert("SELECT 1"));
  }
}
