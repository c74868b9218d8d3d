package io.libsql.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.libsql.client.LibsqlException;
import io.libsql.client.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementChecksTest {
  static String fails(Statement s) {
    return assertThrows(LibsqlException.class, () -> StatementChecks.check(s)).code();
  }

  @Test
  void exactlyOneStatement() {
    for (String sql : new String[] {"", " \n\t", "-- c", "/* c */", ";", " ; ;"}) {
      assertEquals("SQL_NO_STATEMENT", fails(Statement.of(sql)), sql);
    }
    assertEquals("SQL_MANY_STATEMENTS", fails(Statement.of("SELECT 1; SELECT 2")));
    assertEquals("SQL_MANY_STATEMENTS", fails(Statement.of("SELECT 1; -- c\n SELECT 2;")));
    StatementChecks.check(Statement.of("SELECT 1;"));
    StatementChecks.check(Statement.of("SELECT 1; -- trailing comment"));
    StatementChecks.check(Statement.of("SELECT ';' AS semi"));
    StatementChecks.check(Statement.of("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; SELECT 2; END"));
  }

  @Test
  void argumentsMatchParameters() {
    StatementChecks.check(Statement.of("SELECT ?, ?", 1, 2));
    StatementChecks.check(Statement.of("SELECT ?2", 1, 2));
    StatementChecks.check(Statement.named("SELECT :a, :a, @b", Map.of("a", 1, "b", 2)));
    assertEquals("ARGUMENT_INVALID", fails(Statement.of("SELECT ?", 1, 2)));
    assertEquals("ARGUMENT_INVALID", fails(Statement.of("SELECT ?, ?", 1)));
    assertEquals("ARGUMENT_INVALID", fails(Statement.of("SELECT ?")));
    assertEquals("ARGUMENT_INVALID", fails(Statement.of("SELECT ?2", 1)));
    assertEquals("ARGUMENT_INVALID", fails(Statement.named("SELECT :a, :b", Map.of("a", 1))));
    assertEquals("ARGUMENT_INVALID", fails(Statement.named("SELECT :a", Map.of("a", 1, "b", 2))));
    assertEquals("ARGUMENT_INVALID", fails(Statement.named("SELECT :a, ?", Map.of("a", 1))));
  }

  @Test
  void atMostSqlitesParameterLimit() {
    StatementChecks.check(Statement.of("SELECT ?32766", new Object[32766]));
    assertEquals("ARGUMENT_INVALID", fails(Statement.of("SELECT ?32767", new Object[32767])));
    String many = "SELECT " + String.join("+", Collections.nCopies(40_000, "?"));
    assertEquals("ARGUMENT_INVALID", fails(Statement.of(many, new Object[40_000])));
  }

  @Test
  void batchFailureSaysWhichStatement() {
    LibsqlException e = assertThrows(LibsqlException.class, () -> StatementChecks.checkAll(
        List.of(Statement.of("SELECT 1"), Statement.of("SELECT 2"), Statement.of(""))));
    assertEquals("SQL_NO_STATEMENT", e.code());
    assertEquals(2, e.statementIndex());
  }
}
