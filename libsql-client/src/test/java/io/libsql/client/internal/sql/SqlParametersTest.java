package io.libsql.client.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.libsql.client.LibsqlException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlParametersTest {
  @Test
  void numbersParametersAsSqliteDoes() {
    SqlParameters p = SqlParameters.scan("SELECT :a, ?, @b, :a, ?5, $c");
    assertEquals(Map.of(":a", 1, "@b", 3, "$c", 6), p.indexByName());
    assertEquals(6, p.count());
  }

  @Test
  void skipsStringsIdentifiersAndComments() {
    SqlParameters p = SqlParameters.scan(
        "SELECT ':x', \":y\", `:z`, [:w], 'it''s ?' -- :comment ?\n /* :block ? */ , :real");
    assertEquals(Map.of(":real", 1), p.indexByName());
    assertEquals(1, p.count());
  }

  @Test
  void dollarInsideAnIdentifierIsNoParameter() {
    SqlParameters p = SqlParameters.scan("SELECT a$b, x$ FROM t WHERE c = $d");
    assertEquals(Map.of("$d", 1), p.indexByName());
    assertEquals(1, p.count());
  }

  @Test
  void resolvesKeysWithOrWithoutPrefix() {
    SqlParameters p = SqlParameters.scan("SELECT :a, @b, $c");
    assertEquals(":a", p.resolve("a"));
    assertEquals("@b", p.resolve("b"));
    assertEquals("$c", p.resolve("$c"));
    assertThrows(LibsqlException.class, () -> p.resolve("d"));
    assertEquals(2, p.indexOf("b"));
    assertEquals(3, p.indexOf("$c"));
    assertEquals(0, p.indexOf("d"));
  }

  @Test
  void duplicateBindingsAreRejected() {
    assertThrows(LibsqlException.class, () -> SqlParameters.resolveNamed("SELECT :a", Map.of("a", 1L, ":a", 2L)));
    assertEquals(List.of(Map.entry(":a", 1L)), SqlParameters.resolveNamed("SELECT :a", Map.of("a", 1L)));
  }
}
