package io.libsql.client.internal;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one SQL statement as SQLite numbers them: {@code ?} takes the next index,
 * {@code ?NNN} takes NNN, and a name ({@code :a}, {@code @a}, {@code $a}) takes the next index the
 * first time it appears. Strings, quoted identifiers and comments are skipped. Not API.
 */
public final class SqlParameters {
  /** Named parameters (with their prefix) to their 1-based index, in order of appearance. */
  private final Map<String, Integer> indexByName;
  private final int count;

  private SqlParameters(Map<String, Integer> indexByName, int count) {
    this.indexByName = indexByName;
    this.count = count;
  }

  /** The highest parameter index in the SQL. */
  public int count() {
    return count;
  }

  /** Named parameters (with their prefix) to their index, in order of appearance. */
  public Map<String, Integer> indexByName() {
    return indexByName;
  }

  /**
   * The exact parameter name (with prefix) that a user's key refers to: the key itself if it
   * appears, else the key with the first prefix under which it appears.
   *
   * @throws LibsqlException ARGUMENT_INVALID if the SQL has no such parameter
   */
  public String resolve(String key) {
    if (indexByName.containsKey(key)) {
      return key;
    }
    for (String prefix : new String[] {":", "@", "$"}) {
      if (indexByName.containsKey(prefix + key)) {
        return prefix + key;
      }
    }
    throw new LibsqlException(ErrorCode.ARGUMENT_INVALID,
        "named argument '" + key + "' matches no parameter of the statement; its parameters are " + indexByName.keySet());
  }

  public static SqlParameters scan(String sql) {
    Map<String, Integer> names = new LinkedHashMap<>();
    int max = 0;
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      switch (c) {
        case '\'':
        case '"':
        case '`':
          i = skipQuoted(sql, i, c);
          break;
        case '[':
          i = skipQuoted(sql, i, ']');
          break;
        case '-':
          if (i + 1 < n && sql.charAt(i + 1) == '-') {
            int nl = sql.indexOf('\n', i);
            i = nl < 0 ? n : nl + 1;
          } else {
            i++;
          }
          break;
        case '/':
          if (i + 1 < n && sql.charAt(i + 1) == '*') {
            int end = sql.indexOf("*/", i + 2);
            i = end < 0 ? n : end + 2;
          } else {
            i++;
          }
          break;
        case '?': {
          int j = i + 1;
          while (j < n && Character.isDigit(sql.charAt(j))) {
            j++;
          }
          if (j > i + 1) {
            int idx;
            try {
              idx = Integer.parseInt(sql.substring(i + 1, j));
            } catch (NumberFormatException e) {
              idx = Integer.MAX_VALUE;
            }
            max = Math.max(max, idx);
          } else {
            max++;
          }
          i = j;
          break;
        }
        case '$':
          if (i > 0 && isNameChar(sql.charAt(i - 1))) {
            i++; // part of an identifier such as a$b, as SQLite reads it
            break;
          }
          // fall through
        case ':':
        case '@': {
          int j = i + 1;
          while (j < n && isNameChar(sql.charAt(j))) {
            j++;
          }
          if (j > i + 1) {
            String name = sql.substring(i, j);
            if (!names.containsKey(name)) {
              names.put(name, ++max);
            }
          }
          i = Math.max(j, i + 1);
          break;
        }
        default:
          i++;
      }
    }
    return new SqlParameters(names.isEmpty() ? Map.of() : names, max);
  }

  private static int skipQuoted(String sql, int start, char close) {
    int i = start + 1;
    int n = sql.length();
    while (i < n) {
      if (sql.charAt(i) == close) {
        if (close != ']' && i + 1 < n && sql.charAt(i + 1) == close) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return n;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
  }

  /** Named arguments as (exact parameter name, value) pairs; unknown keys fail. */
  public static List<Map.Entry<String, Object>> resolveNamed(String sql, Map<String, Object> args) {
    SqlParameters params = scan(sql);
    List<Map.Entry<String, Object>> out = new ArrayList<>(args.size());
    Map<String, String> seen = new HashMap<>();
    for (Map.Entry<String, Object> e : args.entrySet()) {
      String exact = params.resolve(e.getKey());
      String previous = seen.put(exact, e.getKey());
      if (previous != null) {
        throw new LibsqlException(ErrorCode.ARGUMENT_INVALID,
            "named arguments '" + previous + "' and '" + e.getKey() + "' both bind parameter " + exact);
      }
      out.add(new AbstractMap.SimpleImmutableEntry<>(exact, e.getValue()));
    }
    return out;
  }
}
