package io.libsql.client.internal.replica;

import io.libsql.client.LibsqlException;
import io.libsql.client.Statement;
import io.libsql.client.internal.sql.SqlText;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Where a replica runs a statement. Statements that always write (by their first keyword) go
 * straight to the primary; everything else is tried on a read-only local connection, where SQLite
 * refuses a write with {@code SQLITE_READONLY} before changing anything, and is then sent to the
 * primary. Keywords alone are not enough (a {@code WITH ... INSERT}, a {@code PRAGMA} that sets a
 * value), and trying alone is not either: {@code DROP TABLE IF EXISTS t} is a harmless no-op on a
 * replica that lacks {@code t}, but not on the primary, so DDL never runs locally.
 */
final class Routing {
  private Routing() {}

  enum Kind {
    /** Writes whatever the data: always the primary. */
    WRITE,
    /** BEGIN, SAVEPOINT, COMMIT...: the primary (transactions that may write run there). */
    TRANSACTION,
    /** Probably a read: try locally first. */
    LOCAL_FIRST
  }

  static Kind classify(String sql) {
    switch (SqlText.of(sql).firstWord()) {
      case "INSERT":
      case "UPDATE":
      case "DELETE":
      case "REPLACE":
      case "CREATE":
      case "DROP":
      case "ALTER":
      case "VACUUM":
      case "REINDEX":
      case "ANALYZE":
        return Kind.WRITE;
      case "BEGIN":
      case "SAVEPOINT":
      case "COMMIT":
      case "END":
      case "ROLLBACK":
      case "RELEASE":
        return Kind.TRANSACTION;
      default:
        return Kind.LOCAL_FIRST;
    }
  }

  static boolean anyWrite(List<Statement> statements) {
    for (Statement s : statements) {
      if (classify(s.sql()) != Kind.LOCAL_FIRST) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when SQLite refused the statement because the local connection is read-only. sqlite-jdbc
   * closes a prepared statement that failed with SQLITE_READONLY, and the local engine's cleanup
   * then reports "statement is not executing" (SQLITE_ERROR) instead; that is taken as a refusal
   * too. Reads never fail that way, and a read sent to the primary by mistake is still answered.
   */
  static boolean refusedAsWrite(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (!(t instanceof LibsqlException)) {
      return false;
    }
    LibsqlException e = (LibsqlException) t;
    return "SQLITE_READONLY".equals(e.code())
        || "SQLITE_ERROR".equals(e.code()) && String.valueOf(e.getMessage()).contains("statement is not executing");
  }

  /** {@code local}'s outcome, or {@code forward}'s if SQLite refused it as a write. */
  static <T> CompletableFuture<T> localOrForward(CompletableFuture<T> local, Supplier<CompletableFuture<T>> forward) {
    if (local.isDone() && !local.isCompletedExceptionally()) {
      return local;
    }
    return local.handle((v, t) -> t == null ? CompletableFuture.completedFuture(v)
        : refusedAsWrite(t) ? forward.get() : CompletableFuture.<T>failedFuture(t))
        .thenCompose(f -> f);
  }
}
