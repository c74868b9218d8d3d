package io.libsql.jdbc;

/**
 * The SQLStates this driver raises, in one place (like pgjdbc's {@code PSQLState}). Pools act on the
 * class: HikariCP evicts a connection on {@code 08xxx} and {@code 0A000}, so those are used only
 * when the connection is really gone or for calls a pool never makes.
 */
enum SqlState {
  /** A unique or primary key constraint failed. */
  UNIQUE_VIOLATION("23505"),
  /** Any other constraint failed (NOT NULL, CHECK, FOREIGN KEY, STRICT datatype, trigger RAISE). */
  INTEGRITY_CONSTRAINT_VIOLATION("23000"),
  /** SQLITE_BUSY / SQLITE_LOCKED: retrying may succeed. */
  LOCK_CONFLICT("40001"),
  /** The transaction was rolled back (by SQLite after an error, or with a lost stream). */
  TRANSACTION_ROLLBACK("40000"),
  /** Syntax errors, unknown tables, columns or functions. */
  SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION("42000"),
  /** A write on a read-only database or connection. */
  READ_ONLY_TRANSACTION("25006"),
  /** An operation that needs (or forbids) a transaction in the current state. */
  INVALID_TRANSACTION_STATE("25000"),
  /** Value too big, datatype mismatch, a value that cannot be converted. */
  DATA_EXCEPTION("22000"),
  NUMERIC_VALUE_OUT_OF_RANGE("22003"),
  INVALID_CHARACTER_VALUE_FOR_CAST("22018"),
  INVALID_PARAMETER_VALUE("22023"),
  INVALID_AUTHORIZATION("28000"),
  /** The connection could not be established (unreachable server, bad URL or configuration). */
  CONNECTION_UNABLE_TO_CONNECT("08001"),
  /** The connection (or its session) was closed. */
  CONNECTION_DOES_NOT_EXIST("08003"),
  /** The connection was lost while in use. */
  CONNECTION_FAILURE("08006"),
  /** The server answered something that is not valid Hrana. */
  PROTOCOL_VIOLATION("08P01"),
  /** Disk full. */
  DISK_FULL("53100"),
  /** A response or value over a configured limit. */
  PROGRAM_LIMIT_EXCEEDED("54000"),
  /** The statement was interrupted or cancelled ({@code Statement.cancel()}, a thread interrupt). */
  QUERY_CANCELED("57014"),
  /** A statement or result set was used after close, or out of sequence. */
  FUNCTION_SEQUENCE_ERROR("HY010"),
  /** A result set is not positioned on a row, or was closed. */
  INVALID_CURSOR_STATE("24000"),
  INVALID_PARAMETER_INDEX("07009"),
  /** A result set has no column with the given label. */
  COLUMN_NOT_FOUND("42S22"),
  /** Scrolling a forward-only result set. */
  FETCH_TYPE_OUT_OF_RANGE("HY106"),
  INVALID_ARGUMENT("HY009"),
  INVALID_DATA_TYPE("HY004"),
  /** The query timeout or the connection's request timeout expired. */
  TIMEOUT("HYT00"),
  /** Only for calls that pools never make (updatable result sets, stored procedures, ...). */
  NOT_IMPLEMENTED("0A000"),
  /** Any other error. */
  GENERAL_ERROR("HY000");

  private final String state;

  SqlState(String state) {
    this.state = state;
  }

  String state() {
    return state;
  }
}
