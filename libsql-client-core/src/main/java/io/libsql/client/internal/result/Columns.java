package io.libsql.client.internal.result;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Column names and declared types of one result, shared by all its rows. Not API. */
public final class Columns {
  private final List<String> names;
  private final List<String> types;
  private final Map<String, Integer> index;

  public Columns(List<String> names, List<String> types) {
    this.names = List.copyOf(names);
    this.types = List.copyOf(types);
    Map<String, Integer> m = new HashMap<>(names.size() * 2);
    for (int i = 0; i < names.size(); i++) {
      m.putIfAbsent(names.get(i), i);
    }
    this.index = m;
  }

  public List<String> names() {
    return names;
  }

  public List<String> types() {
    return types;
  }

  public int size() {
    return names.size();
  }

  int indexOf(String column) {
    Integer i = index.get(column);
    if (i == null) {
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID, "no column named '" + column + "'; columns are " + names);
    }
    return i;
  }
}
