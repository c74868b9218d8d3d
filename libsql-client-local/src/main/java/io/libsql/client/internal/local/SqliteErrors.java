package io.libsql.client.internal.local;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.sql.SQLException;
import org.sqlite.SQLiteException;

/** Maps sqlite-jdbc failures to {@link LibsqlException} with SQLite's extended code name. */
final class SqliteErrors {
  private SqliteErrors() {}

  static LibsqlException map(SQLException e) {
    if (e instanceof SQLiteException) {
      String code = ((SQLiteException) e).getResultCode().name();
      if (code.equals("UNKNOWN_ERROR")) {
        code = "SQLITE_ERROR";
      }
      String message = sqliteMessage(e.getMessage());
      String libsqlOnly = VectorFunctions.libsqlOnlyFeature(message);
      return new LibsqlException(code, "SQLite error: " + (libsqlOnly != null ? libsqlOnly : message), -1, e);
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (message.contains("closed")) {
      return new LibsqlException(ErrorCode.CLIENT_CLOSED, "the database connection is closed", e);
    }
    return new LibsqlException("SQLITE_ERROR", "SQLite error: " + message, -1, e);
  }

  /** True for SQLite's "does not parse" errors (sqld's SQL_PARSE_ERROR), as opposed to a missing table or column. */
  static boolean isSyntaxError(LibsqlException e) {
    String m = e.getMessage();
    return e.code().equals("SQLITE_ERROR")
        && (m.contains("syntax error") || m.contains("incomplete input") || m.contains("unrecognized token"));
  }

  /**
   * sqlite-jdbc formats messages as {@code [CODE] description (sqlite's message)}; keep SQLite's own
   * message, which is what a server reports too.
   */
  static String sqliteMessage(String message) {
    if (message == null) {
      return "unknown error";
    }
    if (message.startsWith("[")) {
      int open = message.indexOf(" (");
      if (open > 0 && message.endsWith(")")) {
        return message.substring(open + 2, message.length() - 1);
      }
      int close = message.indexOf("] ");
      if (close > 0) {
        return message.substring(close + 2);
      }
    }
    return message;
  }
}
