package io.libsql.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A result built by the driver itself (metadata, generated keys): column names, declared types
 * and rows of values. Built once, then read-only.
 */
final class MemoryResult implements Result {
  private final List<String> columns;
  private final List<String> types;
  private final List<Object[]> rows = new ArrayList<>();
  /** Where each row came from, for rows copied from a client result (so vectors decode as the client does). */
  private final List<Result> sources = new ArrayList<>();
  private final List<Integer> sourceRows = new ArrayList<>();

  /** {@code columnsAndTypes}: name, declared type, name, declared type, ... */
  MemoryResult(String... columnsAndTypes) {
    List<String> names = new ArrayList<>();
    List<String> decl = new ArrayList<>();
    for (int i = 0; i < columnsAndTypes.length; i += 2) {
      names.add(columnsAndTypes[i]);
      decl.add(columnsAndTypes[i + 1]);
    }
    this.columns = Collections.unmodifiableList(names);
    this.types = Collections.unmodifiableList(decl);
  }

  MemoryResult(List<String> columns, List<String> types) {
    this.columns = List.copyOf(columns);
    this.types = List.copyOf(types);
  }

  /** Adds a row; Integer/Short values are stored as Long, as SQLite would; Booleans stay (metadata flags). */
  MemoryResult add(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.length);
    }
    Object[] v = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      Object x = values[i];
      v[i] = x instanceof Integer || x instanceof Short || x instanceof Byte ? (Object) ((Number) x).longValue() : x;
    }
    rows.add(v);
    sources.add(null);
    sourceRows.add(-1);
    return this;
  }

  /** Adds every row of {@code other} (same columns). */
  void addAll(Result other) {
    for (int r = 0; r < other.size(); r++) {
      Object[] v = new Object[columns.size()];
      for (int c = 0; c < v.length; c++) {
        v[c] = other.value(r, c);
      }
      rows.add(v);
      sources.add(other);
      sourceRows.add(r);
    }
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public List<String> columnTypes() {
    return types;
  }

  @Override
  public int size() {
    return rows.size();
  }

  @Override
  public Object value(int row, int column) {
    return rows.get(row)[column];
  }

  @Override
  public float[] vector(int row, int column) throws java.sql.SQLException {
    Result source = sources.get(row);
    return source != null ? source.vector(sourceRows.get(row), column) : Result.super.vector(row, column);
  }
}
