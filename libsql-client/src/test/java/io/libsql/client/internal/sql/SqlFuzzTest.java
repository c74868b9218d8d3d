package io.libsql.client.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lexer against generated SQL-ish text, with fixed seeds and bounded sizes (the same cases on
 * every run). Two generators: well-formed scripts over a known schema, whose statements the
 * generator knows and SQLite (sqlite-jdbc, in memory) checks; and junk (fragments of strings,
 * names, comments, triggers, CASE ... END, unterminated ones, random characters) where only the
 * invariants hold. To compare {@link SqlText#isComplete} with {@code sqlite3_complete()} outside
 * the build, run with {@code -Dlibsql.sql.fuzz.dump=FILE} (inputs without NUL or lone surrogates,
 * each followed by NUL, the verdict and a newline) and feed it to Python's
 * {@code sqlite3.complete_statement}.
 */
class SqlFuzzTest {
  static final int WELL_FORMED_SCRIPTS = 1500;
  static final int JUNK_INPUTS = 20_000;

  // ---- well-formed scripts -----------------------------------------------------------------------

  @Test
  void wellFormedScriptsSplitWhereTheyWereJoinedAndSqliteAgrees() throws SQLException {
    Random random = new Random(18);
    try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      try (java.sql.Statement s = db.createStatement()) {
        s.execute("CREATE TABLE t (a, b, \"end\", [select], `case`)");
      }
      for (int n = 0; n < WELL_FORMED_SCRIPTS; n++) {
        Script script = new Script(random);
        int count = 1 + random.nextInt(4);
        List<String> expected = new ArrayList<>();
        List<Integer> expectedParams = new ArrayList<>();
        script.gap();
        for (int k = 0; k < count; k++) {
          int before = script.params;
          expected.add(script.statement().strip());
          expectedParams.add(script.params - before);
          script.gap();
          script.plain(";");
          if (random.nextInt(4) == 0) {
            script.gap();
            script.plain(";"); // an empty statement
          }
          script.gap();
        }
        String sql = script.text.toString();
        List<String> split = SqlText.split(sql);
        assertEquals(expected.stream().map(SqlFuzzTest::core).toList(), split.stream().map(SqlFuzzTest::core).toList(), sql);
        checkInvariants(sql);
        for (int k = 0; k < split.size(); k++) {
          String statement = split.get(k);
          SqlText text = SqlText.of(statement);
          assertEquals(1, text.statementCount(), statement);
          try (PreparedStatement p = db.prepareStatement(statement)) {
            assertEquals(p.getParameterMetaData().getParameterCount(), text.parameterCount(),
                "SQLite's parameter count: " + statement);
          } catch (SQLException e) {
            fail("SQLite cannot prepare the statement split from " + sql + ":\n" + statement, e);
          }
          if (text.certainlyReadOnly() && expectedParams.get(k) == 0) {
            assertRunsReadOnly(db, statement);
          }
        }
      }
    }
  }

  /** A statement the lexer calls certainly read-only runs on a connection that refuses writes. */
  static void assertRunsReadOnly(Connection db, String statement) throws SQLException {
    try (java.sql.Statement s = db.createStatement()) {
      s.execute("PRAGMA query_only = 1");
      try {
        s.execute(statement);
      } catch (SQLException e) {
        fail("certainly read-only, but SQLite refused it on a read-only connection: " + statement, e);
      } finally {
        s.execute("PRAGMA query_only = 0");
      }
    }
  }

  /** A statement without the whitespace and comments around it. */
  static String core(String statement) {
    Lexer lexer = new Lexer(statement);
    int start = -1;
    int end = -1;
    while (lexer.next(true)) {
      if (lexer.type() != Lexer.SPACE && lexer.type() != Lexer.COMMENT) {
        start = start < 0 ? lexer.start() : start;
        end = lexer.end();
      }
    }
    return start < 0 ? "" : statement.substring(start, end);
  }

  /** Builds well-formed SQL over table t (a, b, "end", [select], `case`). */
  static final class Script {
    final Random random;
    final StringBuilder text = new StringBuilder();
    int params;
    int triggers;
    /** Whether expressions may name t's columns (not in VALUES or a SELECT without FROM). */
    boolean columns;

    Script(Random random) {
      this.random = random;
    }

    void plain(String s) {
      text.append(s);
    }

    /** Whitespace and comments that may hold semicolons. */
    void gap() {
      switch (random.nextInt(6)) {
        case 0:
          plain(" -- a comment; with ' and \" and /*\n");
          break;
        case 1:
          plain(" /* a; comment -- with ' \n */ ");
          break;
        case 2:
          plain("\n\t");
          break;
        default:
          plain(" ");
      }
    }

    String statement() {
      int start = text.length();
      int kind = random.nextInt(11);
      columns = kind != 1 && kind != 5 && kind != 9;
      switch (kind) {
        case 0:
          plain("SELECT ");
          expr(2, true);
          plain(", ");
          expr(2, true);
          plain(" FROM t WHERE ");
          expr(2, true);
          break;
        case 1:
          plain("INSERT INTO t (a, b) VALUES (");
          expr(2, true);
          plain(", ");
          expr(2, true);
          plain(random.nextBoolean() ? ") RETURNING a, \"end\"" : ")");
          break;
        case 2:
          plain("UPDATE t SET a = ");
          expr(2, true);
          plain(" WHERE [select] = ");
          expr(1, true);
          break;
        case 3:
          plain("DELETE FROM t WHERE `case` = ");
          expr(2, true);
          break;
        case 4:
          if (random.nextBoolean()) {
            plain("EXPLAIN ");
          }
          plain("CREATE " + (random.nextBoolean() ? "TEMP " : "") + "TRIGGER tr" + triggers++ + " AFTER INSERT ON t BEGIN");
          for (int k = 0, body = 1 + random.nextInt(3); k < body; k++) {
            gap();
            if (random.nextBoolean()) {
              plain("UPDATE t SET b = ");
              expr(3, false);
              plain(" WHERE a = new.a");
            } else {
              plain("SELECT \"end\", ");
              expr(3, false);
              plain(" FROM t");
            }
            plain(";");
          }
          gap();
          plain("END");
          break;
        case 5:
          plain("WITH x (v) AS (SELECT ");
          expr(2, true);
          plain(") SELECT v FROM x");
          break;
        case 6:
          plain(random.nextBoolean() ? "SAVEPOINT \"s;p\"" : "RELEASE [s;p]");
          break;
        case 7:
          plain(random.nextBoolean() ? "PRAGMA user_version" : "BEGIN IMMEDIATE");
          break;
        case 8:
          plain("CREATE TEMP TABLE tmp" + random.nextInt(1000) + " (\"x;\" DEFAULT ';')");
          break;
        case 9:
          plain("VALUES (");
          expr(3, true);
          plain(")");
          break;
        default:
          plain("SELECT CASE ");
          expr(1, true);
          plain(" WHEN 1 THEN 'end;' ELSE [select] END FROM t");
      }
      return text.substring(start);
    }

    /** An expression; parameters only where SQLite takes them (not in triggers). */
    void expr(int depth, boolean parameters) {
      int choice = random.nextInt(depth <= 0 ? 7 : 10);
      switch (choice) {
        case 0:
          plain(Integer.toString(random.nextInt(100)));
          break;
        case 1:
          plain(random.nextBoolean() ? "'it''s; -- not /* a comment'" : "'end; END; ?'");
          break;
        case 2:
          plain(!columns ? "'end'" : random.nextBoolean() ? "\"end\"" : "[select]");
          break;
        case 3:
          plain(columns ? "`case`" : "-1");
          break;
        case 4:
          plain("x'00fF'");
          break;
        case 5:
        case 6:
          if (parameters) {
            String[] kinds = {"?", "?" + (1 + random.nextInt(9)), ":p" + random.nextInt(3), "@q" + random.nextInt(3),
                "$r" + random.nextInt(3)};
            plain(kinds[random.nextInt(kinds.length)]);
            params++;
          } else {
            plain("NULL");
          }
          break;
        case 7:
          plain("CASE WHEN ");
          expr(depth - 1, parameters);
          plain(" THEN ");
          expr(depth - 1, parameters);
          plain(" ELSE ");
          expr(depth - 1, parameters);
          plain(" END");
          break;
        case 8:
          plain("(");
          expr(depth - 1, parameters);
          plain(")");
          break;
        default:
          expr(depth - 1, parameters);
          plain(random.nextBoolean() ? " || " : "/*;*/+");
          expr(depth - 1, parameters);
      }
    }
  }

  // ---- junk ------------------------------------------------------------------------------------

  static final String[] FRAGMENTS = {
    "'str;ing'", "'it''s'", "'open", "\"na;me\"", "\"q\"\"q\"", "\"open", "[br;acket]", "[open", "`back;tick`", "`open",
    "-- line; comment\n", "-- unterminated", "/* block; */", "/* open", "*/", "/*/", "--", "-", "/", "*",
    ";", ";", ";", " ", "\n", "\t", "(", ")", ",", "=", ".", "?", "?12", "?99999999999", ":a", "@b", "$c", "a$b", ":", "@",
    "CREATE", "create", "TEMP", "temporary", "TRIGGER", "trigger", "BEGIN", "END", "end", "CASE", "WHEN", "THEN", "ELSE",
    "EXPLAIN", "SELECT", "INSERT", "RETURNING", "WITH", "PRAGMA", "SAVEPOINT", "RELEASE", "ROLLBACK", "TO", "temp", "x",
    "1", "1.5e3", "x'00'", "\u00e9t\u00e9", "beg\u0131n", "\u2003", "\u0000", "\ud800", "\u000b",
  };

  @Test
  void junkNeverBreaksTheInvariants() {
    Random random = new Random(1818);
    StringBuilder dump = System.getProperty("libsql.sql.fuzz.dump") == null ? null : new StringBuilder();
    for (int n = 0; n < JUNK_INPUTS; n++) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0, parts = random.nextInt(24); k < parts; k++) {
        if (random.nextInt(8) == 0) {
          sb.append((char) random.nextInt(random.nextBoolean() ? 0x80 : 0x10000));
        } else {
          sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
          if (random.nextBoolean()) {
            sb.append(' ');
          }
        }
      }
      String sql = sb.toString();
      checkInvariants(sql);
      if (dump != null && sql.chars().noneMatch(c -> c == 0 || Character.isSurrogate((char) c))) {
        dump.append(sql).append('\0').append(SqlText.of(sql).isComplete() ? '1' : '0').append('\n');
      }
    }
    if (dump != null) {
      try {
        Files.writeString(Path.of(System.getProperty("libsql.sql.fuzz.dump")), dump, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  // ---- invariants --------------------------------------------------------------------------------

  /**
   * What holds for any text: every question can be asked without an exception; the tokens cover
   * the text; statements end only at a semicolon outside literals and comments (by an independent
   * scan); between statements there is only whitespace, comments and semicolons; and the
   * incremental splitter, fed the text in random pieces, finds the same statements.
   */
  static void checkInvariants(String sql) {
    SqlText text = SqlText.of(sql);
    text.verb();
    text.kind();
    text.effect();
    text.certainlyReadOnly();
    text.hasReturning();
    text.tokens(4);
    text.transaction();
    text.savepointName();
    text.isPragmaAssignment();
    text.withReturning(new String[] {"id"});
    text.namedParameters();
    assertTrue(text.parameterCount() >= 0, sql);

    Lexer lexer = new Lexer(sql);
    int at = 0;
    while (lexer.next(true)) {
      assertEquals(at, lexer.start(), sql);
      assertTrue(lexer.end() > lexer.start(), sql);
      at = lexer.end();
    }
    assertEquals(sql.length(), at, "the tokens cover the text: " + sql);

    boolean[] code = outsideLiterals(sql);
    SqlSplitter whole = new SqlSplitter();
    List<SqlSplitter.Piece> pieces = new ArrayList<>(whole.feed(sql));
    SqlSplitter.Piece last = whole.finish();
    List<String> statements = text.statements();
    int from = 0;
    int found = 0;
    for (SqlSplitter.Piece p : pieces) {
      int start = sql.indexOf(p.sql(), from);
      assertTrue(start >= 0, sql);
      int semicolon = start + p.sql().length() - 1;
      assertEquals(';', sql.charAt(semicolon), sql);
      assertTrue(code[semicolon], "a statement ends inside a literal or comment at " + semicolon + ": " + sql);
      assertOnlyGaps(sql.substring(from, start), sql);
      assertEquals(statements.get(found++), SqlText.strip(p.sql(), 0, p.sql().length() - 1), sql);
      from = semicolon + 1;
    }
    if (last != null) {
      int start = sql.indexOf(last.sql(), from);
      assertTrue(start >= 0, sql);
      assertOnlyGaps(sql.substring(from, start), sql);
      assertOnlyGaps(sql.substring(start + last.sql().length()), sql);
      if (found < statements.size()) {
        assertEquals(statements.get(found++), last.sql(), sql);
      }
    } else {
      assertOnlyGaps(sql.substring(from), sql);
    }
    assertEquals(statements.size(), found, sql);
    if (text.isComplete()) {
      assertTrue(last == null, "complete text leaves nothing for finish(): " + sql);
    }

    // the same text in random pieces, with a seed of its own so that the case is reproducible
    Random random = new Random(sql.hashCode());
    SqlSplitter chunked = new SqlSplitter();
    List<SqlSplitter.Piece> again = new ArrayList<>();
    for (int i = 0; i < sql.length(); ) {
      int j = Math.min(sql.length(), i + 1 + random.nextInt(8));
      again.addAll(chunked.feed(sql.substring(i, j)));
      i = j;
    }
    SqlSplitter.Piece lastAgain = chunked.finish();
    assertEquals(pieces, again, "fed in pieces: " + sql);
    assertEquals(last, lastAgain, "fed in pieces: " + sql);
  }

  /** Text between statements: nothing but whitespace, comments and semicolons. */
  static void assertOnlyGaps(String gap, String sql) {
    Lexer lexer = new Lexer(gap);
    while (lexer.next(true)) {
      int t = lexer.type();
      assertTrue(t == Lexer.SPACE || t == Lexer.COMMENT || t == Lexer.SEMICOLON,
          "lost text between statements: [" + gap + "] in " + sql);
    }
  }

  /**
   * For each character, whether it is outside strings, quoted names and comments: a plain scan
   * independent of {@link Lexer} (a doubled quote reads as a close and a reopen, which changes no
   * semicolon's side).
   */
  static boolean[] outsideLiterals(String sql) {
    boolean[] code = new boolean[sql.length()];
    char close = 0; // the character that ends the current literal; 0 in code
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (close == 0) {
        code[i] = true;
        if (c == '\'' || c == '"' || c == '`') {
          close = c;
        } else if (c == '[') {
          close = ']';
        } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
          close = '\n';
        } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
          close = '/';
          i++; // the '*': "/*/" does not close itself
        }
      } else if (close == '/') {
        if (c == '*' && i + 1 < sql.length() && sql.charAt(i + 1) == '/') {
          code[++i] = false;
          close = 0;
        }
      } else if (c == close) {
        close = 0;
      }
    }
    return code;
  }
}
