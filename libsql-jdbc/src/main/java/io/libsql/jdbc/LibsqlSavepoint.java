package io.libsql.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;

/** A savepoint set with SQL {@code SAVEPOINT}; unnamed ones are called {@code SP_<id>}. */
final class LibsqlSavepoint implements Savepoint {
  private final int id;
  private final String name;

  LibsqlSavepoint(int id, String name) {
    this.id = id;
    this.name = name;
  }

  String sqlName() {
    return name != null ? name : "SP_" + id;
  }

  @Override
  public int getSavepointId() throws SQLException {
    if (name != null) {
      throw Errors.error(SqlState.INVALID_ARGUMENT, "a named savepoint has no id");
    }
    return id;
  }

  @Override
  public String getSavepointName() throws SQLException {
    if (name == null) {
      throw Errors.error(SqlState.INVALID_ARGUMENT, "an unnamed savepoint has no name");
    }
    return name;
  }

  @Override
  public String toString() {
    return "LibsqlSavepoint[" + sqlName() + "]";
  }
}
