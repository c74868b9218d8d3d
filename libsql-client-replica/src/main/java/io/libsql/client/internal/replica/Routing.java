package io.libsql.client.internal.replica;

import io.libsql.client.LibsqlException;
import io.libsql.client.Statement;
import java.util.List;
import java.util.Locale;
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
    switch (head(sql, 1)) {
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

  /** The first {@code words} keywords, upper-case, comments, spaces and parentheses skipped. */
  static String head(String sql, int words) {
    StringBuilder sb = new StringBuilder();
    int n = sql.length();
    int i = 0;
    int taken = 0;
    while (i < n && taken < words) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(' || c == ';') {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (Character.isLetter(c)) {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
          i++;
        }
        if (taken > 0) {
          sb.append(' ');
        }
        sb.append(sql, start, i);
        taken++;
      } else {
        break;
      }
    }
    return sb.toString().toUpperCase(Locale.ROOT);
  }
}
