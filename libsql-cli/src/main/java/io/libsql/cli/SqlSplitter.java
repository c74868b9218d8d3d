package io.libsql.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into statements the way SQLite's {@code sqlite3_complete()} decides that a
 * statement is finished: at a {@code ;} outside quotes, brackets and comments, except inside the body
 * of {@code CREATE [TEMP] TRIGGER ... BEGIN ... END}.
 *
 * <p>Incremental: {@link #feed} takes text in any pieces (lines, usually) and returns the statements
 * that became complete; the rest waits for more. Not thread-safe.
 */
final class SqlSplitter {
  /** One complete statement and the 1-based line its first token is on. */
  record Piece(String sql, int line) {}

  // sqlite3_complete's tokens and states (see complete.c).
  private static final int TK_SEMI = 0;
  private static final int TK_WS = 1;
  private static final int TK_OTHER = 2;
  private static final int TK_EXPLAIN = 3;
  private static final int TK_CREATE = 4;
  private static final int TK_TEMP = 5;
  private static final int TK_TRIGGER = 6;
  private static final int TK_END = 7;

  private static final int START = 1;
  private static final byte[][] TRANS = {
      /*               SEMI WS OTHER EXPLAIN CREATE TEMP TRIGGER END */
      /* 0 INVALID */ {1, 0, 2, 3, 4, 2, 2, 2},
      /* 1 START   */ {1, 1, 2, 3, 4, 2, 2, 2},
      /* 2 NORMAL  */ {1, 2, 2, 2, 2, 2, 2, 2},
      /* 3 EXPLAIN */ {1, 3, 3, 2, 4, 2, 2, 2},
      /* 4 CREATE  */ {1, 4, 2, 2, 2, 4, 5, 2},
      /* 5 TRIGGER */ {6, 5, 5, 5, 5, 5, 5, 5},
      /* 6 SEMI    */ {6, 6, 5, 5, 5, 5, 5, 7},
      /* 7 END     */ {1, 7, 5, 5, 5, 5, 5, 5},
  };

  private enum Mode { CODE, LINE_COMMENT, BLOCK_COMMENT, QUOTED, WORD }

  private final StringBuilder buf = new StringBuilder();
  /** Index in {@link #buf} of the next character to lex. */
  private int pos;
  /** Where the current statement's text starts in {@link #buf}. */
  private int start;
  private Mode mode = Mode.CODE;
  /** The closing character while {@link Mode#QUOTED}: ', ", ` or ]. */
  private char closeQuote;
  /** Where the identifier being read starts, while {@link Mode#WORD}. */
  private int wordStart;
  private int state;
  /** The current statement has a token other than whitespace, comments and semicolons. */
  private boolean content;
  /** The line of {@link #pos}, and the line where the current statement's first token is. */
  private int line;
  private int contentLine;

  SqlSplitter() {
    this(1);
  }

  /** A splitter whose first line is numbered {@code firstLine}. */
  SqlSplitter(int firstLine) {
    this.line = firstLine;
  }

  /** True when {@code sql} ends with a complete statement, as {@code sqlite3_complete()} decides. */
  static boolean isComplete(String sql) {
    SqlSplitter s = new SqlSplitter();
    s.feed(sql);
    s.lex(true);
    return s.mode != Mode.BLOCK_COMMENT && s.mode != Mode.QUOTED && s.state == START;
  }

  /**
   * The first {@code max} tokens of {@code sql}, skipping whitespace and comments: identifiers and
   * keywords upper-cased, quoted strings and names as {@code "'"}, other characters as themselves.
   */
  static List<String> tokens(String sql, int max) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n && out.size() < max) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
        int end = sql.indexOf(c == '[' ? ']' : c, i + 1);
        i = end < 0 ? n : end + 1;
        out.add("'");
      } else if (isIdChar(c)) {
        int j = i + 1;
        while (j < n && isIdChar(sql.charAt(j))) {
          j++;
        }
        out.add(sql.substring(i, j).toUpperCase(Locale.ROOT));
        i = j;
      } else {
        out.add(String.valueOf(c));
        i++;
      }
    }
    return out;
  }

  /**
   * The statement's kind: its first keyword, except that for {@code WITH ...} it is the keyword of
   * the main statement after the common table expressions ({@code SELECT}, {@code INSERT}, ...).
   * Empty for a statement without tokens.
   */
  static String verb(String sql) {
    List<String> first = tokens(sql, 1);
    if (first.isEmpty()) {
      return "";
    }
    if (!first.get(0).equals("WITH")) {
      return first.get(0);
    }
    int depth = 0;
    for (String t : tokens(sql, Integer.MAX_VALUE)) {
      if (t.equals("(")) {
        depth++;
      } else if (t.equals(")")) {
        depth--;
      } else if (depth == 0) {
        switch (t) {
          case "SELECT":
          case "VALUES":
          case "INSERT":
          case "REPLACE":
          case "UPDATE":
          case "DELETE":
            return t;
          default:
            break;
        }
      }
    }
    return "WITH";
  }

  /** True when {@code sql} ends with no unfinished statement: what follows the last {@code ;} is only whitespace and comments. */
  static boolean isBlank(String sql) {
    SqlSplitter s = new SqlSplitter();
    s.feed(sql);
    s.lex(true);
    return s.isBlank();
  }

  /** True when no statement text is pending: only whitespace, comments and semicolons so far. */
  boolean isBlank() {
    return !content && mode != Mode.BLOCK_COMMENT && mode != Mode.QUOTED && mode != Mode.WORD
        && !pendingLookahead();
  }

  /** The line number the next character fed will be on. */
  int line() {
    return line + newlinesIn(pos, buf.length());
  }

  /** Appends {@code text} and returns the statements it completed, in order, without empty ones. */
  List<Piece> feed(CharSequence text) {
    buf.append(text);
    List<Piece> out = new ArrayList<>();
    lex(false, out);
    compact();
    return out;
  }

  /**
   * Ends the input: returns what remains as a last statement (without a final semicolon, or
   * unterminated, SQLite then reports it) or null if only whitespace and comments remain. Resets.
   */
  Piece finish() {
    lex(true);
    Piece last = null;
    if (content || mode == Mode.QUOTED || mode == Mode.BLOCK_COMMENT) {
      String sql = buf.substring(start).strip();
      if (!sql.isEmpty()) {
        last = new Piece(sql, content ? contentLine : line);
      }
    }
    reset(line);
    return last;
  }

  /** Drops any pending text; the next character fed is on {@code nextLine}. */
  void reset(int nextLine) {
    buf.setLength(0);
    pos = 0;
    start = 0;
    mode = Mode.CODE;
    state = 0;
    content = false;
    line = nextLine;
  }

  private boolean pendingLookahead() {
    return pos < buf.length();
  }

  private void lex(boolean atEnd) {
    List<Piece> none = new ArrayList<>();
    lex(atEnd, none);
    assert none.isEmpty() : "a lookahead character cannot end a statement";
  }

  private void lex(boolean atEnd, List<Piece> out) {
    int n = buf.length();
    while (pos < n) {
      char c = buf.charAt(pos);
      switch (mode) {
        case LINE_COMMENT:
          if (c == '\n') {
            mode = Mode.CODE;
            token(TK_WS, out);
            line++;
          }
          pos++;
          continue;
        case BLOCK_COMMENT:
          if (c == '*' && pos + 1 < n && buf.charAt(pos + 1) == '/') {
            mode = Mode.CODE;
            pos += 2;
            token(TK_WS, out);
            continue;
          }
          if (c == '*' && pos + 1 == n && !atEnd) {
            return;
          }
          if (c == '\n') {
            line++;
          }
          pos++;
          continue;
        case QUOTED:
          if (c == '\n') {
            line++;
          }
          pos++;
          if (c == closeQuote) {
            mode = Mode.CODE;
            token(TK_OTHER, out);
          }
          continue;
        case WORD:
          if (isIdChar(c)) {
            pos++;
            continue;
          }
          mode = Mode.CODE;
          token(keyword(buf.substring(wordStart, pos)), out);
          continue;
        default:
          break;
      }
      // Mode.CODE
      if (c == ';') {
        pos++;
        token(TK_SEMI, out);
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
        if (c == '\n') {
          line++;
        }
        pos++;
        token(TK_WS, out);
      } else if (c == '/' || c == '-') {
        if (pos + 1 == n && !atEnd) {
          return; // might start a comment: wait for the next character
        }
        if (pos + 1 < n && buf.charAt(pos + 1) == (c == '/' ? '*' : '-')) {
          mode = c == '/' ? Mode.BLOCK_COMMENT : Mode.LINE_COMMENT;
          pos += 2;
        } else {
          pos++;
          token(TK_OTHER, out);
        }
      } else if (c == '[' || c == '`' || c == '"' || c == '\'') {
        markContent();
        mode = Mode.QUOTED;
        closeQuote = c == '[' ? ']' : c;
        pos++;
      } else if (isIdChar(c)) {
        markContent();
        mode = Mode.WORD;
        wordStart = pos;
        pos++;
      } else {
        pos++;
        token(TK_OTHER, out);
      }
    }
    if (atEnd && mode == Mode.WORD) {
      mode = Mode.CODE;
      token(keyword(buf.substring(wordStart, pos)), out);
    }
  }

  private void markContent() {
    if (!content) {
      content = true;
      contentLine = line;
    }
  }

  private void token(int tk, List<Piece> out) {
    if (tk != TK_WS && tk != TK_SEMI) {
      markContent();
    }
    state = TRANS[state][tk];
    if (tk == TK_SEMI && state == START) {
      if (content) {
        out.add(new Piece(buf.substring(start, pos).strip(), contentLine));
      }
      start = pos;
      content = false;
    }
  }

  /** Forgets text that belongs to statements already returned. */
  private void compact() {
    if (start > 0) {
      buf.delete(0, start);
      pos -= start;
      wordStart -= start;
      start = 0;
    }
  }

  private int newlinesIn(int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if (buf.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }

  private static boolean isIdChar(char c) {
    return Character.isLetterOrDigit(c) && c < 0x80 || c == '_' || c == '$' || c >= 0x80;
  }

  private static int keyword(String word) {
    switch (word.toLowerCase(Locale.ROOT)) {
      case "create":
        return TK_CREATE;
      case "trigger":
        return TK_TRIGGER;
      case "temp":
      case "temporary":
        return TK_TEMP;
      case "end":
        return TK_END;
      case "explain":
        return TK_EXPLAIN;
      default:
        return TK_OTHER;
    }
  }
}
