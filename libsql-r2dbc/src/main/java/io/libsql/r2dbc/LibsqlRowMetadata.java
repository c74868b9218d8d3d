package io.libsql.r2dbc;

import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/** Column names and declared types of one result; names match case-insensitively, the first wins. */
final class LibsqlRowMetadata implements RowMetadata {
  /** One column: its name and SQLite declared type; the Java type follows from the declared type. */
  static final class Column implements ColumnMetadata, Type {
    private final String name;
    private final String declared;
    private final Class<?> javaType;

    Column(String name, String declared) {
      this.name = name;
      this.declared = declared == null ? "" : declared;
      this.javaType = Codecs.javaType(this.declared);
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public Type getType() {
      return this;
    }

    @Override
    public Class<?> getJavaType() {
      return javaType == null ? Object.class : javaType;
    }

    /** The declared type name, or an empty string (an expression, or a column without one). */
    @Override
    public Object getNativeTypeMetadata() {
      return declared;
    }

    Class<?> declaredJavaType() {
      return javaType;
    }

    @Override
    public String toString() {
      return name + (declared.isEmpty() ? "" : " " + declared);
    }
  }

  private final List<Column> columns;
  private final Map<String, Integer> index;

  LibsqlRowMetadata(List<String> names, List<String> types) {
    List<Column> cols = new ArrayList<>(names.size());
    Map<String, Integer> idx = new HashMap<>(names.size() * 2);
    for (int i = 0; i < names.size(); i++) {
      cols.add(new Column(names.get(i), i < types.size() ? types.get(i) : ""));
      idx.putIfAbsent(names.get(i).toLowerCase(Locale.ROOT), i);
    }
    this.columns = Collections.unmodifiableList(cols);
    this.index = idx;
  }

  int size() {
    return columns.size();
  }

  Column column(int i) {
    if (i < 0 || i >= columns.size()) {
      throw new IndexOutOfBoundsException("column index " + i + " is out of range; the result has "
          + columns.size() + " columns");
    }
    return columns.get(i);
  }

  int indexOf(String name) {
    if (name == null) {
      throw new IllegalArgumentException("column name must not be null");
    }
    Integer i = index.get(name.toLowerCase(Locale.ROOT));
    if (i == null) {
      throw new NoSuchElementException("no column named '" + name + "'; the columns are " + columns);
    }
    return i;
  }

  @Override
  public ColumnMetadata getColumnMetadata(int i) {
    return column(i);
  }

  @Override
  public ColumnMetadata getColumnMetadata(String name) {
    return columns.get(indexOf(name));
  }

  @Override
  public List<? extends ColumnMetadata> getColumnMetadatas() {
    return columns;
  }

  @Override
  public boolean contains(String name) {
    return name != null && index.containsKey(name.toLowerCase(Locale.ROOT));
  }
}
