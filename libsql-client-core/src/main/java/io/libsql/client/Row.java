package io.libsql.client;

import java.util.List;
import java.util.Map;

/**
 * One row of a result. Values are {@code null}, {@code Long}, {@code Double}, {@code String} or
 * {@code byte[]}; 64-bit integers are exact on every transport.
 *
 * <p>Columns are numbered from 0. Looking up a column by name uses the first column with that name.
 * A row is immutable; its {@code byte[]} values are shared, not copied, so do not modify them.
 */
public interface Row {
  /**
   * The number of columns.
   *
   * @return the number of columns
   */
  int size();

  /**
   * The column names, in order (the same list for every row of a result).
   *
   * @return the column names, in order
   */
  List<String> columns();

  /**
   * Declared column types (as in {@code CREATE TABLE}), or an empty string where unknown; as
   * {@link ResultSet#columnTypes()}.
   *
   * @return the declared types, one per column
   */
  List<String> columnTypes();

  /**
   * The value of column {@code index}.
   *
   * @param index the column number, from 0
   * @return the value: null, {@code Long}, {@code Double}, {@code String} or {@code byte[]}
   */
  Object get(int index);

  /**
   * The value of the column named {@code column}; {@link ErrorCode#ARGUMENT_INVALID} if there is none.
   *
   * @param column the column name
   * @return the value: null, {@code Long}, {@code Double}, {@code String} or {@code byte[]}
   */
  Object get(String column);

  /**
   * The value as a long: integers as they are, reals truncated, text parsed; null gives 0.
   *
   * @param index the column number, from 0
   * @return the value as a long
   */
  long getLong(int index);

  /**
   * The value of the column named {@code column} as a long; see {@link #getLong(int)}.
   *
   * @param column the column name
   * @return the value as a long
   */
  long getLong(String column);

  /**
   * The value as a double: integers widened, text parsed; null gives 0.
   *
   * @param index the column number, from 0
   * @return the value as a double
   */
  double getDouble(int index);

  /**
   * The value of the column named {@code column} as a double; see {@link #getDouble(int)}.
   *
   * @param column the column name
   * @return the value as a double
   */
  double getDouble(String column);

  /**
   * The value as text: numbers formatted, blobs decoded as UTF-8; null stays null.
   *
   * @param index the column number, from 0
   * @return the value as text, or null
   */
  String getString(int index);

  /**
   * The value of the column named {@code column} as text; see {@link #getString(int)}.
   *
   * @param column the column name
   * @return the value as text, or null
   */
  String getString(String column);

  /**
   * The value as bytes: blobs as they are, text as UTF-8; null stays null.
   *
   * @param index the column number, from 0
   * @return the value as bytes, or null
   */
  byte[] getBytes(int index);

  /**
   * The value of the column named {@code column} as bytes; see {@link #getBytes(int)}.
   *
   * @param column the column name
   * @return the value as bytes, or null
   */
  byte[] getBytes(String column);

  /**
   * The value as a vector: a libSQL vector blob in any layout ({@code vector32}/{@code F32_BLOB},
   * {@code vector64}, {@code vector16}, {@code vectorb16}, {@code vector8}, {@code vector1bit})
   * decoded to float32 exactly as {@code vector_extract} reads it; null stays null. A blob whose
   * length is a multiple of 4 always reads as float32, as libSQL reads it.
   *
   * @param index the column number, from 0
   * @return the vector's elements, or null
   * @throws LibsqlException {@link ErrorCode#ARGUMENT_INVALID} if the value is not a blob or the
   *     blob is not a libSQL vector
   */
  float[] getVector(int index);

  /**
   * The value of the column named {@code column} as a vector; see {@link #getVector(int)}.
   *
   * @param column the column name
   * @return the vector's elements, or null
   */
  float[] getVector(String column);

  /**
   * Whether the value of column {@code index} is SQL NULL.
   *
   * @param index the column number, from 0
   * @return true for SQL NULL
   */
  boolean isNull(int index);

  /**
   * Whether the value of the column named {@code column} is SQL NULL.
   *
   * @param column the column name
   * @return true for SQL NULL
   */
  boolean isNull(String column);

  /**
   * All values in column order.
   *
   * @return the values, in column order
   */
  List<Object> values();

  /**
   * Column name to value, in column order.
   *
   * @return the values by column name
   */
  Map<String, Object> toMap();
}
