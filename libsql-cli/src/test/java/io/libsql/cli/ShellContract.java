package io.libsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Client;
import io.libsql.client.Libsql;
import io.libsql.client.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell's behaviour against one kind of database URL, run as a child process. Subclasses say
 * which URL; each test starts from an empty database.
 */
abstract class ShellContract {
  @TempDir
  Path dir;

  Cli cli;

  /** The database under test, empty at the start of each test. */
  abstract String url();

  /** Empties the database under test (called before each test). */
  abstract void reset() throws Exception;

  @BeforeEach
  void setUpCli() throws Exception {
    cli = new Cli(dir);
    reset();
  }

  static final String MODES_DATA = String.join("\n",
      "CREATE TABLE m(id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB);",
      "INSERT INTO m VALUES (1, 'Ada', 1.5, x'00ff'), (2, NULL, -0.25, NULL),",
      "  (3, '日本', 1e20, x''), (4, 'a \"quoted\", text', 3.0, NULL);");

  /** How the shell reports an error: its code, then the message. */
  static final Pattern ERROR_LINE = Pattern.compile("Error \\([A-Z][A-Z0-9_]*\\): \\S");

  static final String MODES_QUERY = "SELECT * FROM m ORDER BY id";

  /** Schema and rows with every kind of value a dump must carry exactly. */
  static final String DUMP_DATA = String.join("\n",
      "CREATE TABLE items(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, price REAL, raw BLOB, note);",
      "CREATE TABLE gen(a INTEGER, b INTEGER GENERATED ALWAYS AS (a * 2) STORED, c TEXT);",
      "CREATE INDEX items_name ON items(name);",
      "CREATE VIEW cheap AS SELECT name FROM items WHERE price < 1;",
      "CREATE TRIGGER items_touch AFTER UPDATE ON items BEGIN",
      "  UPDATE items SET note = 'touched; really' WHERE id = new.id;",
      "END;",
      "INSERT INTO items(name, price, raw, note) VALUES",
      "  ('plain', 0.1, x'00', NULL),",
      "  ('it''s \"quoted\"', 1.0 / 3, x'00ff10', 42),",
      "  ('multi",
      "line' || char(13) || char(10) || 'crlf', 1e-310, x'', -9223372036854775808),",
      "  ('unicode: 日本語 ✓ 🎉', 1.7976931348623157e308, zeroblob(3), 9223372036854775807),",
      "  ('nul:' || char(0) || ':end', -0.0, NULL, 2.5),",
      "  ('tab\tand ;semicolon -- not a comment /* nor this */', 123456789.123456789, x'0102', ''),",
      "  ('big', 1e300 * 1e10, NULL, -1e999),",
      "  ('tiny', 4.9e-324, NULL, 0.30000000000000004);",
      "DELETE FROM items WHERE name = 'plain'; -- leaves a gap and sqlite_sequence at 8",
      "INSERT INTO gen(a, c) VALUES (1, 'x'), (NULL, NULL);");

  @Test
  void oneShotCommandPrintsTableAndExits() {
    Cli.Result r = cli.run(url(), "CREATE TABLE t(a, b); INSERT INTO t VALUES (1, 'one'), (2, NULL); SELECT * FROM t ORDER BY a")
        .expectSuccess();
    assertEquals(String.join("\n",
        "+---+------+",
        "| a | b    |",
        "+---+------+",
        "| 1 | one  |",
        "| 2 | NULL |",
        "+---+------+",
        ""), r.out());
    assertEquals("", r.err());
  }

  @Test
  void scriptOnStdinRunsStatementsAndDotCommands() {
    String script = String.join("\n",
        "-- a comment line",
        "CREATE TABLE t(a INTEGER, b TEXT);",
        "CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN",
        "  INSERT INTO log VALUES ('inserted; ' || new.a);",
        "END;",
        "CREATE TABLE log(msg);",
        "INSERT INTO t VALUES (1, 'semi;colon'),",
        "  (2, 'two",
        "lines');  SELECT 'same line';",
        ".mode csv",
        "SELECT * FROM t ORDER BY a;",
        "/* block",
        "   comment; */ SELECT msg FROM log ORDER BY msg",
        "");
    Cli.Result r = cli.runWithInput(script, url()).expectSuccess();
    assertEquals(String.join("\n",
        "+-------------+",
        "| 'same line' |",
        "+-------------+",
        "| same line   |",
        "+-------------+",
        "a,b\r",
        "1,semi;colon\r",
        "2,\"two\nlines\"\r",
        "msg\r",
        "inserted; 1\r",
        "inserted; 2\r",
        ""), r.out());
  }

