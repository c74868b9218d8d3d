package io.libsql.client;

/**
 * The one exception type this client throws.
 *
 * <p>{@link #code()} is stable and meant for programs: one of {@link ErrorCode}'s names, or SQLite's
 * extended result code name ({@code SQLITE_CONSTRAINT_PRIMARYKEY}, ...) for SQL errors, the same for
 * local files and remote servers. For a failed batch, {@link #statementIndex()} says which statement
 * failed. Messages never contain the auth token.
 */
public final class LibsqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The stable error code; see {@link #code()}. */
  private final String code;
  /** The failed batch statement's index, or -1; see {@link #statementIndex()}. */
  private final int statementIndex;

  /**
   * An exception with a code of its own (a server's or SQLite's code name).
   *
   * @param code the error code
   * @param message what failed and what to fix
   */
  public LibsqlException(String code, String message) {
    this(code, message, -1, null);
  }

  /**
   * An exception with one of the client's codes.
   *
   * @param code the error code
   * @param message what failed and what to fix
   */
  public LibsqlException(ErrorCode code, String message) {
    this(code.name(), message, -1, null);
  }

  /**
   * An exception with one of the client's codes and the failure that caused it.
   *
   * @param cause the failure that caused this one, or null
   * @param code the error code
   * @param message what failed and what to fix
   */
  public LibsqlException(ErrorCode code, String message, Throwable cause) {
    this(code.name(), message, -1, cause);
  }

  /**
   * An exception with every part given.
   *
   * @param cause the failure that caused this one, or null
   * @param code the error code
   * @param message what failed and what to fix
   * @param statementIndex the failed statement's index within a batch, or -1
   */
  public LibsqlException(String code, String message, int statementIndex, Throwable cause) {
    super(message, cause);
    this.code = code == null ? ErrorCode.SERVER_ERROR.name() : code;
    this.statementIndex = statementIndex;
  }

  /**
   * The stable error code: an {@link ErrorCode} name or a SQLite extended result code name.
   *
   * @return the code
   */
  public String code() {
    return code;
  }

  /**
   * True when {@link #code()} is the given client code.
   *
   * @param errorCode the client code to compare with
   * @return whether the codes are equal
   */
  public boolean is(ErrorCode errorCode) {
    return code.equals(errorCode.name());
  }

  /**
   * The index of the failed statement within a batch, or -1 when not a batch statement.
   *
   * @return the index, or -1
   */
  public int statementIndex() {
    return statementIndex;
  }

  /**
   * A copy of this exception that says which batch statement failed.
   *
   * @param index the failed statement's index within the batch
   * @return a new exception, caused by this one
   */
  public LibsqlException withStatementIndex(int index) {
    String message = getMessage();
    String prefix = "statement " + index + " of the batch failed: ";
    LibsqlException e = new LibsqlException(code, message.startsWith(prefix) ? message : prefix + message, index, this);
    return e;
  }

  @Override
  public String toString() {
    return "LibsqlException[" + code + "]: " + getMessage();
  }
}
