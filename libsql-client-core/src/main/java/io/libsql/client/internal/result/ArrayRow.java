package io.libsql.client.internal.result;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.Row;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A row backed by an array of SQL values. Not API. */
public final class ArrayRow implements Row {
  private final Columns columns;
  private final Object[] values;

  /** Takes ownership of {@code values}. */
  public ArrayRow(Columns columns, Object[] values) {
    this.columns = columns;
    this.values = values;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public List<String> columns() {
    return columns.names();
  }

  @Override
  public List<String> columnTypes() {
    return columns.types();
  }

  @Override
  public Object get(int index) {
    if (index < 0 || index >= values.length) {
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID, "column index " + index + " out of range 0.." + (values.length - 1));
    }
    return values[index];
  }

  @Override
  public Object get(String column) {
    return values[columns.indexOf(column)];
  }

  @Override
  public long getLong(int index) {
    return Values.asLong(get(index));
  }

  @Override
  public long getLong(String column) {
    return Values.asLong(get(column));
  }

  @Override
  public double getDouble(int index) {
    return Values.asDouble(get(index));
  }

  @Override
  public double getDouble(String column) {
    return Values.asDouble(get(column));
  }

  @Override
  public String getString(int index) {
    return Values.asString(get(index));
  }

  @Override
  public String getString(String column) {
    return Values.asString(get(column));
  }

  @Override
  public byte[] getBytes(int index) {
    return Values.asBytes(get(index));
  }

  @Override
  public byte[] getBytes(String column) {
    return Values.asBytes(get(column));
  }

  @Override
  public float[] getVector(int index) {
    return Vectors.toFloatVector(get(index), "column " + index);
  }

  @Override
  public float[] getVector(String column) {
    return Vectors.toFloatVector(get(column), "column \"" + column + "\"");
  }

  @Override
  public boolean isNull(int index) {
    return get(index) == null;
  }

  @Override
  public boolean isNull(String column) {
    return get(column) == null;
  }

  @Override
  public List<Object> values() {
    return Collections.unmodifiableList(Arrays.asList(values));
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> names = columns.names();
    for (int i = 0; i < values.length; i++) {
      m.putIfAbsent(names.get(i), values[i]);
    }
    return m;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Row[");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      Object v = values[i];
      sb.append(columns.names().get(i)).append('=').append(v instanceof byte[] ? "blob(" + ((byte[]) v).length + ")" : v);
    }
    return sb.append(']').toString();
  }
}
