package io.libsql.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What SQLite knows of a statement once it is prepared, before it runs: its parameter count, its
 * result columns with their declared types, and, where the engine can tell, the table column each
 * result column reads ({@link #origin(int)}). From {@link Session#describe(String)}. Immutable.
 */
public final class Description {
  private final int parameterCount;
  private final List<String> columns;
  private final List<String> columnTypes;
  private final List<Origin> origins;

  /**
   * Creates a description (the client does, for {@link Session#describe(String)}).
   *
   * @param parameterCount the number of parameters
   * @param columns result column names, in order
   * @param columnTypes declared column types, an empty string where a column has none
   */
  public Description(int parameterCount, List<String> columns, List<String> columnTypes) {
    this(parameterCount, columns, columnTypes, Collections.nCopies(columns.size(), null));
  }

  /**
   * Creates a description with the origin of each column (the local engine does).
   *
   * @param parameterCount the number of parameters
   * @param columns result column names, in order
   * @param columnTypes declared column types, an empty string where a column has none
   * @param origins the origin of each column, null where it is not known
   */
  public Description(int parameterCount, List<String> columns, List<String> columnTypes, List<Origin> origins) {
    if (parameterCount < 0 || columns.size() != columnTypes.size() || columns.size() != origins.size()) {
      throw new IllegalArgumentException("a negative parameter count, or columns, types and origins of different sizes");
    }
    this.parameterCount = parameterCount;
    this.columns = List.copyOf(columns);
    this.columnTypes = List.copyOf(columnTypes);
    this.origins = Collections.unmodifiableList(new ArrayList<>(origins));
  }

  /**
   * The number of parameters (SQLite's largest parameter index).
   *
   * @return the parameter count
   */
  public int parameterCount() {
    return parameterCount;
  }

  /**
   * Result column names, in order; empty for a statement that returns no rows.
   *
   * @return the column names
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * Declared column types (as in {@code CREATE TABLE}), or an empty string where unknown.
   *
   * @return the declared types, one per column
   */
  public List<String> columnTypes() {
    return columnTypes;
  }

  /**
   * The table column that result column {@code index} reads, or null when it is not known: for an
   * expression, and on remote URLs (sqld's {@code describe} gives names and declared types only).
   * Locally SQLite tells it ({@code sqlite3_column_table_name}, {@code sqlite3_table_column_metadata}).
   *
   * @param index the column, from 0
   * @return its origin, or null
   * @throws LibsqlException {@link ErrorCode#ARGUMENT_INVALID} when there is no such column (as
   *     {@link Row} does)
   */
  public Origin origin(int index) {
    if (index < 0 || index >= origins.size()) {
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID,
          "column index " + index + " out of range 0.." + (origins.size() - 1));
    }
    return origins.get(index);
  }

  @Override
  public String toString() {
    return "Description[" + parameterCount + " parameters, columns " + columns + " " + columnTypes + "]";
  }

  /**
   * Where a result column's values come from: the table it reads (through views, the underlying
   * table) and what that table declares of the column. Immutable.
   */
  public static final class Origin {
    private final String table;
    private final Boolean notNull;
    private final boolean autoIncrement;

    /**
     * Creates an origin (the client does).
     *
     * @param table the table's name
     * @param notNull whether the column is declared NOT NULL, null when not known
     * @param autoIncrement whether it is an {@code INTEGER PRIMARY KEY AUTOINCREMENT}
     */
    public Origin(String table, Boolean notNull, boolean autoIncrement) {
      this.table = java.util.Objects.requireNonNull(table, "table");
      this.notNull = notNull;
      this.autoIncrement = autoIncrement;
    }

    /**
     * The table the column reads (not a view: SQLite names the table beneath it).
     *
     * @return the table's name
     */
    public String table() {
      return table;
    }

    /**
     * True when the table column is declared {@code NOT NULL} (or is a key of a {@code WITHOUT ROWID}
     * table), false when it takes NULL, null when SQLite cannot say which of the table's columns
     * this is (the rowid, or a column renamed with {@code AS} to a name it cannot match). A
     * {@code NOT NULL} column read through an outer join can still give NULL.
     *
     * @return whether the column is declared NOT NULL, or null
     */
    public Boolean notNull() {
      return notNull;
    }

    /**
     * Whether the column is an {@code INTEGER PRIMARY KEY AUTOINCREMENT}.
     *
     * @return true for an AUTOINCREMENT key
     */
    public boolean autoIncrement() {
      return autoIncrement;
    }

    @Override
    public String toString() {
      return "Origin[" + table + (notNull == null ? "" : notNull ? ", NOT NULL" : ", nullable")
          + (autoIncrement ? ", AUTOINCREMENT" : "") + "]";
    }
  }
}
