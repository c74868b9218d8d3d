package io.libsql.client.internal.hrana;

import io.libsql.client.internal.proto.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lexical facts about SQL text the transport needs without a parser: where the statements of a
 * script end (for Hrana 1, which has no {@code sequence}), and whether a statement may change the
 * state of the server connection it runs on (so its stream is not pooled). Shared by the WebSocket
 * and HTTP transports; not API.
 *
 * <p>Statement boundaries follow SQLite's own {@code sqlite3_complete()}: a semicolon ends a
 * statement unless it is inside a string, a quoted identifier, a comment, or the body of a {@code
 * CREATE TRIGGER ... END}.
 */
public final class SqlScripts {
  private SqlScripts() {}

  /** What running a statement may do to its connection, from harmless to worst. */
  public enum Effect {
    /** Leaves the connection as it was (in autocommit mode, no session state). */
    NONE,
    /** May open or end a transaction (BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT, RELEASE). */
    TRANSACTION,
    /** Changes session state that outlives the statement (PRAGMA, ATTACH, DETACH, TEMP objects). */
    SESSION;

    Effect max(Effect other) {
      return other.ordinal() > ordinal() ? other : this;
    }
  }

  private static final int TK_SEMI = 0;
  private static final int TK_WS = 1;
  private static final int TK_OTHER = 2;
  private static final int TK_EXPLAIN = 3;
  private static final int TK_CREATE = 4;
  private static final int TK_TEMP = 5;
  private static final int TK_TRIGGER = 6;
  private static final int TK_END = 7;

  /** {@code sqlite3_complete}'s transitions: [state][token]; state 1 means "a statement just ended". */
  private static final byte[][] TRANS = {
    /* 0 INVALID */ {1, 0, 2, 3, 4, 2, 2, 2},
    /* 1 START   */ {1, 1, 2, 3, 4, 2, 2, 2},
    /* 2 NORMAL  */ {1, 2, 2, 2, 2, 2, 2, 2},
    /* 3 EXPLAIN */ {1, 3, 3, 2, 4, 2, 2, 2},
    /* 4 CREATE  */ {1, 4, 2, 2, 2, 4, 5, 2},
    /* 5 TRIGGER */ {6, 5, 5, 5, 5, 5, 5, 5},
    /* 6 SEMI    */ {6, 6, 5, 5, 5, 5, 5, 7},
    /* 7 END     */ {1, 7, 5, 5, 5, 5, 5, 5},
  };

  /**
   * Splits a script into its statements, without the separating semicolons; statements that hold
   * only whitespace and comments are dropped. An unterminated string, comment or trigger runs to
   * the end of the script (the server then reports the error).
   */
  public static List<String> split(String sql) {
    List<String> out = new ArrayList<>();
    int state = 0;
    int start = 0;
    boolean content = false;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int token;
      int end;
      if (c == ';') {
        token = TK_SEMI;
        end = i + 1;
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        token = TK_WS;
        end = i + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        end = close < 0 ? n : close + 2;
        token = TK_WS;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int nl = sql.indexOf('\n', i + 2);
        end = nl < 0 ? n : nl + 1;
        token = TK_WS;
      } else if (c == '[') {
        int close = sql.indexOf(']', i + 1);
        end = close < 0 ? n : close + 1;
        token = TK_OTHER;
      } else if (c == '\'' || c == '"' || c == '`') {
        int close = sql.indexOf(c, i + 1);
        end = close < 0 ? n : close + 1;
        token = TK_OTHER;
      } else if (isIdChar(c)) {
        end = i + 1;
        while (end < n && isIdChar(sql.charAt(end))) {
          end++;
        }
        token = keywordToken(sql, i, end);
      } else {
        token = TK_OTHER;
        end = i + 1;
      }
      if (token != TK_WS && token != TK_SEMI) {
        content = true;
      }
      state = TRANS[state][token];
      if (token == TK_SEMI && state == 1) {
        if (content) {
          out.add(sql.substring(start, i).strip());
        }
        start = end;
        content = false;
      }
      i = end;
    }
    if (content) {
      out.add(sql.substring(start).strip());
    }
    return out;
  }

  /** What a single statement may do to its connection, judged from its first keyword. */
  public static Effect effect(String sql) {
    if (sql == null) {
      return Effect.NONE;
    }
    int n = sql.length();
    int i = skipSpaceAndComments(sql, 0);
    if (i >= n || !isIdChar(sql.charAt(i))) {
      return Effect.NONE;
    }
    int end = wordEnd(sql, i);
    String word = sql.substring(i, end).toUpperCase(Locale.ROOT);
    switch (word) {
      case "BEGIN":
      case "COMMIT":
      case "END":
      case "ROLLBACK":
      case "SAVEPOINT":
      case "RELEASE":
        return Effect.TRANSACTION;
      case "PRAGMA":
      case "ATTACH":
      case "DETACH":
        return Effect.SESSION;
      case "CREATE": {
        int j = skipSpaceAndComments(sql, end);
        if (j < n && isIdChar(sql.charAt(j))) {
          String next = sql.substring(j, wordEnd(sql, j)).toUpperCase(Locale.ROOT);
          if (next.equals("TEMP") || next.equals("TEMPORARY")) {
            return Effect.SESSION;
          }
        }
        // CREATE TABLE temp.x / "temp".x / [temp].x (and views, triggers, indexes) make temporary objects too
        String rest = sql.substring(end).toLowerCase(Locale.ROOT).replaceAll("[\\s\"`\\[\\]]", "");
        return rest.contains("temp.") ? Effect.SESSION : Effect.NONE;
      }
      default:
        return Effect.NONE;
    }
  }

  /** The worst effect of any statement in a script. */
  public static Effect scriptEffect(String sql) {
    Effect e = Effect.NONE;
    for (String stmt : split(sql)) {
      e = e.max(effect(stmt));
      if (e == Effect.SESSION) {
        break;
      }
    }
    return e;
  }

  /** The worst effect of any step of a batch. */
  public static Effect batchEffect(Batch batch) {
    Effect e = Effect.NONE;
    for (Batch.Step step : batch.steps()) {
      e = e.max(effect(step.stmt().sql()));
    }
    return e;
  }

  private static int skipSpaceAndComments(String sql, int i) {
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int nl = sql.indexOf('\n', i + 2);
        i = nl < 0 ? n : nl + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else {
        break;
      }
    }
    return i;
  }

  private static int wordEnd(String sql, int i) {
    int end = i;
    while (end < sql.length() && isIdChar(sql.charAt(end))) {
      end++;
    }
    return end;
  }

  private static boolean isIdChar(char c) {
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
  }

  private static int keywordToken(String sql, int start, int end) {
    switch (end - start) {
      case 3:
        return sql.regionMatches(true, start, "END", 0, 3) ? TK_END : TK_OTHER;
      case 4:
        return sql.regionMatches(true, start, "TEMP", 0, 4) ? TK_TEMP : TK_OTHER;
      case 6:
        return sql.regionMatches(true, start, "CREATE", 0, 6) ? TK_CREATE : TK_OTHER;
      case 7:
        if (sql.regionMatches(true, start, "TRIGGER", 0, 7)) {
          return TK_TRIGGER;
        }
        return sql.regionMatches(true, start, "EXPLAIN", 0, 7) ? TK_EXPLAIN : TK_OTHER;
      case 9:
        return sql.regionMatches(true, start, "TEMPORARY", 0, 9) ? TK_TEMP : TK_OTHER;
      default:
        return TK_OTHER;
    }
  }
}
