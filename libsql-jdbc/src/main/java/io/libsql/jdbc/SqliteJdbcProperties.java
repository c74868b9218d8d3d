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
 * {@code PRAGMA name = value}), its {@code limit_*} properties ({@code sqlite3_limit}, through the
 * client's {@code Config.Builder.sqliteLimit}), {@code open_mode} (its {@code SQLiteOpenMode} flags),
 * the open modes {@code mode=ro} (the connection is read-only) and {@code cache=shared} (accepted;
 * each connection keeps its own cache), {@code transaction_mode} (the {@code BEGIN} sent when
 * auto-commit is off) and {@code jdbc.get_generated_keys}. Pragmas, limits and {@code open_mode}
 * apply to {@code file:} URLs only.
 */
final class SqliteJdbcProperties {
  /** The pragmas sqlite-jdbc sets from connection properties (its {@code SQLiteConfig.Pragma}). */
  static final Set<String> PRAGMAS = Set.of("application_id", "auto_vacuum", "busy_timeout", "cache_size",
      "case_sensitive_like", "count_changes", "default_cache_size", "defer_foreign_keys", "empty_result_callback",
      "empty_result_callbacks",
      "foreign_keys", "full_column_names", "fullsync", "incremental_vacuum", "journal_mode", "journal_size_limit",
      "legacy_alter_table", "legacy_file_format", "locking_mode", "max_page_count", "mmap_size", "page_size",
      "query_only", "read_uncommitted", "recursive_triggers", "reverse_unordered_selects", "secure_delete",
      "short_column_names", "synchronous", "temp_store", "user_version", "wal_autocheckpoint");
  /** sqlite-jdbc's {@code limit_*} properties: {@code limit_} and SQLite's limit name. */
  static final Set<String> LIMITS = Set.of("limit_length", "limit_sql_length", "limit_column", "limit_expr_depth",
      "limit_compound_select", "limit_vdbe_op", "limit_function_arg", "limit_attached", "limit_like_pattern_length",
      "limit_variable_number", "limit_trigger_depth", "limit_worker_threads", "limit_page_count");
  static final String OPEN_MODE = "open_mode";
  static final String TRANSACTION_MODE = "transaction_mode";
  private static final int OPEN_READONLY = 0x1;
  private static final int OPEN_READWRITE = 0x2;
  private static final int OPEN_CREATE = 0x4;
  private static final int OPEN_MEMORY = 0x80;
  /**
   * Flags SQLite's {@code sqlite3_open_v2} ignores (VFS-only ones and the threading modes; this driver
   * serialises each connection's calls), {@code OPEN_URI} (this driver parses the URL) and the cache
   * modes (each connection keeps its own cache, as for {@code cache=shared}).
   */
  private static final int OPEN_IGNORED = 0x8 | 0x10 | 0x40 | 0x100 | 0x200 | 0x400 | 0x800 | 0x1000 | 0x2000
      | 0x4000 | 0x8000 | 0x10000 | 0x20000 | 0x40000;
  static final String MODE = "mode";
  static final String CACHE = "cache";
  static final String GET_GENERATED_KEYS = "jdbc.get_generated_keys";
  /** Values go into SQL: words, numbers and signs only. */
  private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9_.+-]{1,64}");

  private SqliteJdbcProperties() {}

  /** Whether {@code name} is one of sqlite-jdbc's properties this driver takes. */
  static boolean accepts(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return PRAGMAS.contains(n) || LIMITS.contains(n) || n.equals(OPEN_MODE) || n.equals(TRANSACTION_MODE)
        || n.equals(MODE) || n.equals(CACHE) || n.equals(GET_GENERATED_KEYS);
  }

  /** Every name {@link #accepts} (for {@code Driver.getPropertyInfo}), sorted. */
  static Set<String> names() {
    Set<String> names = new TreeSet<>(PRAGMAS);
    names.addAll(LIMITS);
    names.addAll(List.of(OPEN_MODE, TRANSACTION_MODE, MODE, CACHE, GET_GENERATED_KEYS));
    return names;
  }

  /** {@code name} (one of {@link #names()}) as {@code Driver.getPropertyInfo} reports it. */
  static java.sql.DriverPropertyInfo propertyInfo(String name, Properties props) {
    java.sql.DriverPropertyInfo info = new java.sql.DriverPropertyInfo(name, props.getProperty(name));
    if (PRAGMAS.contains(name)) {
      info.description = "sqlite-jdbc's pragma: PRAGMA " + name + " = value when a file: connection opens (file: URLs only)";
    } else if (LIMITS.contains(name)) {
      info.description = "sqlite-jdbc's limit: sqlite3_limit(SQLITE_" + name.toUpperCase(Locale.ROOT)
          + ") on a file: connection (file: URLs only)";
    } else {
      switch (name) {
        case OPEN_MODE:
          info.description = "sqlite-jdbc's SQLiteOpenMode flags added up: READONLY (1) makes the connection read-only,"
              + " READWRITE (2) without CREATE (4) fails on a missing file (file: URLs only)";
          break;
        case TRANSACTION_MODE:
          info.description = "The BEGIN sent when auto-commit is off: DEFERRED (default), IMMEDIATE or EXCLUSIVE";
          info.choices = new String[] {"DEFERRED", "IMMEDIATE", "EXCLUSIVE"};
          break;
        case MODE:
          info.description = "ro makes the connection read-only; rw and rwc are the default";
          info.choices = new String[] {"ro", "rw", "rwc"};
          break;
        case CACHE:
          info.description = "Accepted; each connection keeps its own cache";
          info.choices = new String[] {"shared", "private"};
          break;
        default:
          info.description = "false: RETURN_GENERATED_KEYS gives no keys";
          info.choices = new String[] {"true", "false"};
      }
    }
    return info;
  }

  /** The file-only properties (pragmas, limits, open_mode) given, in a stable order. */
  static List<String> fileOnly(Properties props) {
    List<String> out = new ArrayList<>();
    for (String name : new TreeSet<>(props.stringPropertyNames())) {
      String n = name.toLowerCase(Locale.ROOT);
      if (PRAGMAS.contains(n) || LIMITS.contains(n) || n.equals(OPEN_MODE)) {
        out.add(n);
      }
    }
    return out;
  }

  /** The {@code limit_*} properties as SQLite limit name and value (validated). */
  static java.util.Map<String, Integer> limits(Properties props) throws SQLException {
    java.util.Map<String, Integer> out = new java.util.TreeMap<>();
    for (String name : props.stringPropertyNames()) {
      String n = name.toLowerCase(Locale.ROOT);
      if (LIMITS.contains(n)) {
        String v = props.getProperty(name).trim();
        int value;
        try {
          value = Integer.parseInt(v);
        } catch (NumberFormatException e) {
          value = -1;
        }
        if (value < 0) {
          throw new SQLNonTransientConnectionException("connection property " + n + " must be a number (0 or more), not '"
              + v + "'", SqlState.CONNECTION_UNABLE_TO_CONNECT.state());
        }
        out.put(n.substring("limit_".length()), value);
      }
    }
    return out;
  }

  /** sqlite-jdbc's {@code open_mode} flags, or -1 when not given; fails for flags that cannot be honoured. */
  static int openMode(Properties props) throws SQLException {
    String v = props.getProperty(OPEN_MODE);
    if (v == null) {
      return -1;
    }
    int flags;
    try {
      flags = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw openModeError("must be a number (SQLiteOpenMode flags added up, e.g. 6 for READWRITE and CREATE), not '"
          + v + "'");
    }
    if ((flags & OPEN_MEMORY) != 0) {
      throw openModeError("OPEN_MEMORY (128) is not supported: use jdbc:libsql::memory: for an in-memory database");
    }
    int unknown = flags & ~(OPEN_READONLY | OPEN_READWRITE | OPEN_CREATE | OPEN_IGNORED);
    if (flags < 0 || unknown != 0) {
      throw openModeError("has flags SQLite does not define (" + unknown + ")");
    }
    if (((flags & OPEN_READONLY) != 0) == ((flags & OPEN_READWRITE) != 0)) {
      throw openModeError("must include exactly one of READONLY (1) and READWRITE (2), as SQLite requires; it is " + flags);
    }
    return flags;
  }

  /** {@code open_mode} READONLY: the connection is read-only. */
  static boolean openReadOnly(int openMode) {
    return openMode >= 0 && (openMode & OPEN_READONLY) != 0;
  }

  /** {@code open_mode} without CREATE (READONLY never creates): a missing file fails to open. */
  static boolean openCreates(int openMode) {
    return openMode < 0 || (openMode & OPEN_READWRITE) != 0 && (openMode & OPEN_CREATE) != 0;
  }

  private static SQLException openModeError(String message) {
    return new SQLNonTransientConnectionException("connection property open_mode " + message,
        SqlState.CONNECTION_UNABLE_TO_CONNECT.state());
  }

  /** The {@code BEGIN} statement {@code transaction_mode} asks for ({@code BEGIN DEFERRED} by default). */
  static String beginSql(Properties props) throws SQLException {
    String v = props.getProperty(TRANSACTION_MODE);
    if (v == null) {
      return "BEGIN DEFERRED";
    }
    String mode = v.trim().toUpperCase(Locale.ROOT);
    switch (mode) {
      case "DEFERRED":
      case "IMMEDIATE":
      case "EXCLUSIVE":
        return "BEGIN " + mode;
      default:
        throw new SQLNonTransientConnectionException("connection property transaction_mode must be DEFERRED, IMMEDIATE"
            + " or EXCLUSIVE, not '" + v + "'", SqlState.CONNECTION_UNABLE_TO_CONNECT.state());
    }
  }

  /** Every URL parameter name this driver accepts, for error messages. */
  static String acceptedNames() {
    Set<String> names = new TreeSet<>();
    for (LibsqlProperty p : LibsqlProperty.values()) {
      names.add(p.getName());
    }
    names.add("syncUrl");
    names.add("syncInterval");
    names.add("readYourWrites");
    names.addAll(names());
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
