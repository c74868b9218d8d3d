package io.libsql.client.internal.hrana;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.proto.HranaError;

/** Turns server errors into {@link LibsqlException}s with the same codes as local SQLite. */
public final class HranaErrors {
  private HranaErrors() {}

  /** The server's code passes through; errors without one become SERVER_ERROR. */
  public static LibsqlException toException(HranaError error) {
    String code = error.code();
    String message = error.message() == null ? "(no message)" : error.message();
    if (code == null || code.isEmpty()) {
      return new LibsqlException(ErrorCode.SERVER_ERROR, "server error: " + message);
    }
    if (code.equals("STREAM_EXPIRED")) {
      return new LibsqlException(ErrorCode.STREAM_EXPIRED,
          "the server expired the stream (idle too long); a transaction on it was rolled back: " + message);
    }
    return new LibsqlException(code, message, -1, null);
  }
}
