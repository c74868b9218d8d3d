package io.libsql.client.internal.ws;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.call.Futures;
import io.libsql.client.internal.hrana.HranaStream;
import io.libsql.client.internal.hrana.StreamReuse;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.DescribeResult;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Response;
import io.libsql.client.internal.proto.Stmt;
import io.libsql.client.internal.proto.StmtResult;
import io.libsql.client.internal.sql.Effect;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A stream owned by one transaction or session: an idle pooled stream, or a new one whose {@code
 * open_stream} is pipelined in front of the first request. Requests go out in call order on the
 * connection's priority lane. When the connection dies the stream dies with it: requests in flight
 * fail with CONNECTION_LOST, later ones with TRANSACTION_CLOSED; it is never reopened on a new
 * connection.
 *
 * <p>{@link #close()} gives the stream back to the pool when Hrana 3's {@code get_autocommit} says
 * no transaction is left open, nothing ran that leaves session state (PRAGMA, ATTACH, TEMP) and no
 * request failed in a way {@link StreamReuse} refuses; otherwise, and on Hrana 1 and 2, it closes the stream on the server, which rolls back anything
 * uncommitted.
 */
final class WsStream implements HranaStream {
  private final ServerStream stream;
  private final int id;
  private volatile boolean closed;
  /** Something ran that may leave state the next user must not inherit. */
  private volatile boolean dirty;

  WsStream(ServerStream stream) {
    this.stream = stream;
    this.id = stream.id;
  }

  @Override
  public CompletableFuture<StmtResult> execute(Stmt stmt) {
    if (Effect.of(stmt.sql()) == Effect.SESSION) {
      dirty = true;
    }
    return request(new Request.Execute(id, stmt), Response.Execute.class, Response.Execute::result);
  }

  @Override
  public CompletableFuture<BatchResult> batch(Batch batch) {
    if (StreamReuse.effect(batch) == Effect.SESSION) {
      dirty = true;
    }
    return request(new Request.BatchReq(id, batch), Response.BatchResp.class, Response.BatchResp::result);
  }

  @Override
  public CompletableFuture<DescribeResult> describe(String sql) {
    if (stream.version() < 2) {
      return CompletableFuture.failedFuture(new LibsqlException(ErrorCode.PROTOCOL_VERSION_ERROR,
          "describing a statement needs Hrana 2 or later; this connection speaks Hrana " + stream.version()));
    }
    return request(new Request.Describe(id, sql, null), Response.Describe.class, Response.Describe::result);
  }

  private <R extends Response, T> CompletableFuture<T> request(Request req, Class<R> type, Function<R, T> extract) {
    LibsqlException error = check();
    if (error != null) {
      return CompletableFuture.failedFuture(error);
    }
    CompletableFuture<T> out = new CompletableFuture<>();
    stream.send(req, type, (r, e) -> {
      if (e != null) {
        if (!StreamReuse.mayReuse(Effect.NONE, e, null)) {
          dirty = true; // its state is unknown, or sqld may have left it the write slot: close it
        }
        LibsqlException open = stream.openError;
        out.completeExceptionally(open != null ? open : e);
        return;
      }
      try {
        out.complete(extract.apply(type.cast(r)));
      } catch (RuntimeException x) {
        out.completeExceptionally(Futures.unwrap(x));
      }
    });
    return out;
  }

  private LibsqlException check() {
    if (closed) {
      return new LibsqlException(ErrorCode.TRANSACTION_CLOSED, "the transaction's stream is closed");
    }
    LibsqlException failure = stream.failure();
    if (failure != null) {
      if (failure.is(ErrorCode.CLIENT_CLOSED)) {
        return new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed; the transaction was rolled back by the server", failure);
      }
      return new LibsqlException(ErrorCode.TRANSACTION_CLOSED,
          "the connection to " + stream.connection().redactedUrl() + " was lost; the transaction was rolled back by the server", failure);
    }
    return null;
  }

  @Override
  public CompletableFuture<Void> close() {
    if (closed) {
      return CompletableFuture.completedFuture(null);
    }
    closed = true;
    if (stream.failure() != null) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (stream.version() >= 3 && !dirty) {
      stream.send(new Request.GetAutocommit(id), Response.GetAutocommit.class, (r, e) -> {
        boolean clean = e == null && ((Response.GetAutocommit) r).isAutocommit();
        stream.release(!clean);
        done.complete(null);
      });
    } else {
      // The server rolls back whatever is uncommitted; a lost connection does the same.
      stream.release(true);
      done.complete(null);
    }
    return done;
  }

  @Override
  public boolean isClosed() {
    return closed || stream.failure() != null;
  }

  @Override
  public String toString() {
    return "WsStream[" + stream + "]";
  }
}
