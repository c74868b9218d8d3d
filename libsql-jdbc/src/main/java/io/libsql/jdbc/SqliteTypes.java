package io.libsql.jdbc;

import java.sql.Types;
import java.util.Locale;

/**
 * JDBC types for SQLite's declared column types: well-known names map to their JDBC type (as in
 * sqlite-jdbc), anything else by SQLite's affinity rules; with no declared type, by the storage
 * class of a value.
 */
final class SqliteTypes {
  private SqliteTypes() {}

  /** The declared type without its size ({@code VARCHAR(20)} -> {@code VARCHAR}), upper-case. */
  static String baseName(String declared) {
    if (declared == null) {
      return "";
    }
    String t = declared.trim();
    int paren = t.indexOf('(');
    if (paren >= 0) {
      t = t.substring(0, paren).trim();
    }
    return t.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
  }

  /** The JDBC type for a declared type; {@link Types#OTHER} for none. */
  static int jdbcType(String declared) {
    String t = baseName(declared);
    switch (t) {
      case "":
        return Types.OTHER;
      case "BOOLEAN":
      case "BOOL":
        return Types.BOOLEAN;
      case "BIT":
        return Types.BIT;
      case "TINYINT":
        return Types.TINYINT;
      case "SMALLINT":
      case "INT2":
        return Types.SMALLINT;
      case "BIGINT":
      case "INT8":
      case "UNSIGNED BIG INT":
        return Types.BIGINT;
      case "INT":
      case "INTEGER":
      case "MEDIUMINT":
        return Types.INTEGER;
      case "DATE":
        return Types.DATE;
      case "TIME":
        return Types.TIME;
      case "DATETIME":
      case "TIMESTAMP":
        return Types.TIMESTAMP;
      case "DECIMAL":
        return Types.DECIMAL;
      case "NUMERIC":
        return Types.NUMERIC;
      case "REAL":
        return Types.REAL;
      case "FLOAT":
        return Types.FLOAT;
      case "DOUBLE":
      case "DOUBLE PRECISION":
        return Types.DOUBLE;
      case "CHAR":
      case "CHARACTER":
      case "NCHAR":
      case "NATIVE CHARACTER":
        return Types.CHAR;
      case "VARCHAR":
      case "VARYING CHARACTER":
      case "NVARCHAR":
      case "TEXT":
      case "STRING":
        return Types.VARCHAR;
      case "CLOB":
        return Types.CLOB;
      case "BLOB":
        return Types.BLOB;
      case "BINARY":
        return Types.BINARY;
      case "VARBINARY":
        return Types.VARBINARY;
      default:
        break;
    }
    // SQLite's affinity rules, in their order.
    if (t.contains("INT")) {
      return Types.INTEGER;
    }
    if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) {
      return Types.VARCHAR;
    }
    if (t.contains("BLOB")) {
      return Types.BLOB;
    }
    if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) {
      return Types.DOUBLE;
    }
    return Types.NUMERIC;
  }

  /** The JDBC type of a value's storage class. */
  static int jdbcTypeOfValue(Object v) {
    if (v == null) {
      return Types.NULL;
    }
    if (v instanceof Long) {
      long l = (Long) v;
      return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? Types.INTEGER : Types.BIGINT;
    }
    if (v instanceof Double) {
      return Types.REAL;
    }
    if (v instanceof String) {
      return Types.VARCHAR;
    }
    if (v instanceof Boolean) {
      return Types.BOOLEAN;
    }
    return Types.BLOB;
  }

  /** SQLite's name for a value's storage class. */
  static String storageClassName(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Long) {
      return "INTEGER";
    }
    if (v instanceof Double) {
      return "REAL";
    }
    if (v instanceof String) {
      return "TEXT";
    }
    if (v instanceof Boolean) {
      return "BOOLEAN";
    }
    return "BLOB";
  }

  /** True for declared types whose integers {@code getObject} returns as {@code Long} always. */
  static boolean isLongType(String declared) {
    return jdbcType(declared) == Types.BIGINT;
  }

  /** The class {@code getObject} returns for a column of this declared type, or null when it depends on the value. */
  static String className(String declared) {
    int type = jdbcType(declared);
    switch (type) {
      case Types.BIGINT:
        return Long.class.getName();
      case Types.INTEGER:
      case Types.SMALLINT:
      case Types.TINYINT:
        return Integer.class.getName();
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
        return Double.class.getName();
      case Types.CHAR:
      case Types.VARCHAR:
      case Types.CLOB:
        return String.class.getName();
      case Types.BLOB:
      case Types.BINARY:
      case Types.VARBINARY:
        return byte[].class.getName();
      default:
        return null;
    }
  }

  /** The size in parentheses of a declared type ({@code VARCHAR(20)} -> 20), or -1. */
  static int declaredSize(String declared, int which) {
    if (declared == null) {
      return -1;
    }
    int open = declared.indexOf('(');
    int close = declared.indexOf(')', open + 1);
    if (open < 0 || close < 0) {
      return -1;
    }
    String[] parts = declared.substring(open + 1, close).split(",");
    if (which >= parts.length) {
      return -1;
    }
    try {
      return Integer.parseInt(parts[which].trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The precision JDBC reports for a column (declared size, else a default for the type). */
  static int precision(String declared, int jdbcType) {
    int size = declaredSize(declared, 0);
    if (size >= 0) {
      return size;
    }
    switch (jdbcType) {
      case Types.BOOLEAN:
      case Types.BIT:
        return 1;
      case Types.TINYINT:
        return 3;
      case Types.SMALLINT:
        return 5;
      case Types.INTEGER:
        return 10;
      case Types.BIGINT:
        return 19;
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
        return 15;
      case Types.DATE:
        return 10;
      case Types.TIME:
        return 12;
      case Types.TIMESTAMP:
        return 23;
      default:
        // SQLite's default maximum string or blob length.
        return 1_000_000_000;
    }
  }

  /** The scale JDBC reports (declared scale, else 0). */
  static int scale(String declared) {
    return Math.max(0, declaredSize(declared, 1));
  }

  /** What sqlite-jdbc reports as a column's size where the declared type gives none. */
  static final int SQLITE_JDBC_MAX_SIZE = 2_000_000_000;

  /**
   * {@code getColumns}' DATA_TYPE for a declared type, as sqlite-jdbc maps it (coarser than
   * {@link #jdbcType}, which result set metadata uses): INTEGER for names containing INT or BOOL,
   * VARCHAR for CHAR, CLOB, TEXT and BLOB, FLOAT for REAL, FLOA, DOUB, NUMERIC and DECIMAL, and
   * VARCHAR otherwise (an untyped column too).
   */
  static int columnDataType(String declared) {
    String t = baseName(declared);
    if (t.contains("INT") || t.contains("BOOL")) {
      return Types.INTEGER;
    }
    if (isTextGroup(t)) {
      return Types.VARCHAR;
    }
    if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") || t.contains("NUMERIC") || t.contains("DECIMAL")) {
      return Types.FLOAT;
    }
    return Types.VARCHAR;
  }

  private static boolean isTextGroup(String base) {
    return base.contains("CHAR") || base.contains("CLOB") || base.contains("TEXT") || base.contains("BLOB");
  }

  /** {@code getColumns}' COLUMN_SIZE as sqlite-jdbc gives it: {@code (n)} -> n, {@code (p, s)} -> p + s. */
  static int columnSize(String declared) {
    int first = declaredSize(declared, 0);
    int second = declaredSize(declared, 1);
    if (first >= 0) {
      return second >= 0 ? first + second : first;
    }
    return SQLITE_JDBC_MAX_SIZE;
  }

  /** {@code getColumns}' DECIMAL_DIGITS as sqlite-jdbc gives it. */
  static int columnDecimalDigits(String declared) {
    int second = declaredSize(declared, 1);
    if (second >= 0) {
      return second;
    }
    if (declaredSize(declared, 0) >= 0) {
      return 0;
    }
    String t = baseName(declared);
    return t.contains("INT") || t.contains("BOOL") || isTextGroup(t) ? 0 : 10;
  }

  static boolean isSigned(int jdbcType) {
    switch (jdbcType) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
      case Types.DECIMAL:
      case Types.NUMERIC:
        return true;
      default:
        return false;
    }
  }
}
