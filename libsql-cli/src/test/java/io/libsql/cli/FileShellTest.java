package io.libsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shell on a local {@code file:} database, plus what needs no server: arguments, the terminal. */
class FileShellTest extends ShellContract {
  @Override
  String url() {
    return "file:" + dir.resolve("test.db");
  }

  @Override
  void reset() throws IOException {
    Files.deleteIfExists(dir.resolve("test.db"));
  }

  @Test
  void interactiveShellOnADumbTerminal() throws IOException {
    String input = String.join("\n",
        "CREATE TABLE t(a);",
        "INSERT INTO t",
        "  VALUES (1),",
        "  (2);",
        "SELECT * FROM no_such_table;",
        "SELECT sum(a) AS total",
        "FROM t",
        ";",
        "SELECT 'typed and then",
        "\u0003SELECT 'after Ctrl-C' AS x;",
        ".mode csv",
        "SELECT 'still alive' AS y;",
        "");
    Cli.Result r = cli.runWithInput(input, Map.of("TERM", "dumb"), "--interactive", url());
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().startsWith("libsql "), r.out());
    assertTrue(r.out().contains(String.join("\n",
        "+-------+",
        "| total |",
        "+-------+",
        "|     3 |",
        "+-------+",
        "1 row (")), r.out());
    assertTrue(r.out().contains("| after Ctrl-C |"), r.out());
    assertFalse(r.out().contains("typed and then"), r.out());
    assertTrue(r.out().contains("y\r\nstill alive\r\n1 row ("), r.out());
    assertTrue(r.err().contains("Error (SQLITE_ERROR): "), r.err());
    assertTrue(r.err().contains("no_such_table"), r.err());

    String history = Files.readString(dir.resolve(".libsql_history"), StandardCharsets.UTF_8);
    assertTrue(history.contains("INSERT INTO t\\n  VALUES (1),\\n  (2);"), history);
  }

  @Test
  void interactiveQuitAndExitCode() {
    Cli.Result r = cli.runWithInput("SELECT 1;\n.exit 3\nSELECT 'not run';\n", Map.of("TERM", "dumb"), "-i", url());
    assertEquals(3, r.exit(), r.toString());
    assertFalse(r.out().contains("not run"), r.out());
  }

  @Test
  void pathWithoutSchemeIsAFile() {
    cli.run(dir.resolve("plain.db").toString(), "CREATE TABLE t(a)").expectSuccess();
    assertTrue(Files.exists(dir.resolve("plain.db")));
  }

  @Test
  void badUrlFailsWithItsCode() {
    Cli.Result r = cli.run("file://somehost/x.db", "SELECT 1");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().startsWith("Error (URL_INVALID): "), r.err());
    r = cli.run("gopher://example.com", "SELECT 1");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().startsWith("Error (URL_SCHEME_NOT_SUPPORTED): "), r.err());
  }

  @Test
  void badArgumentsExitWithTwo() {
    Cli.Result r = cli.run();
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("no database URL given"), r.err());
    r = cli.run("--frobnicate", url());
    assertEquals(2, r.exit(), r.toString());
    r = cli.run("--mode", "xml", url(), "SELECT 1");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(cli.run("--help").expectSuccess().out().startsWith("usage: libsql"));
  }

  @Test
  void authTokenIsNeverPrinted() {
    String token = "tok-5ecret-" + System.nanoTime();
    Cli.Result r = cli.runWithInput("SELECT 1;\n.help\nSELECT * FROM nope;\n", Map.of("TERM", "dumb"), "-i", "--auth-token", token, url());
    assertFalse(r.out().contains(token), r.out());
    assertFalse(r.err().contains(token), r.err());
    r = cli.runWithInput("SELECT 1;\n", Map.of("TERM", "dumb", Main.TOKEN_ENV, token), "-i", url() + "?authToken=" + token);
    assertFalse(r.out().contains(token), r.out());
    assertFalse(r.err().contains(token), r.err());
  }

  @Test
  void readRunsAFileAndReportsWhereItFailed() throws IOException {
    Path script = dir.resolve("setup.sql");
    Files.writeString(script, "CREATE TABLE t(a);\nINSERT INTO t VALUES (1);\nINSERT INTO nope VALUES (2);\n");
    Cli.Result r = cli.run(url(), ".read " + script, "SELECT 'not reached'");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("(near line 3 of " + script + ")"), r.err());
    assertFalse(r.out().contains("not reached"), r.out());
    r = cli.run(url(), ".read " + dir.resolve("missing.sql"));
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().startsWith("Error (IO_ERROR): "), r.err());
  }

  @Test
  void importOfABigFileShowsProgressAndBatches() throws IOException {
    Path csv = dir.resolve("big.csv");
    int rows = 25_000;
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("id,text\n");
      for (int i = 1; i <= rows; i++) {
        w.write(i + ",\"row " + i + " with, a comma and some padding to pass one megabyte\"\n");
      }
    }
    assertTrue(Files.size(csv) >= CsvImporter.PROGRESS_BYTES);
    Cli.Result r = cli.run(url(), ".import " + csv + " big").expectSuccess();
    assertTrue(r.err().contains("imported " + rows + " rows, 100% of "), r.err());
    assertEquals(rows + ",312512500\r\n",
        cli.run("-m", "csv", url(), ".headers off", "SELECT count(*), sum(id) FROM big").expectSuccess().out());
  }

  @Test
  void importReportsTheLineOfABadRow() throws IOException {
    cli.run(url(), "CREATE TABLE t(a INTEGER PRIMARY KEY, b)").expectSuccess();
    Path csv = dir.resolve("dup.csv");
    Files.writeString(csv, "a,b\n1,x\n2,\"multi\nline\"\n1,again\n");
    Cli.Result r = cli.run(url(), ".import " + csv + " t");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().startsWith("Error (SQLITE_CONSTRAINT_PRIMARYKEY): " + csv + ":5: "), r.err());
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "a,b\n1,\"never closed\n");
    r = cli.run(url(), ".import " + bad + " t2");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().startsWith("Error (CSV_INVALID): " + bad + ":2: "), r.err());
  }

  @Test
  void tempTablesAndAttachWorkAcrossStatements() {
    Path other = dir.resolve("other.db");
    cli.run("file:" + other, "CREATE TABLE o(x); INSERT INTO o VALUES ('from other')").expectSuccess();
    String out = cli.run("-m", "csv", url(), ".headers off",
        "CREATE TEMP TABLE scratch(a); INSERT INTO scratch VALUES (7); SELECT a FROM scratch;",
        "ATTACH '" + other + "' AS other; SELECT x FROM other.o;").expectSuccess().out();
    assertEquals("7\r\nfrom other\r\n", out);
  }
}
