package io.libsql.r2dbc;

import io.libsql.client.LibsqlException;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Maps the client's {@link LibsqlException} to the R2DBC exception of its kind. The libSQL error
 * code (e.g. {@code SQLITE_CONSTRAINT_UNIQUE}, {@code TIMEOUT}) is the exception's
 * {@link R2dbcException#getSqlState() SQL state}, and the {@code LibsqlException} its cause.
 */
final class Errors {
  private Errors() {}

  static Throwable map(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (!(t instanceof LibsqlException)) {
      return t;
    }
    LibsqlException e = (LibsqlException) t;
    String code = e.code();
    String message = e.getMessage();
    if (code.startsWith("SQLITE_CONSTRAINT")) {
      return new R2dbcDataIntegrityViolationException(message, code, 0, e);
    }
    switch (code) {
      case "TIMEOUT":
        return new R2dbcTimeoutException(message, code, 0, e);
      case "AUTH_FAILED":
        return new R2dbcPermissionDeniedException(message, code, 0, e);
      case "CONNECTION_FAILED":
      case "CONNECTION_LOST":
      case "STREAM_EXPIRED":
      case "SQLITE_BUSY":
      case "SQLITE_LOCKED":
        return new R2dbcTransientResourceException(message, code, 0, e);
      case "CLIENT_CLOSED":
      case "TRANSACTION_CLOSED":
        return new R2dbcNonTransientResourceException(message, code, 0, e);
      case "SQL_PARSE_ERROR":
      case "SQL_INPUT_ERROR":
        return new R2dbcBadGrammarException(message, code, 0, e);
      default:
        if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
          return new R2dbcTransientResourceException(message, code, 0, e);
        }
        if (code.equals("SQLITE_ERROR") && isGrammar(message)) {
          return new R2dbcBadGrammarException(message, code, 0, e);
        }
        return new NonTransient(message, code, e);
    }
  }

  private static boolean isGrammar(String message) {
    return message != null && (message.contains("syntax error") || message.contains("no such table")
        || message.contains("no such column") || message.contains("incomplete input"));
  }

  /** Any other non-transient failure (the SPI's class is abstract). */
  static final class NonTransient extends R2dbcNonTransientException {
    private static final long serialVersionUID = 1L;

    NonTransient(String message, String code, Throwable cause) {
      super(message, code, 0, cause);
    }
  }
}
