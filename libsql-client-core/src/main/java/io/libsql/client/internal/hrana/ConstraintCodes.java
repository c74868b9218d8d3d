package io.libsql.client.internal.hrana;

import io.libsql.client.LibsqlException;
import io.libsql.client.internal.call.Futures;
import io.libsql.client.internal.proto.Stmt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Tells a primary-key conflict from a unique-index conflict, which SQLite words the same way
 * ({@code UNIQUE constraint failed: t.id}) and sqld reports with the same code: on that error only,
 * one extra query asks the server for the table's primary key columns.
 */
final class ConstraintCodes {
  private static final String PREFIX = "UNIQUE constraint failed: ";

  private ConstraintCodes() {}

  /** A stage for {@code exceptionallyCompose}: refines SQLITE_CONSTRAINT_UNIQUE failures. */
  static <T> Function<Throwable, CompletableFuture<T>> refine(HranaTransport transport) {
    return t -> {
      LibsqlException e = Futures.unwrap(t);
      if (!e.code().equals("SQLITE_CONSTRAINT_UNIQUE")) {
        return CompletableFuture.failedFuture(e);
      }
      int at = e.getMessage().indexOf(PREFIX);
      List<String> columns = new ArrayList<>();
      String table = null;
      for (String qualified : e.getMessage().substring(at + PREFIX.length()).trim().split(",\\s*")) {
        int dot = qualified.lastIndexOf('.');
        if (dot <= 0) {
          return CompletableFuture.failedFuture(e);
        }
        table = qualified.substring(0, dot);
        columns.add(qualified.substring(dot + 1));
      }
      Stmt pk = new Stmt("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", null,
          Arrays.asList(table), List.of(), true);
      return transport.execute(pk).handle((r, lookupFailure) -> {
        LibsqlException out = e;
        if (lookupFailure == null && !r.rows().isEmpty()) {
          List<String> pkColumns = new ArrayList<>();
          r.rows().forEach(row -> pkColumns.add(String.valueOf(row[0])));
          if (pkColumns.equals(columns)) {
            out = new LibsqlException("SQLITE_CONSTRAINT_PRIMARYKEY", e.getMessage(), e.statementIndex(), e.getCause());
          }
        }
        throw out;
      });
    };
  }
}
