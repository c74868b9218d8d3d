package io.libsql.r2dbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SQL of one R2DBC statement, scanned once: split into SQLite statements at top-level
 * semicolons, with every parameter rewritten to an explicit {@code ?N}.
 *
 * <p>Parameters are numbered as SQLite numbers them ({@code ?} takes the next index, {@code ?N}
 * takes N, a name takes the next index the first time it appears), except that {@code $N} is a
 * position like {@code ?N}: SQLite would treat it as a name numbered by first appearance, which
 * binds {@code SET a = $2 WHERE id = $1} the wrong way round.
 */
final class SqlText {
  /** One SQLite statement of the text. */
  static final class Part {
    final String sql;
    final String firstWord;
    final boolean query;
    final boolean dml;
    final boolean returning;

    Part(String sql, List<String> words) {
      this.sql = sql;
      this.firstWord = words.isEmpty() ? "" : words.get(0);
      boolean writes = false;
      for (String w : words) {
        if (w.equals("INSERT") || w.equals("UPDATE") || w.equals("DELETE") || w.equals("REPLACE")) {
          writes = true;
          break;
        }
      }
      this.query = firstWord.equals("SELECT") || firstWord.equals("VALUES") || (firstWord.equals("WITH") && !writes);
      this.dml = writes && (firstWord.equals("INSERT") || firstWord.equals("UPDATE") || firstWord.equals("DELETE")
          || firstWord.equals("REPLACE") || firstWord.equals("WITH"));
      this.returning = words.contains("RETURNING");
    }
  }

  final List<Part> parts;
  /** The highest parameter index (parameters are 1-based). */
  final int parameterCount;
  /** Named parameters, with their prefix (":a"), to their 1-based index. */
  final Map<String, Integer> names;

  private SqlText(List<Part> parts, int parameterCount, Map<String, Integer> names) {
    this.parts = parts;
    this.parameterCount = parameterCount;
    this.names = names;
  }

  /**
   * The 0-based index a {@code bind(String, ...)} name refers to: a named parameter with or
   * without its prefix ({@code ":a"} or {@code "a"}), or a position written {@code $N}, {@code ?N}.
   *
   * @return the index, or -1 if the SQL has no such parameter
   */
  int indexOf(String name) {
    Integer i = names.get(name);
    if (i == null) {
      for (String prefix : new String[] {":", "@", "$"}) {
        i = names.get(prefix + name);
        if (i != null) {
          break;
        }
      }
    }
    if (i == null && name.length() > 1 && (name.charAt(0) == '$' || name.charAt(0) == '?') && digits(name, 1)) {
      i = parsePosition(name.substring(1));
    }
    return i == null || i < 1 || i > parameterCount ? -1 : i - 1;
  }

  private static boolean digits(String s, int from) {
    if (from >= s.length()) {
      return false;
    }
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static Integer parsePosition(String digits) {
    return digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }

  static SqlText parse(String sql) {
    List<Part> parts = new ArrayList<>();
    Map<String, Integer> names = new LinkedHashMap<>();
    int max = 0;
    StringBuilder out = new StringBuilder(sql.length() + 8);
    List<String> words = new ArrayList<>();
    int codeEnd = 0; // length of `out` after the last character that is not a comment or blank
    int triggerDepth = 0; // > 0 inside the BEGIN ... END body of CREATE TRIGGER
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(sql, i, end);
        i = end;
        continue;
      }
      if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        out.append(sql, i, end);
        i = end;
        continue;
      }
      if (c == '\'' || c == '"' || c == '`' || c == '[') {
        int end = skipQuoted(sql, i, c == '[' ? ']' : c);
        out.append(sql, i, end);
        i = end;
        codeEnd = out.length();
        continue;
      }
      if (c == ';' && triggerDepth == 0) {
        addPart(parts, out, codeEnd, words);
        out.setLength(0);
        words = new ArrayList<>();
        codeEnd = 0;
        i++;
        continue;
      }
      if (c == '?' || c == ':' || c == '@' || c == '$') {
        int end = i + 1;
        if (c == '?' || c == '$') {
          while (end < n && Character.isDigit(sql.charAt(end))) {
            end++;
          }
        }
        boolean numbered = end > i + 1;
        if (!numbered && c != '?') {
          while (end < n && isNameChar(sql.charAt(end))) {
            end++;
          }
          if (end == i + 1) { // a lone ':', '@' or '$' is not a parameter
            out.append(c);
            i++;
            codeEnd = out.length();
            continue;
          }
        }
        int index;
        if (numbered) {
          index = parsePosition(sql.substring(i + 1, end));
        } else if (c == '?') {
          index = max + 1;
        } else {
          String name = sql.substring(i, end);
          Integer known = names.get(name);
          index = known != null ? known : max + 1;
          names.putIfAbsent(name, index);
        }
        max = Math.max(max, index);
        out.append('?').append(index);
        i = end;
        codeEnd = out.length();
        continue;
      }
      if (Character.isLetter(c) || c == '_') {
        int end = i + 1;
        while (end < n && isNameChar(sql.charAt(end))) {
          end++;
        }
        String word = sql.substring(i, end).toUpperCase(Locale.ROOT);
        if (words.size() < 64 || word.equals("RETURNING") || isDml(word)) {
          words.add(word);
        }
        if (isTriggerStatement(words)) {
          if (word.equals("BEGIN") || word.equals("CASE")) {
            triggerDepth++;
          } else if (word.equals("END") && triggerDepth > 0) {
            triggerDepth--;
          }
        }
        out.append(sql, i, end);
        i = end;
        codeEnd = out.length();
        continue;
      }
      out.append(c);
      i++;
      if (!Character.isWhitespace(c)) {
        codeEnd = out.length();
      }
    }
    addPart(parts, out, codeEnd, words);
    return new SqlText(Collections.unmodifiableList(parts), max, Collections.unmodifiableMap(names));
  }

  private static boolean isDml(String word) {
    return word.equals("INSERT") || word.equals("UPDATE") || word.equals("DELETE") || word.equals("REPLACE");
  }

  private static boolean isTriggerStatement(List<String> words) {
    if (words.size() < 2 || !words.get(0).equals("CREATE")) {
      return false;
    }
    String second = words.get(1);
    return second.equals("TRIGGER")
        || ((second.equals("TEMP") || second.equals("TEMPORARY")) && words.size() > 2 && words.get(2).equals("TRIGGER"));
  }

  private static void addPart(List<Part> parts, StringBuilder out, int codeEnd, List<String> words) {
    if (words.isEmpty() && out.toString().replaceAll("(?s)--[^\n]*|/\\*.*?(\\*/|$)", "").isBlank()) {
      return; // blank or only comments
    }
    parts.add(new Part(out.substring(0, codeEnd).strip(), words));
  }

  private static int skipQuoted(String sql, int start, char close) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == close) {
        if (close != ']' && i + 1 < sql.length() && sql.charAt(i + 1) == close) {
          i += 2; // doubled quote
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c > 0x7f;
  }
}
