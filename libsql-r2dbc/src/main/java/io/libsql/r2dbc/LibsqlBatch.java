package io.libsql.r2dbc;

import io.libsql.client.Statement;
import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Result;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;

/** SQL statements without parameters, run in one round trip (atomically in auto-commit mode). */
final class LibsqlBatch implements Batch {
  private final LibsqlConnection connection;
  private final List<Statement> statements = new ArrayList<>();
  private final List<ParsedSql.Part> kinds = new ArrayList<>();

  LibsqlBatch(LibsqlConnection connection) {
    this.connection = connection;
  }

  @Override
  public LibsqlBatch add(String sql) {
    if (sql == null) {
      throw new IllegalArgumentException("sql must not be null");
    }
    ParsedSql text = ParsedSql.parse(sql);
    if (text.parameterCount > 0) {
      throw new IllegalArgumentException("a batch takes SQL without parameters; use a Statement with add() to bind");
    }
    for (ParsedSql.Part part : text.parts) {
      statements.add(Statement.of(part.sql()));
      kinds.add(part);
    }
    return this;
  }

  @Override
  public Publisher<? extends Result> execute() {
    if (statements.isEmpty()) {
      throw new IllegalStateException("the batch is empty; add SQL first");
    }
    return connection.run(List.copyOf(statements), List.copyOf(kinds));
  }
}
