package io.libsql.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * sqlite-jdbc's connection properties that this driver also takes, so that its URLs and
 * {@code Properties} work here: the pragmas it sets when it opens a file (applied as
 * {@code PRAGMA name = value}), the open modes {@code mode=ro} (the connection is read-only) and
 * {@code cache=shared} (accepted; each connection keeps its own cache), and
 * {@code jdbc.get_generated_keys}. Pragmas apply to {@code file:} URLs only.
 */
final class SqliteJdbcProperties {
  /** The pragmas sqlite-jdbc sets from connection properties (its {@code SQLiteConfig.Pragma}). */
  static final Set<String> PRAGMAS = Set.of("application_id", "auto_vacuum", "busy_timeout", "cache_size",
      "case_sensitive_like", "count_changes", "default_cache_size", "defer_foreign_keys", "empty_result_callbacks",
      "foreign_keys", "full_column_names", "fullsync", "incremental_vacuum", "journal_mode", "journal_size_limit",
      "legacy_alter_table", "legacy_file_format", "locking_mode", "max_page_count", "mmap_size", "page_size",
      "query_only", "read_uncommitted", "recursive_triggers", "reverse_unordered_selects", "secure_delete",
      "short_column_names", "synchronous", "temp_store", "user_version");
  static final String MODE = "mode";
  static final String CACHE = "cache";
  static final String GET_GENERATED_KEYS = "jdbc.get_generated_keys";
  /** Values go into SQL: words, numbers and signs only. */
  private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9_.+-]{1,64}");

  private SqliteJdbcProperties() {}

  /** Whether {@code name} is one of sqlite-jdbc's properties this driver takes. */
  static boolean accepts(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return PRAGMAS.contains(n) || n.equals(MODE) || n.equals(CACHE) || n.equals(GET_GENERATED_KEYS);
  }

  /** Every URL parameter name this driver accepts, for error messages. */
  static String acceptedNames() {
    Set<String> names = new TreeSet<>();
    for (LibsqlProperty p : LibsqlProperty.values()) {
      names.add(p.getName());
    }
    names.addAll(List.of("syncUrl", "syncInterval", "readYourWrites", MODE, CACHE, GET_GENERATED_KEYS));
    names.addAll(PRAGMAS);
    return String.join(", ", names);
  }

  /** The {@code PRAGMA} statements the properties ask for (validated), in a stable order. */
  static List<String> pragmaStatements(Properties props) throws SQLException {
    List<String> out = new ArrayList<>();
    for (String name : new TreeSet<>(props.stringPropertyNames())) {
      String n = name.toLowerCase(Locale.ROOT);
      if (!PRAGMAS.contains(n)) {
        continue;
      }
      String value = props.getProperty(name).trim();
      if (!SAFE_VALUE.matcher(value).matches()) {
        throw new SQLNonTransientConnectionException("connection property " + n + " must be a word or a number, not '"
            + value + "'", SqlState.CONNECTION_UNABLE_TO_CONNECT.state());
      }
      out.add("PRAGMA " + n + " = " + value);
    }
    return out;
  }

  /** {@code mode=ro}: a read-only connection; other modes are SQLite's defaults. */
  static boolean readOnly(Properties props) throws SQLException {
    String mode = props.getProperty(MODE);
    if (mode == null) {
      return false;
    }
    switch (mode.trim().toLowerCase(Locale.ROOT)) {
      case "ro":
        return true;
      case "rw":
      case "rwc":
        return false;
      default:
        throw new SQLNonTransientConnectionException("mode must be ro, rw or rwc, not '" + mode + "'",
            SqlState.CONNECTION_UNABLE_TO_CONNECT.state());
    }
  }

  /** {@code jdbc.get_generated_keys=false} turns RETURN_GENERATED_KEYS off, as in sqlite-jdbc. */
  static boolean generatedKeys(Properties props) {
    String v = props.getProperty(GET_GENERATED_KEYS);
    return v == null || !v.trim().equalsIgnoreCase("false");
  }
}
