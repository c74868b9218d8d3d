package io.libsql.jdbc;

import io.libsql.client.ResultSet;
import java.util.List;

/** Rows of SQL values under named, typed columns: a client result or one the driver built. */
interface Result {
  List<String> columns();

  /** Declared column types, "" where unknown. */
  List<String> columnTypes();

  int size();

  /** The value at {@code row}, {@code column} (both from 0). */
  Object value(int row, int column);

  /** A client result as it is. */
  static Result of(ResultSet r) {
    return new Result() {
      @Override
      public List<String> columns() {
        return r.columns();
      }

      @Override
      public List<String> columnTypes() {
        return r.columnTypes();
      }

      @Override
      public int size() {
        return r.size();
      }

      @Override
      public Object value(int row, int column) {
        return r.rows().get(row).get(column);
      }
    };
  }
}
