package io.libsql.client.internal;

import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.call.Futures;
import io.libsql.client.internal.engine.EngineSession;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Row;
import io.libsql.client.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Schema migrations on one session: foreign-key enforcement off (SQLite ignores the PRAGMA inside a
 * transaction, so it comes first), the statements in one transaction, {@code foreign_key_check}
 * before COMMIT, then enforcement back on. Not API.
 */
final class Migrations {
  private Migrations() {}

  static CompletableFuture<List<ResultSet>> run(Call call, EngineSession session, List<Statement> statements) {
    CompletableFuture<List<ResultSet>> done = session.execute(call, Statement.of("PRAGMA foreign_keys = OFF"))
        .thenCompose(r -> session.execute(call, Statement.of("BEGIN IMMEDIATE")))
        .thenCompose(r -> session.batch(call, statements))
        .thenCompose(results -> session.execute(call, Statement.of("PRAGMA foreign_key_check")).thenCompose(check -> {
          if (check.size() > 0) {
            return session.execute(call, Statement.of("ROLLBACK")).thenApply(x -> {
              throw violation(check);
            });
          }
          return session.execute(call, Statement.of("COMMIT")).thenApply(x -> results);
        }));
    return done
        .handle((results, failure) -> session.execute(call, Statement.of("PRAGMA foreign_keys = ON"))
            .handle((x, t) -> {
              if (failure != null) {
                throw Futures.unwrap(failure);
              }
              return results;
            }))
        .thenCompose(f -> f)
        .whenComplete((r, t) -> session.close());
  }

  private static LibsqlException violation(ResultSet check) {
    Row first = check.rows().get(0);
    return new LibsqlException("SQLITE_CONSTRAINT_FOREIGNKEY",
        "the migration was rolled back: it leaves " + check.size() + " foreign key violation(s), the first in table '"
            + first.getString(0) + "' (rowid " + first.get(1) + ") referencing '" + first.getString(2) + "'",
        -1, null);
  }
}
