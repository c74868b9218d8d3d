package io.libsql.jdbc;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@link LibsqlException}s into {@link SQLException}s: the SQLState and subclass from the
 * code, SQLite's primary result code as the vendor code, the code name in the message, and the
 * {@code LibsqlException} as the cause. The one place that knows this mapping (see the README's
 * SQLState table).
 */
final class Errors {
  /** SQLite's primary result codes by name. */
  private static final Map<String, Integer> PRIMARY_CODES = Map.ofEntries(
      Map.entry("SQLITE_ERROR", 1), Map.entry("SQLITE_INTERNAL", 2), Map.entry("SQLITE_PERM", 3),
      Map.entry("SQLITE_ABORT", 4), Map.entry("SQLITE_BUSY", 5), Map.entry("SQLITE_LOCKED", 6),
      Map.entry("SQLITE_NOMEM", 7), Map.entry("SQLITE_READONLY", 8), Map.entry("SQLITE_INTERRUPT", 9),
      Map.entry("SQLITE_IOERR", 10), Map.entry("SQLITE_CORRUPT", 11), Map.entry("SQLITE_NOTFOUND", 12),
      Map.entry("SQLITE_FULL", 13), Map.entry("SQLITE_CANTOPEN", 14), Map.entry("SQLITE_PROTOCOL", 15),
      Map.entry("SQLITE_EMPTY", 16), Map.entry("SQLITE_SCHEMA", 17), Map.entry("SQLITE_TOOBIG", 18),
      Map.entry("SQLITE_CONSTRAINT", 19), Map.entry("SQLITE_MISMATCH", 20), Map.entry("SQLITE_MISUSE", 21),
      Map.entry("SQLITE_NOLFS", 22), Map.entry("SQLITE_AUTH", 23), Map.entry("SQLITE_FORMAT", 24),
      Map.entry("SQLITE_RANGE", 25), Map.entry("SQLITE_NOTADB", 26), Map.entry("SQLITE_NOTICE", 27),
      Map.entry("SQLITE_WARNING", 28));

  private Errors() {}

  /** The SQLite primary code name of an extended name ({@code SQLITE_CONSTRAINT_UNIQUE} -> {@code SQLITE_CONSTRAINT}). */
  static String primaryName(String code) {
    if (!code.startsWith("SQLITE_")) {
      return code;
    }
    int second = code.indexOf('_', "SQLITE_".length());
    return second < 0 ? code : code.substring(0, second);
  }

  /**
   * SQLite's primary result code for {@code code}, or 0 for the client's own codes. sqld's own codes
   * for statements it could not prepare ({@code SQL_INPUT_ERROR}, ...) are what SQLite reports as
   * {@code SQLITE_ERROR} (1) locally, so a program sees the same code on every transport.
   */
  static int vendorCode(String code) {
    if (code.startsWith("SQL_")) {
      return 1;
    }
    return PRIMARY_CODES.getOrDefault(primaryName(code), 0);
  }

  /** Maps a client failure; {@code connecting} is true while the connection is being opened. */
  static SQLException map(LibsqlException e, boolean connecting) {
    return map(e, connecting, "");
  }

