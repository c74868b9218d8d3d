package io.libsql.cli;

/**
 * A failure found by the shell itself (a bad dot command, an unreadable file, a malformed CSV),
 * reported like a database error: {@code Error (CODE): message}.
 */
final class ShellException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A dot command or option was used wrongly. */
  static final String USAGE = "USAGE";
  /** A file could not be read or written. */
  static final String IO_ERROR = "IO_ERROR";
  /** A CSV file is malformed. */
  static final String CSV_INVALID = "CSV_INVALID";
  /** Standard output was closed by its reader; stops the run without a message. */
  static final String OUTPUT_CLOSED = "OUTPUT_CLOSED";
  /** The user pressed Ctrl-C. */
  static final String CANCELLED = "CANCELLED";

  private final String code;

  ShellException(String code, String message) {
    super(message);
    this.code = code;
  }

  String code() {
    return code;
  }
}
