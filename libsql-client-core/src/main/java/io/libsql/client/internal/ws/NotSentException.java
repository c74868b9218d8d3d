package io.libsql.client.internal.ws;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;

/**
 * The connection was lost before a request was written (or its first hello was refused, so the
 * server ran nothing): it certainly did not run, so a one-shot operation may be retried on a new
 * connection.
 */
final class NotSentException extends LibsqlException {
  private static final long serialVersionUID = 1L;

  NotSentException(String redactedUrl, LibsqlException cause) {
    super(ErrorCode.CONNECTION_LOST.name(), "the connection to " + redactedUrl
        + " was lost before the request was sent; it was not executed", -1, cause);
  }

  /** A refused first hello: nothing pipelined behind it ran; {@code cause}'s code and message are kept. */
  NotSentException(LibsqlException cause) {
    super(cause.code(), cause.getMessage() + "; the request was not executed", -1, cause);
  }
}
