package io.libsql.client.internal.sql;

/**
 * A cursor over the tokens of SQL text, cut as SQLite's tokenizer cuts them: whitespace, {@code --}
 * and {@code /* *}{@code /} comments, {@code 'strings'} with {@code ''} escapes, quoted names
 * ({@code "a"}, {@code `a`}, {@code [a]}), parameters ({@code ?}, {@code ?NNN}, {@code :a},
 * {@code @a}, {@code $a}), words (identifiers, keywords, numbers) and single characters. Every
 * character belongs to exactly one token. An unterminated string, name or comment runs to the end.
 *
 * <p>The text may grow between calls (the shell feeds it line by line): unless told that the text
 * is complete, {@link #next} stops before a token that more text could still change.
 */
final class Lexer {
  static final int SPACE = 0;
  static final int COMMENT = 1;
  static final int WORD = 2;
  static final int STRING = 3;
  static final int NAME = 4;
  static final int PARAMETER = 5;
  static final int SEMICOLON = 6;
  static final int OPEN = 7;
  static final int CLOSE = 8;
  static final int OTHER = 9;

  private final CharSequence sql;
  private int start;
  private int end;
  private int type = -1;
  private boolean terminated = true;
  /** Where scanning resumes inside the pending token at {@link #end}, so growing text is read once. */
  private int resume = -1;

  Lexer(CharSequence sql) {
    this.sql = sql;
  }

  int type() {
    return type;
  }

  int start() {
    return start;
  }

  int end() {
    return end;
  }

  /** False for a string, quoted name or block comment that the text ends inside. */
  boolean terminated() {
    return terminated;
  }

  /** Adjusts the positions after the first {@code n} characters of the text were removed. */
  void shift(int n) {
    start -= n;
    end -= n;
    if (resume >= 0) {
      resume -= n;
    }
  }

  /**
   * Moves to the next token. Returns false when none is left, or, unless {@code complete}, when the
   * next one might still grow with more text; the following call then tries the same token again.
   */
  boolean next(boolean complete) {
    int i = end;
    int n = sql.length();
    if (i >= n) {
      return false;
    }
    char c = sql.charAt(i);
    int e;
    int t;
    boolean closed = true;
    switch (c) {
      case ' ':
      case '\t':
      case '\n':
      case '\f':
      case '\r':
        e = i + 1;
        while (e < n && isSpace(sql.charAt(e))) {
          e++;
        }
        t = SPACE;
        break;
      case '-':
      case '/':
        if (i + 1 == n && !complete) {
          return pending(i, i);
        }
        if (i + 1 < n && sql.charAt(i + 1) == (c == '-' ? '-' : '*')) {
          t = COMMENT;
          int from = Math.max(i + 2, resumeAt(i));
          int close = c == '-' ? indexOf('\n', from) : indexOf("*/", from);
          if (close < 0) {
            if (!complete) {
              return pending(i, c == '-' ? n : Math.max(i + 2, n - 1));
            }
            e = n;
            closed = c == '-';
          } else {
            e = close + (c == '-' ? 1 : 2);
          }
        } else {
          t = OTHER;
          e = i + 1;
        }
        break;
      case '\'':
      case '"':
      case '`':
      case '[': {
        t = c == '\'' ? STRING : NAME;
        char q = c == '[' ? ']' : c;
        int j = Math.max(i + 1, resumeAt(i));
        e = -1;
        while (j < n) {
          if (sql.charAt(j) != q) {
            j++;
          } else if (q == ']') {
            e = j + 1;
            break;
          } else if (j + 1 < n) {
            if (sql.charAt(j + 1) != q) {
              e = j + 1;
              break;
            }
            j += 2;
          } else if (complete) {
            e = j + 1;
            break;
          } else {
            return pending(i, j); // the quote may be the first half of an escape
          }
        }
        if (e < 0) {
          if (!complete) {
            return pending(i, j);
          }
          e = n;
          closed = false;
        }
        break;
      }
      case '?':
        e = i + 1;
        while (e < n && sql.charAt(e) >= '0' && sql.charAt(e) <= '9') {
          e++;
        }
        if (e == n && !complete) {
          return pending(i, i);
        }
        t = PARAMETER;
        break;
      case ':':
      case '@':
      case '$':
        e = i + 1;
        while (e < n && isIdChar(sql.charAt(e))) {
          e++;
        }
        if (e == n && !complete) {
          return pending(i, i);
        }
        t = e > i + 1 ? PARAMETER : OTHER;
        break;
      case ';':
        t = SEMICOLON;
        e = i + 1;
        break;
      case '(':
        t = OPEN;
        e = i + 1;
        break;
      case ')':
        t = CLOSE;
        e = i + 1;
        break;
      default:
        if (isIdChar(c)) {
          e = i + 1;
          while (e < n && isIdChar(sql.charAt(e))) {
            e++;
          }
          if (e == n && !complete) {
            return pending(i, i);
          }
          t = WORD;
        } else {
          t = OTHER;
          e = i + 1;
        }
    }
    start = i;
    end = e;
    type = t;
    terminated = closed;
    resume = -1;
    return true;
  }

  /** True when the current token is the word {@code keyword} (upper-case), in any case. */
  boolean is(String keyword) {
    return type == WORD && end - start == keyword.length() && regionMatches(start, keyword);
  }

  private boolean regionMatches(int from, String keyword) {
    for (int k = 0; k < keyword.length(); k++) {
      char c = sql.charAt(from + k);
      if (c != keyword.charAt(k) && c - 32 != keyword.charAt(k)) { // ASCII case folding, as SQLite's
        return false;
      }
    }
    return true;
  }

  private boolean pending(int tokenStart, int resumeAt) {
    end = tokenStart;
    resume = resumeAt;
    return false;
  }

  private int resumeAt(int tokenStart) {
    return end == tokenStart ? resume : -1;
  }

  private int indexOf(char c, int from) {
    for (int j = from; j < sql.length(); j++) {
      if (sql.charAt(j) == c) {
        return j;
      }
    }
    return -1;
  }

  private int indexOf(String s, int from) {
    for (int j = from; j + 1 < sql.length(); j++) {
      if (sql.charAt(j) == s.charAt(0) && sql.charAt(j + 1) == s.charAt(1)) {
        return j;
      }
    }
    return -1;
  }

  /** SQLite's whitespace: {@code sqlite3_complete()} and the tokenizer agree on these five. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  }

  /** SQLite's identifier characters: ASCII letters and digits, {@code _}, {@code $}, and all of non-ASCII. */
  static boolean isIdChar(char c) {
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
  }
}
