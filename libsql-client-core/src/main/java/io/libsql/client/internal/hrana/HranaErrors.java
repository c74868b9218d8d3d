package io.libsql.client.internal.hrana;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.proto.HranaError;

/**
 * Turns server errors into {@link LibsqlException}s with the codes a local SQLite file reports.
 *
 * <p>sqld 0.24 reports SQLite's primary code only, and some of its own: {@code SQLITE_UNKNOWN} is
 * SQLite's generic {@code SQLITE_ERROR} (rusqlite's name for it), {@code SQL_PARSE_ERROR} is a
 * statement sqld's own parser refused (a syntax error, or a statement sqld does not allow such as
 * {@code CREATE TEMP TABLE}), {@code SQL_INPUT_ERROR} one SQLite refused while preparing it (a
 * table that exists, a missing column): all three are {@code SQLITE_ERROR}, as a local file says.
 * {@code ARGS_INVALID} is {@code ARGUMENT_INVALID} (arguments that do not match the parameters, which
 * the client refuses before sending anyway), or {@code SQLITE_TOOBIG} for a value over sqld's size
 * limit. {@code SQL_NO_STATEMENT} and {@code SQL_MANY_STATEMENTS} pass through (the client refuses
 * both before sending too). Constraint failures arrive as bare {@code SQLITE_CONSTRAINT}; the
 * extended code is recovered from SQLite's message where the message says it (see
 * {@link ConstraintCodes} for primary keys).
 */
public final class HranaErrors {
  private HranaErrors() {}

  public static LibsqlException toException(HranaError error) {
    String code = error.code();
    String message = error.message() == null ? "(no message)" : error.message();
    if (code == null || code.isEmpty()) {
      return new LibsqlException(ErrorCode.SERVER_ERROR, "server error: " + message);
    }
    switch (code) {
      case "STREAM_EXPIRED":
        return new LibsqlException(ErrorCode.STREAM_EXPIRED,
            "the server expired the stream (idle too long); a transaction on it was rolled back: " + message);
      case "SQLITE_UNKNOWN":
      case "SQL_PARSE_ERROR":
      case "SQL_INPUT_ERROR":
        return new LibsqlException("SQLITE_ERROR", message, -1, null);
      case "ARGS_INVALID":
        // also a value over sqld's size limit (about 5 MB), which SQLite reports as SQLITE_TOOBIG
        return message.contains("too big") ? new LibsqlException("SQLITE_TOOBIG", message, -1, null)
            : new LibsqlException(ErrorCode.ARGUMENT_INVALID, message);
      case "SQLITE_CONSTRAINT":
        return new LibsqlException(constraintCode(message), message, -1, null);
      default:
        return new LibsqlException(code, message, -1, null);
    }
  }

  /** Errors of the statement itself, after which the stream that ran it is as good as before. */
  public static boolean isStatementError(LibsqlException e) {
    String code = e.code();
    return code.startsWith("SQLITE_") || code.startsWith("SQL_") || code.startsWith("ARG") || code.equals("RESPONSE_TOO_LARGE");
  }

  /** SQLite's extended constraint code as its message gives it away. */
  static String constraintCode(String message) {
    if (message.contains("NOT NULL constraint failed")) {
      return "SQLITE_CONSTRAINT_NOTNULL";
    }
    if (message.contains("UNIQUE constraint failed")) {
      return "SQLITE_CONSTRAINT_UNIQUE";
    }
    if (message.contains("FOREIGN KEY constraint failed")) {
      return "SQLITE_CONSTRAINT_FOREIGNKEY";
    }
    if (message.contains("CHECK constraint failed")) {
      return "SQLITE_CONSTRAINT_CHECK";
    }
    return "SQLITE_CONSTRAINT";
  }
}
