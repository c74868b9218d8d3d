package io.libsql.r2dbc;

import io.libsql.client.AsyncClient;
import io.libsql.client.AsyncTransaction;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.TransactionMode;
import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An R2DBC connection over a shared {@link AsyncClient}.
 *
 * <p>In auto-commit mode each statement runs on its own through the client (a query streams its
 * rows from a cursor); a transaction ({@link #beginTransaction()}, or any statement after
 * {@code setAutoCommit(false)}) is one of the client's interactive transactions, whose statements
 * run in order on one server stream or local connection. Connection state set with SQL
 * ({@code PRAGMA}, temporary tables, {@code BEGIN}) therefore lasts only within a transaction.
 */
final class LibsqlConnection implements Connection {
  private final LibsqlConnectionFactory factory;
  private final AsyncClient client;
  private final ConnectionMetadata metadata;
  private final Object lock = new Object();
  // Guarded by lock:
  private boolean autoCommit = true;
  private CompletableFuture<AsyncTransaction> transaction;
  private boolean closed;
  private volatile Duration statementTimeout;

  LibsqlConnection(LibsqlConnectionFactory factory, AsyncClient client, ConnectionMetadata metadata,
      Duration statementTimeout) {
    this.factory = factory;
    this.client = client;
    this.metadata = metadata;
    this.statementTimeout = statementTimeout;
  }

  /** Runs the statements (one per binding set and SQL part) and gives one result each. */
  Flux<Result> run(List<Statement> statements, List<ParsedSql.Part> kinds) {
    Duration timeout = statementTimeout;
    List<Statement> timed = new ArrayList<>(statements.size());
    for (Statement s : statements) {
      timed.add(timeout == null ? s : s.withTimeout(timeout));
    }
    return Flux.defer(() -> {
      CompletableFuture<AsyncTransaction> tx;
      try {
        tx = currentTransaction(true);
      } catch (RuntimeException e) {
        return Flux.error(e);
      }
      if (timed.size() == 1) {
        Statement s = timed.get(0);
        ParsedSql.Part kind = kinds.get(0);
        if (tx == null && kind.query()) {
          return Flux.just(LibsqlResult.streamed(CursorFlux.of(client, s)));
        }
        Mono<ResultSet> rs = tx == null ? Mono.fromFuture(() -> client.execute(s))
            : Mono.fromFuture(tx, true).flatMap(t -> Mono.fromFuture(() -> t.execute(s)));
        return rs.map(r -> (Result) LibsqlResult.of(r, kind.dml())).flux();
      }
      Mono<List<ResultSet>> all = tx == null ? Mono.fromFuture(() -> client.batch(TransactionMode.DEFERRED, timed))
          : Mono.fromFuture(tx, true).flatMap(t -> Mono.fromFuture(() -> t.batch(timed)));
      return all.flatMapIterable(list -> {
        List<Result> results = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
          results.add(LibsqlResult.of(list.get(i), kinds.get(i).dml()));
        }
        return results;
      });
    }).onErrorMap(Errors::map);
  }

  /**
   * The open transaction, or null in auto-commit mode; with auto-commit off and no transaction
   * open, begins one when {@code begin} is set.
   */
  private CompletableFuture<AsyncTransaction> currentTransaction(boolean begin) {
    synchronized (lock) {
      if (closed) {
        throw new R2dbcNonTransientResourceException("the connection is closed", ErrorCode.CLIENT_CLOSED.name());
      }
      if (transaction == null && !autoCommit && begin) {
        begin(TransactionMode.DEFERRED);
      }
      return transaction;
    }
  }

  /** Guarded by lock. */
  private CompletableFuture<AsyncTransaction> begin(TransactionMode mode) {
    CompletableFuture<AsyncTransaction> tx = client.transaction(mode);
    transaction = tx;
    tx.whenComplete((t, e) -> {
      if (e != null) {
        synchronized (lock) {
          if (transaction == tx) {
            transaction = null;
          }
        }
      }
    });
    return tx;
  }

  @Override
  public Mono<Void> beginTransaction() {
    return beginTransaction(TransactionMode.DEFERRED);
  }

  @Override
  public Mono<Void> beginTransaction(TransactionDefinition definition) {
    Boolean readOnly = definition.getAttribute(TransactionDefinition.READ_ONLY);
    return beginTransaction(Boolean.TRUE.equals(readOnly) ? TransactionMode.READ : TransactionMode.DEFERRED);
  }

  private Mono<Void> beginTransaction(TransactionMode mode) {
    return Mono.defer(() -> {
      CompletableFuture<AsyncTransaction> tx;
      synchronized (lock) {
        if (closed) {
          return Mono.error(new R2dbcNonTransientResourceException("the connection is closed",
              ErrorCode.CLIENT_CLOSED.name()));
        }
        tx = transaction != null ? transaction : begin(mode);
      }
      return Mono.fromFuture(tx, true).then();
    }).onErrorMap(Errors::map);
  }

  @Override
  public Mono<Void> commitTransaction() {
    return end(AsyncTransaction::commit, false);
  }

  @Override
  public Mono<Void> rollbackTransaction() {
    return end(AsyncTransaction::rollback, true);
  }

  private Mono<Void> end(Function<AsyncTransaction, CompletableFuture<Void>> how, boolean rollback) {
    return Mono.defer(() -> {
      CompletableFuture<AsyncTransaction> tx;
      synchronized (lock) {
        tx = transaction;
        transaction = null;
      }
      if (tx == null) {
        return Mono.<Void>empty();
      }
      Mono<Void> ended = Mono.fromFuture(tx, true).flatMap(t -> Mono.fromFuture(how.apply(t), true));
      // A transaction the server ended already (a timeout, a lost stream) has nothing left to roll back.
      return rollback ? ended.onErrorResume(LibsqlConnection::transactionGone, e -> Mono.empty()) : ended;
    }).onErrorMap(Errors::map);
  }

  @Override
  public Mono<Void> close() {
    return Mono.defer(() -> {
      CompletableFuture<AsyncTransaction> tx;
      synchronized (lock) {
        if (closed) {
          return Mono.<Void>empty();
        }
        closed = true;
        tx = transaction;
        transaction = null;
      }
      Mono<Void> rollback = tx == null ? Mono.empty()
          : Mono.fromFuture(tx, true).flatMap(t -> Mono.fromFuture(t.rollback(), true)).onErrorResume(e -> Mono.empty());
      return rollback.then(factory.release(client));
    });
  }

  @Override
  public Batch createBatch() {
    return new LibsqlBatch(this);
  }

  @Override
  public Mono<Void> createSavepoint(String name) {
    String sql = "SAVEPOINT " + quote(name);
    return Mono.defer(() -> {
      CompletableFuture<AsyncTransaction> tx;
      synchronized (lock) {
        if (closed) {
          return Mono.error(new R2dbcNonTransientResourceException("the connection is closed",
              ErrorCode.CLIENT_CLOSED.name()));
        }
        tx = transaction != null ? transaction : begin(TransactionMode.DEFERRED);
      }
      return Mono.fromFuture(tx, true).flatMap(t -> Mono.fromFuture(() -> t.execute(sql))).then();
    }).onErrorMap(Errors::map);
  }

  @Override
  public Mono<Void> releaseSavepoint(String name) {
    return inTransaction("RELEASE SAVEPOINT " + quote(name));
  }

  @Override
  public Mono<Void> rollbackTransactionToSavepoint(String name) {
    return inTransaction("ROLLBACK TO SAVEPOINT " + quote(name));
  }

  private Mono<Void> inTransaction(String sql) {
    return Mono.defer(() -> {
      CompletableFuture<AsyncTransaction> tx = currentTransaction(false);
      if (tx == null) {
        return Mono.error(new IllegalStateException("no transaction is open; savepoints live in transactions"));
      }
      return Mono.fromFuture(tx, true).flatMap(t -> Mono.fromFuture(() -> t.execute(sql))).then();
    }).onErrorMap(Errors::map);
  }

  private static String quote(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a savepoint name must not be null or empty");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  @Override
  public LibsqlStatement createStatement(String sql) {
    if (sql == null) {
      throw new IllegalArgumentException("sql must not be null");
    }
    return new LibsqlStatement(this, sql);
  }

  @Override
  public boolean isAutoCommit() {
    synchronized (lock) {
      return autoCommit && transaction == null;
    }
  }

  @Override
  public ConnectionMetadata getMetadata() {
    return metadata;
  }

  /** SQLite transactions are serializable. */
  @Override
  public IsolationLevel getTransactionIsolationLevel() {
    return IsolationLevel.SERIALIZABLE;
  }

  /** Accepted and ignored: SQLite transactions are always serializable, which every level allows. */
  @Override
  public Mono<Void> setTransactionIsolationLevel(IsolationLevel level) {
    if (level == null) {
      throw new IllegalArgumentException("isolation level must not be null");
    }
    return Mono.empty();
  }

  @Override
  public Mono<Void> setAutoCommit(boolean on) {
    return Mono.defer(() -> {
      synchronized (lock) {
        if (autoCommit == on) {
          return Mono.<Void>empty();
        }
        autoCommit = on;
      }
      return on ? commitTransaction() : Mono.<Void>empty();
    });
  }

  /** Accepted and ignored: lock waits are the server's (or, for files, SQLite's busy timeout). */
  @Override
  public Mono<Void> setLockWaitTimeout(Duration timeout) {
    if (timeout == null) {
      throw new IllegalArgumentException("timeout must not be null");
    }
    return Mono.empty();
  }

  /** Sets the timeout of each statement run after this; zero means the client's request timeout. */
  @Override
  public Mono<Void> setStatementTimeout(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be null or negative");
    }
    return Mono.fromRunnable(() -> statementTimeout = timeout.isZero() ? null : timeout);
  }

  @Override
  public Mono<Boolean> validate(ValidationDepth depth) {
    return Mono.defer(() -> {
      synchronized (lock) {
        if (closed || client.isClosed()) {
          return Mono.just(false);
        }
      }
      if (depth == ValidationDepth.LOCAL) {
        return Mono.just(true);
      }
      return Mono.fromFuture(() -> client.execute("SELECT 1")).map(rs -> true).onErrorReturn(false);
    });
  }

  /** True if the exception says the client's transaction is gone (then there is nothing to roll back). */
  static boolean transactionGone(Throwable e) {
    while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e instanceof LibsqlException && ((LibsqlException) e).is(ErrorCode.TRANSACTION_CLOSED);
  }
}
