package io.libsql.r2dbc;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import java.util.List;

/** One row of a result; {@code get(i)} without a type gives the column's default Java type. */
final class LibsqlRow implements Row {
  private final LibsqlRowMetadata metadata;
  private final List<Object> values;

  LibsqlRow(LibsqlRowMetadata metadata, List<Object> values) {
    this.metadata = metadata;
    this.values = values;
  }

  @Override
  public RowMetadata getMetadata() {
    return metadata;
  }

  @Override
  public Object get(int index) {
    LibsqlRowMetadata.Column c = metadata.column(index);
    return Codecs.decodeDefault(values.get(index), c.declaredJavaType(), c.getName());
  }

  @Override
  public Object get(String name) {
    return get(metadata.indexOf(name));
  }

  @Override
  public <T> T get(int index, Class<T> type) {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
    LibsqlRowMetadata.Column c = metadata.column(index);
    if (type == Object.class) {
      return type.cast(get(index));
    }
    return Codecs.decode(values.get(index), type, c.getName());
  }

  @Override
  public <T> T get(String name, Class<T> type) {
    return get(metadata.indexOf(name), type);
  }
}