  @Test
  void tableMode() {
    cli.run(url(), MODES_DATA).expectSuccess();
    assertEquals(String.join("\n",
        "+----+------------------+--------+---------+",
        "| id | name             | score  | data    |",
        "+----+------------------+--------+---------+",
        "|  1 | Ada              |    1.5 | X'00FF' |",
        "|  2 | NULL             |  -0.25 | NULL    |",
        "|  3 | 日本             | 1.0E20 | X''     |",
        "|  4 | a \"quoted\", text |    3.0 | NULL    |",
        "+----+------------------+--------+---------+",
        ""), cli.run(url(), MODES_QUERY).expectSuccess().out());
  }

  @Test
  void tableModeCutsLongCellsAndEscapesLineBreaks() {
    Cli.Result r = cli.run(url(), "SELECT replace(hex(zeroblob(40)), '0', 'x') AS long, 'a' || char(10) || 'b' AS nl, zeroblob(40) AS blob")
        .expectSuccess();
    String cut = "x".repeat(57) + "...";
    String blob = "X'" + "0".repeat(55) + "...";
    assertEquals(String.join("\n",
        "+" + "-".repeat(62) + "+------+" + "-".repeat(62) + "+",
        "| long" + " ".repeat(57) + "| nl   | blob" + " ".repeat(57) + "|",
        "+" + "-".repeat(62) + "+------+" + "-".repeat(62) + "+",
        "| " + cut + " | a\\nb | " + blob + " |",
        "+" + "-".repeat(62) + "+------+" + "-".repeat(62) + "+",
        ""), r.out());
  }

  @Test
  void csvMode() {
    cli.run(url(), MODES_DATA).expectSuccess();
    assertEquals(String.join("\r\n",
        "id,name,score,data",
        "1,Ada,1.5,X'00FF'",
        "2,,-0.25,",
        "3,日本,1.0E20,X''",
        "4,\"a \"\"quoted\"\", text\",3.0,",
        ""), cli.run("--mode", "csv", url(), MODES_QUERY).expectSuccess().out());
  }

  @Test
  void jsonMode() {
    cli.run(url(), MODES_DATA).expectSuccess();
    assertEquals(String.join("\n",
        "[{\"id\":1,\"name\":\"Ada\",\"score\":1.5,\"data\":\"X'00FF'\"},",
        "{\"id\":2,\"name\":null,\"score\":-0.25,\"data\":null},",
        "{\"id\":3,\"name\":\"日本\",\"score\":1.0E20,\"data\":\"X''\"},",
        "{\"id\":4,\"name\":\"a \\\"quoted\\\", text\",\"score\":3.0,\"data\":null}]",
        "[]",
        ""), cli.runWithInput(".mode json\n" + MODES_QUERY + ";\nSELECT * FROM m WHERE id > 100;\n", url()).expectSuccess().out());
  }

  @Test
  void lineMode() {
    cli.run(url(), MODES_DATA).expectSuccess();
    assertEquals(String.join("\n",
        "   id = 1",
        " name = Ada",
        "score = 1.5",
        " data = X'00FF'",
        "",
        "   id = 2",
        " name = NULL",
        "score = -0.25",
        " data = NULL",
        "",
        "   id = 3",
        " name = 日本",
        "score = 1.0E20",
        " data = X''",
        "",
        "   id = 4",
        " name = a \"quoted\", text",
        "score = 3.0",
        " data = NULL",
        ""), cli.run(url(), ".mode line", MODES_QUERY).expectSuccess().out());
  }

