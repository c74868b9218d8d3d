package io.libsql.jdbc;

import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Rows of SQL values under named, typed columns: a client result or one the driver built. */
interface Result {
  List<String> columns();

  /** Declared column types, "" where unknown. */
  List<String> columnTypes();

  int size();

  /** The value at {@code row}, {@code column} (both from 0). */
  Object value(int row, int column);

  /**
   * The value at {@code row}, {@code column} read as a libSQL vector ({@code Row.getVector}: every
   * layout, decoded to float32), or null. Results the driver built itself hold no vectors of other
   * layouts, so they read float32 blobs only.
   */
  default float[] vector(int row, int column) throws SQLException {
    return Conversions.toVector(value(row, column));
  }

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

      @Override
      public float[] vector(int row, int column) throws SQLException {
        try {
          return r.rows().get(row).getVector(column);
        } catch (LibsqlException e) {
          throw Conversions.notAVector(value(row, column), e);
        }
      }
    };
  }
}
