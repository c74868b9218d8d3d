package io.libsql.client;

import java.util.List;

/**
 * What SQLite knows of a statement once it is prepared, before it runs: its parameter count and
 * its result columns with their declared types. From {@link Session#describe(String)}. Immutable.
 */
public final class Description {
  private final int parameterCount;
  private final List<String> columns;
  private final List<String> columnTypes;

  /**
   * Creates a description (the client does, for {@link Session#describe(String)}).
   *
   * @param parameterCount the number of parameters
   * @param columns result column names, in order
   * @param columnTypes declared column types, an empty string where a column has none
   */
  public Description(int parameterCount, List<String> columns, List<String> columnTypes) {
    if (parameterCount < 0 || columns.size() != columnTypes.size()) {
      throw new IllegalArgumentException("a negative parameter count, or columns and types of different sizes");
    }
    this.parameterCount = parameterCount;
    this.columns = List.copyOf(columns);
    this.columnTypes = List.copyOf(columnTypes);
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

  @Override
  public String toString() {
    return "Description[" + parameterCount + " parameters, columns " + columns + " " + columnTypes + "]";
  }
}
