package io.libsql.client.internal.hrana;

import java.util.Locale;
import java.util.Set;

/**
 * Tells statements that certainly only read, so that one whose connection was lost can be sent
 * again without risk: lexically, without a parser, and erring towards "not certain". A statement
 * qualifies when it starts with {@code SELECT}, {@code VALUES} or {@code WITH} and no word outside
 * strings, quoted names and comments could make it write ({@code INSERT}, {@code UPDATE},
 * {@code DELETE}, {@code REPLACE} unless it calls the function, {@code RETURNING}, DDL,
 * {@code PRAGMA}, {@code ATTACH}, transaction control...), and it is one statement; or when it
 * starts with {@code EXPLAIN} (which never runs the statement it explains).
 */
final class Reads {
  private Reads() {}

  private static final Set<String> WRITING = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "UPSERT", "RETURNING",
      "CREATE", "DROP", "ALTER", "ATTACH", "DETACH", "PRAGMA", "VACUUM", "REINDEX", "ANALYZE", "BEGIN", "COMMIT",
      "ROLLBACK", "SAVEPOINT", "RELEASE");

  static boolean certainlyReadOnly(String sql) {
    int n = sql.length();
    int i = 0;
    String first = null;
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        i = lineEnd(sql, i);
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = commentEnd(sql, i);
      } else if (c == '\'' || c == '"' || c == '`') {
        if (first == null) {
          return false;
        }
        i = quoteEnd(sql, i, c);
      } else if (c == '[') {
        int close = sql.indexOf(']', i + 1);
        i = close < 0 ? n : close + 1;
      } else if (c == ';') {
        for (int j = i + 1; j < n; j++) {
          if (!Character.isWhitespace(sql.charAt(j))) {
            return false; // a second statement
          }
        }
        return first != null;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
          i++;
        }
        String word = sql.substring(start, i).toUpperCase(Locale.ROOT);
        if (first == null) {
          first = word;
          if (word.equals("EXPLAIN")) {
            return true;
          }
          if (!word.equals("SELECT") && !word.equals("VALUES") && !word.equals("WITH")) {
            return false;
          }
        } else if (WRITING.contains(word) && !callsFunction(sql, i)) {
          return false;
        }
      } else {
        if (first == null) {
          return false;
        }
        i++;
      }
    }
    return first != null;
  }

  /** True when the word ending at {@code i} is followed by {@code (}: a function such as replace(). */
  private static boolean callsFunction(String sql, int i) {
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i < sql.length() && sql.charAt(i) == '(';
  }

  private static int lineEnd(String sql, int i) {
    int nl = sql.indexOf('\n', i);
    return nl < 0 ? sql.length() : nl + 1;
  }

  private static int commentEnd(String sql, int i) {
    int end = sql.indexOf("*/", i + 2);
    return end < 0 ? sql.length() : end + 2;
  }

  private static int quoteEnd(String sql, int i, char q) {
    int j = i + 1;
    while (j < sql.length()) {
      if (sql.charAt(j) == q) {
        if (j + 1 < sql.length() && sql.charAt(j + 1) == q) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return sql.length();
  }
}