  @Test
  void timerPrintsRowCountAndElapsedTime() {
    String out = cli.runWithInput(".timer on\nCREATE TABLE t(a);\nINSERT INTO t VALUES (1), (2);\n.mode csv\n.headers off\nSELECT a FROM t ORDER BY a;\n", url())
        .expectSuccess().out();
    String time = "\\((\\d+\\.\\d ms|\\d+\\.\\d{3} s)\\)";
    assertTrue(Pattern.compile("OK " + time + "\n2 rows changed " + time + "\n1\r\n2\r\n2 rows " + time + "\n")
        .matcher(out).matches(), out);
  }

  @Test
  void transactionHoldsTheStatementsUntilCommitOrRollback() {
    String out = cli.run("--mode", "csv", url(), String.join("\n",
        ".headers off",
        "CREATE TABLE t(a);",
        "BEGIN;",
        "INSERT INTO t VALUES (1);",
        "SELECT count(*) FROM t;",
        "ROLLBACK;",
        "SELECT count(*) FROM t;",
        "BEGIN IMMEDIATE;",
        "INSERT INTO t VALUES (2);",
        "COMMIT;",
        "SELECT a FROM t;")).expectSuccess().out();
    assertEquals("1\r\n0\r\n2\r\n", out);
  }

  @Test
  void dumpThenReimportGivesIdenticalContents() throws Exception {
    cli.run(url(), DUMP_DATA).expectSuccess();
    List<String> original = snapshot(url());
    Cli.Result dump = cli.run(url(), ".dump").expectSuccess();
    assertTrue(dump.out().startsWith("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n"), dump.out());
    assertTrue(dump.out().endsWith("\nCOMMIT;\n"), dump.out());
    assertTrue(dump.out().contains("X'00FF10'"), dump.out());
    Path file = dir.resolve("dump.sql");
    Files.writeString(file, dump.out(), StandardCharsets.UTF_8);

    String fresh = "file:" + dir.resolve("fresh.db");
    cli.runWithInput(dump.out(), fresh).expectSuccess();
    assertEquals(original, snapshot(fresh));

    reset();
    cli.run(url(), ".read " + file).expectSuccess();
    assertEquals(original, snapshot(url()));
  }

  @Test
  void dumpOfOneTable() {
    cli.run(url(), "CREATE TABLE a(x); CREATE TABLE b(y); INSERT INTO a VALUES (1); INSERT INTO b VALUES (2); CREATE INDEX b_y ON b(y);")
        .expectSuccess();
    assertEquals(String.join("\n",
        "PRAGMA foreign_keys=OFF;",
        "BEGIN TRANSACTION;",
        "CREATE TABLE b(y);",
        "INSERT INTO \"b\" VALUES(2);",
        "CREATE INDEX b_y ON b(y);",
        "COMMIT;",
        ""), cli.run(url(), ".dump b").expectSuccess().out());
  }

  @Test
  void importCsvWithQuotesAndLineBreaks() throws IOException {
    Path csv = dir.resolve("people.csv");
    Files.writeString(csv, "\uFEFFname,quote,n\r\n"
        + "\"Smith, John\",\"He said \"\"hi\"\"\",1\r\n"
        + "plain,\"line one\nline two\",2\n"
        + "\"\",\"\",\r\n"
        + "unicode ✓,\"crlf\r\ninside\",3", StandardCharsets.UTF_8);
    cli.run(url(), ".import " + csv + " people").expectSuccess();
    String expected = String.join("\n",
        "[{\"name\":\"Smith, John\",\"quote\":\"He said \\\"hi\\\"\",\"n\":\"1\"},",
        "{\"name\":\"plain\",\"quote\":\"line one\\nline two\",\"n\":\"2\"},",
        "{\"name\":\"\",\"quote\":\"\",\"n\":\"\"},",
        "{\"name\":\"unicode ✓\",\"quote\":\"crlf\\r\\ninside\",\"n\":\"3\"}]",
        "");
    assertEquals(expected, cli.run("-m", "json", url(), "SELECT * FROM people ORDER BY rowid").expectSuccess().out());
    assertEquals("CREATE TABLE \"people\"(\"name\" TEXT, \"quote\" TEXT, \"n\" TEXT);\n",
        cli.run(url(), ".schema people").expectSuccess().out());

    // Into the existing table: the header row is skipped again; --no-header keeps every row.
    cli.run(url(), ".import " + csv + " people").expectSuccess();
    cli.run(url(), ".import --no-header " + csv + " people").expectSuccess();
    assertEquals("13\r\n", cli.run("-m", "csv", url(), ".headers off", "SELECT count(*) FROM people").expectSuccess().out());
  }

