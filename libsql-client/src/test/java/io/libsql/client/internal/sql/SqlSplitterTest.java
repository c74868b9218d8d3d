package io.libsql.client.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {
  @Test
  void completeLikeSqlite3Complete() {
    assertTrue(SqlSplitter.isComplete("SELECT 1;"));
    assertTrue(SqlSplitter.isComplete("SELECT 1; -- trailing comment"));
    assertTrue(SqlSplitter.isComplete("SELECT 1; /* done */ "));
    assertFalse(SqlSplitter.isComplete("SELECT 1"));
    assertFalse(SqlSplitter.isComplete("SELECT 1; SELECT 2"));
    assertFalse(SqlSplitter.isComplete("SELECT 'a;"));
    assertTrue(SqlSplitter.isComplete("SELECT 'a;''b';"));
    assertFalse(SqlSplitter.isComplete("SELECT \"a;"));
    assertFalse(SqlSplitter.isComplete("SELECT [a;"));
    assertFalse(SqlSplitter.isComplete("SELECT `a;"));
    assertFalse(SqlSplitter.isComplete("SELECT 1 /* ; */"));
    assertFalse(SqlSplitter.isComplete("SELECT 1; /* open"));
    assertFalse(SqlSplitter.isComplete("SELECT 1 -- ;"));
    assertTrue(SqlSplitter.isComplete("SELECT 1 -- ;\n;"));
    assertFalse(SqlSplitter.isComplete(""));
  }

  @Test
  void triggerBodiesEndAtEnd() {
    String head = "CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO u VALUES (1);";
    assertFalse(SqlSplitter.isComplete(head));
    assertFalse(SqlSplitter.isComplete(head + " END"));
    assertTrue(SqlSplitter.isComplete(head + " END;"));
    assertTrue(SqlSplitter.isComplete("create trigger tr after delete on t begin delete from u; update v set a = 1; end ;"));
    // "end" as a column name inside the body does not end it
    assertFalse(SqlSplitter.isComplete("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT end FROM x;"));
    // CREATE TABLE is not a trigger: its semicolon ends it
    assertTrue(SqlSplitter.isComplete("CREATE TABLE trigger_log(a);"));
    assertTrue(SqlSplitter.isComplete("EXPLAIN CREATE TABLE x(a);"));
  }

  @Test
  void splitsIncrementallyAndNumbersLines() {
    SqlSplitter s = new SqlSplitter();
    List<SqlSplitter.Piece> out = new ArrayList<>();
    for (String line : new String[] {"-- header\n", "SELECT 1; SELECT\n", "'a;\n", "b'; CREATE TRIGGER t AFTER INSERT ON x BEGIN\n",
        "  SELECT 1;\n", "END; SELECT 3 -", "- not minus\n", ";;\n"}) {
      out.addAll(s.feed(line));
    }
    assertTrue(s.isBlank());
    assertNull(s.finish());
    assertEquals(List.of(
        new SqlSplitter.Piece("-- header\nSELECT 1;", 2),
        new SqlSplitter.Piece("SELECT\n'a;\nb';", 2),
        new SqlSplitter.Piece("CREATE TRIGGER t AFTER INSERT ON x BEGIN\n  SELECT 1;\nEND;", 4),
        new SqlSplitter.Piece("SELECT 3 -- not minus\n;", 6)), out);
  }

  @Test
  void finishReturnsTheLastStatementWithoutSemicolon() {
    SqlSplitter s = new SqlSplitter();
    assertEquals(List.of(new SqlSplitter.Piece("SELECT 1;", 1)), s.feed("SELECT 1; SELECT 2"));
    assertFalse(s.isBlank());
    assertEquals(new SqlSplitter.Piece("SELECT 2", 1), s.finish());
    assertTrue(s.isBlank());
  }

  @Test
  void textArrivingCharacterByCharacterSplitsTheSame() {
    String script = "SELECT 'a;''b'; -- c;\nCREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END;/* x; */SELECT \"q;\"\"\";\n SELECT [;];";
    SqlSplitter s = new SqlSplitter();
    List<String> out = new ArrayList<>();
    for (char c : script.toCharArray()) {
      s.feed(String.valueOf(c)).forEach(p -> out.add(p.sql()));
    }
    assertNull(s.finish());
    assertEquals(List.of("SELECT 'a;''b';", "-- c;\nCREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END;",
        "/* x; */SELECT \"q;\"\"\";", "SELECT [;];"), out);
  }

  @Test
  void blankMeansNothingPending() {
    assertTrue(SqlSplitter.isBlank("SELECT 1; -- done"));
    assertTrue(SqlSplitter.isBlank(" ;\n"));
    assertFalse(SqlSplitter.isBlank("SELECT 1; /* open"));
    assertFalse(SqlSplitter.isBlank("SELECT 1; SELECT"));
    SqlSplitter s = new SqlSplitter();
    s.feed("SELECT 1; -");
    assertFalse(s.isBlank(), "a lone '-' is pending text");
  }
}
