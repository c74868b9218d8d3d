package io.libsql.jdbc;

import io.libsql.client.Description;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.function.Supplier;

/**
 * Column metadata from the result's column names and declared types. A column with a declared type
 * gets the JDBC type of that type (by name, else by SQLite's affinity rules); an expression column
 * gets the type of its first non-null value's storage class. The table, nullability and
 * auto-increment of a column come from the statement's {@link Description#origin(int)} (local
 * engines know them; sqld does not say), asked for only when first needed; where it is not known
 * they are "", unknown and false.
 */
final class LibsqlResultSetMetaData implements ResultSetMetaData {
  private final Result result;
  private final Supplier<Description> describer;
  private Description description;
  private boolean described;

  LibsqlResultSetMetaData(Result result) {
    this(result, () -> null);
  }

  /** {@code describer} gives the statement's description (or null), called at most once. */
  LibsqlResultSetMetaData(Result result, Supplier<Description> describer) {
    this.result = result;
    this.describer = describer;
  }

  /** The column's origin, when the description is of these very columns. */
  private Description.Origin origin(int column) throws SQLException {
    int i = index(column);
    synchronized (this) {
      if (!described) {
        Description d = describer.get();
        // a schema change since the execution may have changed the columns: then nothing is known
        description = d != null && d.columns().equals(result.columns()) && d.columnTypes().equals(result.columnTypes())
            ? d : null;
        described = true;
      }
    }
    return description == null ? null : description.origin(i);
  }

  private int index(int column) throws SQLException {
    int n = result.columns().size();
    if (column < 1 || column > n) {
      throw Errors.error(SqlState.INVALID_PARAMETER_INDEX, "column index " + column + " is out of range 1.." + n);
    }
    return column - 1;
  }

  private String declared(int column) throws SQLException {
    int i = index(column);
    return i < result.columnTypes().size() ? result.columnTypes().get(i) : "";
  }

  /** The first non-null value of the column, or null. */
  private Object sample(int column) throws SQLException {
    int i = index(column);
    for (int r = 0; r < result.size(); r++) {
      Object v = result.value(r, i);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  @Override
  public int getColumnCount() {
    return result.columns().size();
  }

  @Override
  public boolean isAutoIncrement(int column) throws SQLException {
    Description.Origin o = origin(column);
    return o != null && o.autoIncrement();
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    int t = getColumnType(column);
    return t == Types.VARCHAR || t == Types.CHAR || t == Types.CLOB || t == Types.OTHER;
  }

  @Override
  public boolean isSearchable(int column) throws SQLException {
    index(column);
    return true;
  }

  @Override
  public boolean isCurrency(int column) throws SQLException {
    index(column);
    return false;
  }

  @Override
  public int isNullable(int column) throws SQLException {
    Description.Origin o = origin(column);
    if (o == null || o.notNull() == null) {
      return columnNullableUnknown;
    }
    return o.notNull() ? columnNoNulls : columnNullable;
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    return SqliteTypes.isSigned(getColumnType(column));
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    return Math.min(Integer.MAX_VALUE, getPrecision(column));
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    return result.columns().get(index(column));
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    return result.columns().get(index(column));
  }

  @Override
  public String getSchemaName(int column) throws SQLException {
    index(column);
    return "";
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    return SqliteTypes.precision(declared(column), getColumnType(column));
  }

  @Override
  public int getScale(int column) throws SQLException {
    return SqliteTypes.scale(declared(column));
  }

  @Override
  public String getTableName(int column) throws SQLException {
    Description.Origin o = origin(column);
    return o == null ? "" : o.table();
  }

  @Override
  public String getCatalogName(int column) throws SQLException {
    index(column);
    return "";
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    String decl = declared(column);
    if (decl != null && !decl.isBlank()) {
      return SqliteTypes.jdbcType(decl);
    }
    Object v = sample(column);
    return v == null ? Types.NULL : SqliteTypes.jdbcTypeOfValue(v);
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    String decl = declared(column);
    if (decl != null && !decl.isBlank()) {
      return SqliteTypes.baseName(decl);
    }
    return SqliteTypes.storageClassName(sample(column));
  }

  @Override
  public boolean isReadOnly(int column) throws SQLException {
    index(column);
    return true;
  }

  @Override
  public boolean isWritable(int column) throws SQLException {
    index(column);
    return false;
  }

  @Override
  public boolean isDefinitelyWritable(int column) throws SQLException {
    index(column);
    return false;
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    String decl = declared(column);
    String byType = decl == null || decl.isBlank() ? null : SqliteTypes.className(decl);
    if (byType != null) {
      return byType;
    }
    Object v = sample(column);
    if (v instanceof Long) {
      long l = (Long) v;
      return (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? Integer.class : Long.class).getName();
    }
    return v == null ? Object.class.getName() : v.getClass().getName();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw Errors.error(SqlState.INVALID_ARGUMENT, "not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