  @Test
  void tablesSchemaAndIndexes() {
    cli.run(url(), "CREATE TABLE b(y); CREATE TABLE a(x PRIMARY KEY); CREATE VIEW v AS SELECT 1; CREATE INDEX b_y ON b(y);")
        .expectSuccess();
    assertEquals("a  b  v\n", cli.run(url(), ".tables").expectSuccess().out());
    assertEquals("CREATE TABLE b(y);\nCREATE INDEX b_y ON b(y);\n", cli.run(url(), ".schema b").expectSuccess().out());
    assertEquals("b_y\n", cli.run(url(), ".indexes").expectSuccess().out());
  }

  @Test
  void badSqlFailsWithTheCodeAndNonZeroExit() {
    Cli.Result r = cli.run(url(), "SELECT * FROM no_such_table");
    assertEquals(1, r.exit(), r.toString());
    assertEquals("", r.out());
    // The code is SQLite's locally; a server may report its own (sqld: SQLITE_UNKNOWN).
    assertTrue(ERROR_LINE.matcher(r.err()).lookingAt(), r.err());
    assertTrue(r.err().contains("no_such_table"), r.err());
  }

  @Test
  void scriptStopsAtTheFirstError() {
    Cli.Result r = cli.runWithInput("CREATE TABLE t(a);\nINSERT INTO t VALUES (1);\n\nSELEC 2;\nINSERT INTO t VALUES (3);\n", url());
    assertEquals(1, r.exit(), r.toString());
    assertTrue(ERROR_LINE.matcher(r.err()).lookingAt(), r.err());
    assertTrue(r.err().contains("(near line 4 of stdin)"), r.err());
    assertEquals("1\r\n", cli.run("-m", "csv", url(), ".headers off", "SELECT count(*) FROM t").expectSuccess().out());
  }

  @Test
  void badDotCommandFailsWithUsage() {
    Cli.Result r = cli.run(url(), ".frobnicate");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().startsWith("Error (USAGE): unknown command .frobnicate"), r.err());
  }

  /**
   * Every object's SQL and every row of every table (rowid order), values written with their type
   * and exact bits, so that two databases compare equal only if their contents are identical.
   */
  static List<String> snapshot(String url) {
    List<String> out = new ArrayList<>();
    try (Client c = Libsql.createClient(url)) {
      List<String[]> objects = new ArrayList<>();
      for (Row r : c.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")) {
        objects.add(new String[] {r.getString(0), r.getString(1), r.getString(2)});
      }
      for (String[] o : objects) {
        out.add(o[0] + " " + o[1] + ": " + o[2]);
        if (o[0].equals("table")) {
          for (Row row : c.execute("SELECT * FROM " + Render.ident(o[1]) + " ORDER BY rowid")) {
            StringBuilder sb = new StringBuilder("  ");
            for (Object v : row.values()) {
              sb.append(describe(v)).append(" | ");
            }
            out.add(sb.toString());
          }
        }
      }
    }
    assertFalse(out.isEmpty(), "the database is empty");
    return out;
  }

  private static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Double) {
      return "real " + v + " bits " + Long.toHexString(Double.doubleToRawLongBits((Double) v));
    }
    if (v instanceof byte[]) {
      return "blob " + Render.blob((byte[]) v, -1);
    }
    if (v instanceof String) {
      StringBuilder sb = new StringBuilder("text ");
      ((String) v).codePoints().forEach(cp -> sb.append(Integer.toHexString(cp)).append(' '));
      return sb.toString();
    }
    return v.getClass().getSimpleName() + " " + v;
  }
}