  /** As {@link #map(LibsqlException, boolean)}, with {@code addendum} appended to the message. */
  static SQLException map(LibsqlException e, boolean connecting, String addendum) {
    String code = e.code();
    String message = "[" + code + "] " + e.getMessage() + addendum;
    int vendor = vendorCode(code);
    String lower = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    String primary = primaryName(code);
    switch (primary) {
      case "SQLITE_CONSTRAINT": {
        boolean unique = code.equals("SQLITE_CONSTRAINT_PRIMARYKEY") || code.equals("SQLITE_CONSTRAINT_UNIQUE")
            || (code.equals("SQLITE_CONSTRAINT") && lower.contains("unique constraint failed"));
        SqlState s = unique ? SqlState.UNIQUE_VIOLATION : SqlState.INTEGRITY_CONSTRAINT_VIOLATION;
        return new SQLIntegrityConstraintViolationException(message, s.state(), vendor, e);
      }
      case "SQLITE_BUSY":
      case "SQLITE_LOCKED":
        return new SQLTransientException(message, SqlState.LOCK_CONFLICT.state(), vendor, e);
      case "SQLITE_READONLY":
        return new SQLException(message, SqlState.READ_ONLY_TRANSACTION.state(), vendor, e);
      case "SQLITE_AUTH":
      case "SQLITE_PERM":
        return new SQLInvalidAuthorizationSpecException(message, SqlState.INVALID_AUTHORIZATION.state(), vendor, e);
      case "SQLITE_MISMATCH":
        return new SQLDataException(message, SqlState.DATA_EXCEPTION.state(), vendor, e);
      case "SQLITE_TOOBIG":
        return new SQLDataException(message, SqlState.PROGRAM_LIMIT_EXCEEDED.state(), vendor, e);
      case "SQLITE_RANGE":
        return new SQLException(message, SqlState.INVALID_PARAMETER_INDEX.state(), vendor, e);
      case "SQLITE_FULL":
        return new SQLException(message, SqlState.DISK_FULL.state(), vendor, e);
      case "SQLITE_INTERRUPT":
        return new SQLException(message, SqlState.QUERY_CANCELED.state(), vendor, e);
      case "SQLITE_CANTOPEN":
      case "SQLITE_NOTADB":
        return connecting ? new SQLNonTransientConnectionException(message, SqlState.CONNECTION_UNABLE_TO_CONNECT.state(), vendor, e)
            : new SQLException(message, SqlState.GENERAL_ERROR.state(), vendor, e);
      case "SQLITE_ERROR":
      case "SQLITE_UNKNOWN":
        // sqld reports some SQLite errors without their code, as SQLITE_UNKNOWN.
        if (isGrammarError(lower)) {
          return new SQLSyntaxErrorException(message, SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.state(), vendor, e);
        }
        return new SQLException(message, SqlState.GENERAL_ERROR.state(), vendor, e);
      default:
        break;
    }
    if (code.startsWith("SQLITE_")) {
      return new SQLException(message, SqlState.GENERAL_ERROR.state(), vendor, e);
    }
    switch (code) {
      // sqld's own codes for statements it could not even prepare
      case "SQL_PARSE_ERROR":
      case "SQL_INPUT_ERROR":
      case "SQL_NO_STATEMENT":
      case "SQL_MANY_STATEMENTS":
        return new SQLSyntaxErrorException(message, SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.state(), vendor, e);
      case "ARGS_INVALID":
      case "ARGS_BOTH_POSITIONAL_AND_NAMED":
        return new SQLException(message, SqlState.INVALID_PARAMETER_INDEX.state(), 0, e);
      default:
        break;
    }
    ErrorCode client;
    try {
      client = ErrorCode.valueOf(code);
    } catch (IllegalArgumentException unknown) {
      return new SQLException(message, SqlState.GENERAL_ERROR.state(), 0, e);
    }
    switch (client) {
      case URL_INVALID:
      case URL_PARAM_NOT_SUPPORTED:
      case URL_SCHEME_NOT_SUPPORTED:
      case URL_UNDEFINED:
      case CONFIG_INVALID:
      case ENDPOINT_NOT_FOUND:
        return new SQLNonTransientConnectionException(message, SqlState.CONNECTION_UNABLE_TO_CONNECT.state(), 0, e);
      case CONNECTION_FAILED:
        return new SQLTransientConnectionException(message, SqlState.CONNECTION_UNABLE_TO_CONNECT.state(), 0, e);
      case CONNECTION_LOST:
        return new SQLTransientConnectionException(message, SqlState.CONNECTION_FAILURE.state(), 0, e);
      case AUTH_FAILED:
        return new SQLInvalidAuthorizationSpecException(message, SqlState.INVALID_AUTHORIZATION.state(), 0, e);
      case CLIENT_CLOSED:
        return new SQLNonTransientConnectionException(message, SqlState.CONNECTION_DOES_NOT_EXIST.state(), 0, e);
      case HRANA_PROTO_ERROR:
      case PROTOCOL_VERSION_ERROR:
        return new SQLNonTransientConnectionException(message, SqlState.PROTOCOL_VIOLATION.state(), 0, e);
      case TRANSACTION_CLOSED:
      case STREAM_EXPIRED:
        return new SQLTransactionRollbackException(message, SqlState.TRANSACTION_ROLLBACK.state(), 0, e);
      case TIMEOUT:
        return new SQLTimeoutException(message, SqlState.TIMEOUT.state(), 0, e);
      case CANCELLED:
        return new SQLException(message, SqlState.QUERY_CANCELED.state(), 0, e);
      case ARGUMENT_INVALID:
        return new SQLDataException(message, SqlState.INVALID_PARAMETER_VALUE.state(), 0, e);
      case RESPONSE_TOO_LARGE:
        return new SQLException(message, SqlState.PROGRAM_LIMIT_EXCEEDED.state(), 0, e);
      case SERVER_ERROR:
      case INTERNAL_ERROR:
      default:
        return new SQLException(message, SqlState.GENERAL_ERROR.state(), 0, e);
    }
  }

