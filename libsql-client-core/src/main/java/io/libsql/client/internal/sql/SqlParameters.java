package io.libsql.client.internal.sql;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of SQL text as SQLite numbers them: {@code ?} takes the next index, {@code ?NNN}
 * takes NNN, and a name ({@code :a}, {@code @a}, {@code $a}) takes the next index the first time it
 * appears. Immutable.
 */
public final class SqlParameters {
  /** SQLite's default {@code SQLITE_MAX_VARIABLE_NUMBER}, the same in sqld. */
  public static final int MAX_PARAMETERS = 32_766;

  private static final SqlParameters NONE = new SqlParameters(Map.of(), 0, new int[0]);

  /** Named parameters (with their prefix) to their 1-based index, in order of appearance. */
  private final Map<String, Integer> indexByName;
  private final int count;
  /** The index of each parameter token, in order of appearance. */
  private final int[] occurrences;

  private SqlParameters(Map<String, Integer> indexByName, int count, int[] occurrences) {
    this.indexByName = indexByName;
    this.count = count;
    this.occurrences = occurrences;
  }

  /**
   * The parameters of {@code sql}.
   *
   * @param sql SQL text
   * @return its parameters
   */
  public static SqlParameters scan(String sql) {
    return SqlText.of(sql).parameters();
  }

  /** Numbers the parameter tokens, in order of appearance. */
  static SqlParameters of(List<String> tokens) {
    if (tokens.isEmpty()) {
      return NONE;
    }
    Map<String, Integer> names = new LinkedHashMap<>();
    int[] occurrences = new int[tokens.size()];
    int max = 0;
    for (int k = 0; k < occurrences.length; k++) {
      String t = tokens.get(k);
      if (t.charAt(0) == '?') {
        if (t.length() == 1) {
          max = next(max);
          occurrences[k] = max;
        } else {
          int index;
          try {
            index = Integer.parseInt(t.substring(1));
          } catch (NumberFormatException tooLarge) {
            index = Integer.MAX_VALUE; // more than SQLite takes: refused by the count
          }
          max = Math.max(max, index);
          occurrences[k] = index;
        }
      } else {
        Integer known = names.get(t);
        if (known == null) {
          max = next(max);
          names.put(t, max);
          known = max;
        }
        occurrences[k] = known;
      }
    }
    return new SqlParameters(names.isEmpty() ? Map.of() : names, max, occurrences);
  }

  /** The index after {@code max}; stays at the largest int after a {@code ?NNN} too large to read. */
  private static int next(int max) {
    return max == Integer.MAX_VALUE ? max : max + 1;
  }

  /**
   * The highest parameter index in the SQL (more than {@link #MAX_PARAMETERS} when SQLite would
   * refuse it).
   *
   * @return the parameter count
   */
  public int count() {
    return count;
  }

  /**
   * Named parameters (with their prefix) to their index, in order of appearance.
   *
   * @return the names and their indexes
   */
  public Map<String, Integer> indexByName() {
    return indexByName;
  }

  /** The index of the {@code k}-th parameter token (0-based), in order of appearance. */
  int indexAt(int k) {
    return occurrences[k];
  }

  /**
   * The index a named argument's key refers to, as {@link #resolve} matches it.
   *
   * @param key a parameter name, with or without prefix
   * @return its 1-based index, or 0 if the SQL has no such parameter
   */
  public int indexOf(String key) {
    String exact = exact(key);
    return exact == null ? 0 : indexByName.get(exact);
  }

  /** The names by 0-based index when every parameter is named, else null. */
  String[] namesIfAllNamed() {
    if (count == 0 || count != indexByName.size()) {
      return null;
    }
    String[] names = new String[count];
    for (Map.Entry<String, Integer> e : indexByName.entrySet()) {
      names[e.getValue() - 1] = e.getKey();
    }
    return names;
  }

  /**
   * The exact parameter name (with prefix) that a user's key refers to: the key itself if it
   * appears, else the key with the first prefix under which it appears.
   *
   * @param key a named argument's key, with or without prefix
   * @return the parameter name
   * @throws LibsqlException ARGUMENT_INVALID if the SQL has no such parameter
   */
  public String resolve(String key) {
    String exact = exact(key);
    if (exact == null) {
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID,
          "named argument '" + key + "' matches no parameter of the statement; its parameters are " + indexByName.keySet());
    }
    return exact;
  }

  /** The key itself if it appears, else the key with the first prefix under which it appears, else null. */
  private String exact(String key) {
    if (indexByName.containsKey(key)) {
      return key;
    }
    for (String prefix : new String[] {":", "@", "$"}) {
      if (indexByName.containsKey(prefix + key)) {
        return prefix + key;
      }
    }
    return null;
  }

  /**
   * Named arguments as (exact parameter name, value) pairs.
   *
   * @param sql the statement
   * @param args the named arguments
   * @return the pairs, in the order of {@code args}
   * @throws LibsqlException ARGUMENT_INVALID for a key that matches no parameter, or two keys that
   *     bind the same one
   */
  public static List<Map.Entry<String, Object>> resolveNamed(String sql, Map<String, Object> args) {
    return scan(sql).resolveNamed(args);
  }

  /**
   * Named arguments as (exact parameter name, value) pairs.
   *
   * @param args the named arguments
   * @return the pairs, in the order of {@code args}
   * @throws LibsqlException ARGUMENT_INVALID for a key that matches no parameter, or two keys that
   *     bind the same one
   */
  public List<Map.Entry<String, Object>> resolveNamed(Map<String, Object> args) {
    List<Map.Entry<String, Object>> out = new ArrayList<>(args.size());
    Map<String, String> seen = new HashMap<>();
    for (Map.Entry<String, Object> e : args.entrySet()) {
      String exact = resolve(e.getKey());
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
