package io.libsql.client.internal.ws;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;

/**
 * The connection was lost before a request was written: it certainly did not run, so a one-shot
 * operation may be retried on a new connection.
 */
final class NotSentException extends LibsqlException {
  private static final long serialVersionUID = 1L;

  NotSentException(String redactedUrl, LibsqlException cause) {
    super(ErrorCode.CONNECTION_LOST.name(), "the connection to " + redactedUrl
        + " was lost before the request was sent; it was not executed", -1, cause);
  }
}