  private static boolean isGrammarError(String lower) {
    return lower.contains("syntax error") || lower.contains("no such table") || lower.contains("no such column")
        || lower.contains("no such function") || lower.contains("no such index") || lower.contains("no such view")
        || lower.contains("no such trigger") || lower.contains("already exists") || lower.contains("incomplete input")
        || lower.contains("unrecognized token") || lower.contains("ambiguous column name")
        || lower.contains("wrong number of arguments") || lower.contains("has no column named")
        || lower.contains("values were supplied") || lower.contains("no such module");
  }

  /** Whether {@code e} maps a client failure with one of {@code codes}. */
  static boolean causedBy(SQLException e, ErrorCode... codes) {
    if (e.getCause() instanceof LibsqlException) {
      for (ErrorCode c : codes) {
        if (((LibsqlException) e.getCause()).is(c)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A statement the driver stopped itself by interrupting its thread (the client then reports
   * CANCELLED): by {@code Statement.cancel()}, or at a script's query timeout of {@code seconds}.
   */
  static SQLException stoppedByDriver(SQLException cancelled, boolean timeout, int seconds) {
    String prefix = "[" + ErrorCode.CANCELLED + "] ";
    String m = cancelled.getMessage();
    String detail = m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    SQLException out = timeout
        ? new SQLTimeoutException("[" + ErrorCode.TIMEOUT + "] the query timeout of " + seconds + " s expired: " + detail,
            SqlState.TIMEOUT.state(), 0, cancelled.getCause())
        : new SQLException(prefix + "cancelled by Statement.cancel(): " + detail, SqlState.QUERY_CANCELED.state(), 0,
            cancelled.getCause());
    if (cancelled.getNextException() != null) {
      out.setNextException(cancelled.getNextException()); // the session ended: 08006
    }
    return out;
  }

  /**
   * The connection's session ended because one of its statements was stopped (timeout or cancel)
   * while a transaction or connection state was open.
   */
  static SQLException sessionEndedByStop(LibsqlException cause) {
    return new SQLNonTransientConnectionException("[" + cause.code() + "] the connection can no longer be used: a statement"
        + " was stopped (timeout or cancel) while a transaction or connection state was open, so the connection's session"
        + " ended: its transaction was rolled back (remotely, once the server finished the abandoned statement) and its"
        + " connection state is gone; close it and use a new one", SqlState.CONNECTION_FAILURE.state(), 0, cause);
  }

  /** The connection's session is gone for good (its stream was lost while it held state). */
  static SQLException sessionLost(LibsqlException cause) {
    return new SQLNonTransientConnectionException("[" + cause.code() + "] the connection to the database was lost: "
        + cause.getMessage(), SqlState.CONNECTION_FAILURE.state(), 0, cause);
  }

  static SQLException connectionClosed() {
    return new SQLNonTransientConnectionException("the connection is closed", SqlState.CONNECTION_DOES_NOT_EXIST.state());
  }

  static SQLException statementClosed() {
    return new SQLException("the statement is closed", SqlState.FUNCTION_SEQUENCE_ERROR.state());
  }

  static SQLException resultSetClosed() {
    return new SQLException("the result set is closed", SqlState.INVALID_CURSOR_STATE.state());
  }

  static SQLException error(SqlState state, String message) {
    return new SQLException(message, state.state());
  }

  static SQLException data(SqlState state, String message) {
    return new SQLDataException(message, state.state());
  }

  /** For calls HikariCP never makes; 0A000 would make a pool drop the connection. */
  static SQLFeatureNotSupportedException unsupported(String what) {
    return new SQLFeatureNotSupportedException(what + " is not supported by libSQL", SqlState.NOT_IMPLEMENTED.state());
  }
}
