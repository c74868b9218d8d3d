package io.libsql.client.internal.ws;

import io.libsql.client.LibsqlException;
import io.libsql.client.internal.call.Call;
import io.libsql.client.internal.call.Futures;
import io.libsql.client.internal.hrana.Resend;
import io.libsql.client.internal.hrana.StreamReuse;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Response;
import io.libsql.client.internal.sql.Effect;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One autocommit operation, its whole life: waits for a pooled stream, sends the request, gives the
 * stream back before completing its future (so a caller woken by the result finds it idle again),
 * and, when the server certainly ran none of it, goes once more on a new connection ({@link Resend}).
 * It sees the connection only through the {@link ServerStream} it is given.
 *
 * <p>A stream is closed rather than pooled when {@link StreamReuse} says it may carry something the
 * next call must not inherit; for TRANSACTION effects Hrana 3's {@code get_autocommit} is pipelined
 * right behind the operation to tell.
 *
 * <p>When its {@link Call} is stopped (timeout, cancel) the operation is abandoned: its future fails
 * at once, a request not sent yet is never sent, and the stream of one that was sent leaves the
 * pool and is closed (behind the running statement, which the server finishes: sqld cannot cancel
 * it), so the next operations get a fresh stream instead of queueing behind it.
 */
final class OneShot<R extends Response, T> implements ServerStream.User {
  /** Where an attempt gets its stream: the pool of the current connection, connecting if needed. */
  interface Streams {
    /** Gives {@code user} a pooled stream, or fails it; exactly once. */
    void acquire(ServerStream.User user);
  }

  private final Streams streams;
  private final IntFunction<Request> request;
  private final Class<R> expected;
  private final Function<R, T> extract;
  private final Effect effect;
  /** The API call this operation serves, or null. */
  private final Call call;
  private final CompletableFuture<T> future = new CompletableFuture<>();
  private volatile boolean resent;

  OneShot(Call call, Streams streams, IntFunction<Request> request, Class<R> expected, Function<R, T> extract,
      Effect effect) {
    this.streams = streams;
    this.request = request;
    this.expected = expected;
    this.extract = extract;
    this.effect = effect;
    this.call = call;
    if (call != null) {
      call.onStop(() -> future.completeExceptionally(call.stoppedError()));
    }
  }

  /** Starts the operation; its outcome. */
  CompletableFuture<T> start() {
    if (!future.isDone()) { // else abandoned before it started
      streams.acquire(this);
    }
    return future;
  }

  /** A pooled stream held by one attempt: given back (or closed) exactly once. */
  private static final class Held {
    final ServerStream stream;
    private final AtomicBoolean released = new AtomicBoolean();

    Held(ServerStream stream) {
      this.stream = stream;
    }

    void release(boolean close) {
      if (released.compareAndSet(false, true)) {
        stream.release(close);
      }
    }
  }

  @Override
  public void acquired(ServerStream s) {
    Held held = new Held(s);
    if (future.isDone()) {
      held.release(false); // abandoned while it waited for the stream: never sent
      return;
    }
    boolean checkAutocommit = effect == Effect.TRANSACTION && s.version() >= 3;
    Request req;
    try {
      req = request.apply(s.id);
    } catch (RuntimeException e) {
      held.release(false);
      future.completeExceptionally(Futures.unwrap(e));
      return;
    }
    if (call != null) {
      call.markSent();
      // Abandoned while it runs: the stream leaves the pool now and is closed behind the statement.
      call.onStop(() -> held.release(true));
    }
    Reuse reuse = new Reuse(held, s, checkAutocommit);
    s.send(req, expected, new ServerStream.Callback() {
      @Override
      public void done(Response r, LibsqlException e) {
        reuse.operationDone(e);
        finish(s, r, e);
      }

      @Override
      public void notSent(LibsqlException e) {
        reuse.operationDone(e);
        if (!resend()) {
          finish(s, null, e);
        }
      }
    });
    if (checkAutocommit) {
      s.send(new Request.GetAutocommit(s.id), Response.GetAutocommit.class,
          (r, e) -> reuse.autocommitKnown(e == null ? ((Response.GetAutocommit) r).isAutocommit() : null));
    }
  }

  /**
   * Gives the stream back once the operation's outcome (and, when asked, {@code get_autocommit}'s,
   * which may arrive first) is known: pooled again if {@link StreamReuse} allows, else closed.
   */
  private final class Reuse {
    private final Held held;
    private final ServerStream stream;
    private int pending;
    private LibsqlException error;
    private Boolean autocommit;

    Reuse(Held held, ServerStream stream, boolean askedAutocommit) {
      this.held = held;
      this.stream = stream;
      this.pending = askedAutocommit ? 2 : 1;
    }

    void operationDone(LibsqlException e) {
      synchronized (this) {
        error = e;
        if (--pending > 0) {
          return;
        }
      }
      release();
    }

    /** {@code isAutocommit} is null when get_autocommit failed. */
    void autocommitKnown(Boolean isAutocommit) {
      synchronized (this) {
        autocommit = isAutocommit == null ? Boolean.FALSE : isAutocommit;
        if (--pending > 0) {
          return;
        }
      }
      release();
    }

    private void release() {
      LibsqlException e;
      Boolean a;
      synchronized (this) {
        e = error;
        a = autocommit;
      }
      held.release(stream.openError != null || !StreamReuse.mayReuse(effect, e, a));
    }
  }

  @Override
  public void failed(LibsqlException e) {
    future.completeExceptionally(e);
  }

  @Override
  public void notSent(LibsqlException e) {
    if (!resend()) {
      future.completeExceptionally(e);
    }
  }

  /** A request that was never sent goes once more, on a new connection, as {@link Resend} allows. */
  private boolean resend() {
    if (future.isDone() || !Resend.mayResend(resent, call)) {
      return false;
    }
    resent = true;
    streams.acquire(this);
    return true;
  }

  private void finish(ServerStream s, Response r, LibsqlException e) {
    if (e != null) {
      LibsqlException openError = s.openError;
      future.completeExceptionally(openError != null ? openError : e);
      return;
    }
    T value;
    try {
      value = extract.apply(expected.cast(r));
    } catch (RuntimeException x) {
      future.completeExceptionally(Futures.unwrap(x));
      return;
    }
    future.complete(value);
  }
}
