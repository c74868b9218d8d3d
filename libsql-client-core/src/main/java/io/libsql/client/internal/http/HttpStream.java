package io.libsql.client.internal.http;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.hrana.HranaErrors;
import io.libsql.client.internal.hrana.HranaStream;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.DescribeResult;
import io.libsql.client.internal.proto.Pipeline;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Response;
import io.libsql.client.internal.proto.Stmt;
import io.libsql.client.internal.proto.StmtResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Hrana stream over HTTP: a chain of pipeline requests, each carrying the baton of the previous
 * answer. Thread-safe.
 *
 * <p>Requests are sent in the order issued, one HTTP request at a time (the baton chains them).
 * Requests issued while one is in flight are queued and then sent together in ONE pipeline request.
 * A {@code base_url} in an answer is used for the stream's later requests.
 *
 * <p>An HTTP-level failure (expired stream, lost connection, timeout) breaks the stream: the failed
 * requests get that error, and every later call fails with STREAM_EXPIRED (if the server expired the
 * stream) or TRANSACTION_CLOSED. Nothing is ever retried on a new stream, which would lose the
 * transaction's atomicity.
 */
final class HttpStream implements HranaStream {
  private final PipelineClient client;
  private final Endpoint endpoint;
  private final Runnable onClosed;
  private final ReentrantLock lock = new ReentrantLock();

  /** Guarded by lock: the baton for the next request; null before the first answer. */
  private String baton;
  /** Guarded by lock: where the next request goes (a {@code base_url} replaces it). */
  private String base;
  /** Guarded by lock. */
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  /** Guarded by lock: an HTTP request of this stream is in flight. */
  private boolean inFlight;
  /** Guarded by lock: the first answer arrived, so the server holds a stream. */
  private boolean opened;
  /** Guarded by lock: the failure that made the stream unusable, or null. */
  private LibsqlException broken;
  /** Guarded by lock: non-null once {@link #close()} was called. */
  private CompletableFuture<Void> closeFuture;
  /** Guarded by lock: the server's stream is gone (closed, expired or lost). */
  private boolean finished;

  HttpStream(PipelineClient client, Endpoint endpoint, String base, Runnable onClosed) {
    this.client = client;
    this.endpoint = endpoint;
    this.base = base;
    this.onClosed = onClosed;
  }

  private static final class Pending {
    final Request request;
    final CompletableFuture<Response> future;

    Pending(Request request, CompletableFuture<Response> future) {
      this.request = request;
      this.future = future;
    }
  }

  @Override
  public CompletableFuture<StmtResult> execute(Stmt stmt) {
    return submit(new Request.Execute(0, stmt)).thenApply(r -> ((Response.Execute) r).result());
  }

  @Override
  public CompletableFuture<BatchResult> batch(Batch batch) {
    return submit(new Request.BatchReq(0, batch)).thenApply(r -> ((Response.BatchResp) r).result());
  }

  @Override
  public CompletableFuture<DescribeResult> describe(String sql) {
    return submit(new Request.Describe(0, sql, null)).thenApply(r -> ((Response.Describe) r).result());
  }

  /**
   * Executes {@code stmt} (typically COMMIT or ROLLBACK) and closes the stream in ONE pipeline
   * {@code [execute, close]}, saving the round trip a separate {@link #close()} costs. The stream is
   * closed whatever the statement's outcome.
   */
  @Override
  public CompletableFuture<StmtResult> executeAndClose(Stmt stmt) {
    CompletableFuture<Response> executed = new CompletableFuture<>();
    CompletableFuture<Void> closing;
    List<Pending> toSend = null;
    String sendBaton = null;
    String sendBase = null;
    lock.lock();
    try {
      if (broken != null) {
        executed.completeExceptionally(laterFailure(broken));
      } else if (closeFuture != null) {
        executed.completeExceptionally(new LibsqlException(ErrorCode.TRANSACTION_CLOSED, "the transaction is closed"));
      }
      if (executed.isDone()) {
        closing = null;
      } else {
        closing = new CompletableFuture<>();
        closeFuture = closing;
        CompletableFuture<Response> closeResponse = new CompletableFuture<>();
        closeResponse.whenComplete((r, t) -> closing.complete(null));
        queue.addLast(new Pending(new Request.Execute(0, stmt), executed));
        queue.addLast(new Pending(new Request.CloseStream(0), closeResponse));
        if (!inFlight) {
          toSend = drain();
          sendBaton = baton;
          sendBase = base;
        }
      }
    } finally {
      lock.unlock();
    }
    if (toSend != null) {
      send(toSend, sendBaton, sendBase);
    }
    if (closing == null) {
      close();
    }
    return executed.thenApply(r -> ((Response.Execute) r).result());
  }

  private CompletableFuture<Response> submit(Request request) {
    CompletableFuture<Response> future = new CompletableFuture<>();
    List<Pending> toSend = null;
    String sendBaton = null;
    String sendBase = null;
    lock.lock();
    try {
      if (broken != null) {
        future.completeExceptionally(laterFailure(broken));
        return future;
      }
      if (closeFuture != null) {
        future.completeExceptionally(new LibsqlException(ErrorCode.TRANSACTION_CLOSED, "the transaction is closed"));
        return future;
      }
      queue.addLast(new Pending(request, future));
      if (!inFlight) {
        toSend = drain();
        sendBaton = baton;
        sendBase = base;
      }
    } finally {
      lock.unlock();
    }
    if (toSend != null) {
      send(toSend, sendBaton, sendBase);
    }
    return future;
  }

  /** Takes every queued request for one pipeline; the caller holds the lock. */
  private List<Pending> drain() {
    List<Pending> batch = new ArrayList<>(queue);
    queue.clear();
    inFlight = true;
    return batch;
  }

  /**
   * Sends {@code batch} as one pipeline. Requests that cannot be encoded (ARGUMENT_INVALID) fail
   * alone, before anything is sent; the others go, and the stream stays usable.
   */
  private void send(List<Pending> batch, String sendBaton, String sendBase) {
    byte[] body = null;
    List<Pending> sendable = batch;
    while (body == null) {
      try {
        body = PipelineClient.encode(endpoint, new Pipeline.Request(sendBaton, requestsOf(sendable)));
      } catch (RuntimeException e) {
        List<Pending> encodable = new ArrayList<>();
        for (Pending p : sendable) {
          try {
            PipelineClient.encode(endpoint, new Pipeline.Request(sendBaton, List.of(p.request)));
            encodable.add(p);
          } catch (RuntimeException single) {
            p.future.completeExceptionally(single);
          }
        }
        if (encodable.size() == sendable.size()) {
          for (Pending p : sendable) { // not any one request's fault: fail them all, send nothing
            p.future.completeExceptionally(e);
          }
          encodable.clear();
        }
        if (encodable.isEmpty()) {
          nothingSent();
          return;
        }
        sendable = encodable;
      }
    }
    List<Pending> sent = sendable;
    // A stream the server holds may hold locks that other requests wait for: it goes first.
    client.send(sendBase, endpoint, body, sendBaton != null).whenComplete((response, failure) -> {
      if (failure != null) {
        releaseAfterFailure(failure, sendBaton, sendBase);
      }
      onAnswer(sent, response, failure);
    });
  }

  /**
   * After a pipeline failed without an answer (connection lost, timeout), the server may still hold
   * the stream, and with it a transaction's locks, until it expires the stream (10 s; other writers
   * wait meanwhile). If the failed request never reached the server, the baton it carried is still
   * valid: a best-effort {@code close} with it rolls the transaction back now. If the request did
   * arrive, the server refuses that baton and nothing happens.
   */
  private void releaseAfterFailure(Throwable failure, String sentBaton, String sentBase) {
    LibsqlException e = HttpErrors.unwrap(failure) instanceof LibsqlException
        ? (LibsqlException) HttpErrors.unwrap(failure) : null;
    if (sentBaton == null || client.isClosed() || (e != null && (e.is(ErrorCode.STREAM_EXPIRED)
        || e.is(ErrorCode.CLIENT_CLOSED) || e.is(ErrorCode.AUTH_FAILED)))) {
      return;
    }
    try {
      byte[] close = PipelineClient.encode(endpoint, new Pipeline.Request(sentBaton, List.of(new Request.CloseStream(0))));
      client.send(sentBase, endpoint, close, true);
    } catch (RuntimeException ignored) {
      // best effort: the server expires the stream anyway
    }
  }

  private static List<Request> requestsOf(List<Pending> batch) {
    List<Request> requests = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      requests.add(p.request);
    }
    return requests;
  }

  /** Nothing of the drained batch could be sent: the baton is unchanged, go on with the queue. */
  private void nothingSent() {
    List<Pending> next = null;
    String sendBaton = null;
    String sendBase = null;
    lock.lock();
    try {
      if (!queue.isEmpty() && broken == null) {
        next = drain();
        sendBaton = baton;
        sendBase = base;
      } else {
        inFlight = false;
      }
    } finally {
      lock.unlock();
    }
    if (next != null) {
      send(next, sendBaton, sendBase);
    }
  }

  private void onAnswer(List<Pending> batch, Pipeline.Response response, Throwable failure) {
    LibsqlException error = null;
    if (failure != null) {
      error = HttpErrors.fromThrowable(failure, "the stream");
    } else if (response.results().size() != batch.size()) {
      error = new LibsqlException(ErrorCode.HRANA_PROTO_ERROR, "the server answered " + response.results().size()
          + " results to a pipeline of " + batch.size() + " requests");
    }
    String nextBase = null;
    if (error == null && response.baseUrl() != null) {
      try {
        nextBase = HttpTransport.validBaseUrl(response.baseUrl());
      } catch (LibsqlException e) {
        error = e;
      }
    }
    boolean closedByUs = batch.get(batch.size() - 1).request instanceof Request.CloseStream;
    List<Pending> next = null;
    List<Pending> abandoned = List.of();
    String sendBaton = null;
    String sendBase = null;
    boolean nowFinished = false;
    lock.lock();
    try {
      if (error != null) {
        broken = broken != null ? broken : error;
      } else {
        opened = true;
        baton = response.baton();
        if (nextBase != null) {
          base = nextBase;
        }
        if (baton == null && !closedByUs && broken == null) {
          broken = new LibsqlException(ErrorCode.TRANSACTION_CLOSED,
              "the server closed the stream of this transaction; it cannot continue");
        }
      }
      if (broken != null || closedByUs) {
        abandoned = new ArrayList<>(queue);
        queue.clear();
        inFlight = false;
        nowFinished = !finished;
        finished = true;
      } else if (!queue.isEmpty()) {
        next = drain();
        sendBaton = baton;
        sendBase = base;
      } else {
        inFlight = false;
      }
    } finally {
      lock.unlock();
    }
    if (next != null) {
      send(next, sendBaton, sendBase); // before completing futures: the next round trip starts sooner
    }
    if (nowFinished) {
      onClosed.run(); // before the futures complete, so their callers see the stream gone
    }
    if (error != null) {
      for (Pending p : batch) {
        p.future.completeExceptionally(error);
      }
    } else {
      for (int i = 0; i < batch.size(); i++) {
        deliver(batch.get(i), response.results().get(i));
      }
    }
    LibsqlException later = abandoned.isEmpty() ? null : laterFailure(brokenOrClosed());
    for (Pending p : abandoned) {
      p.future.completeExceptionally(later);
    }
  }

  private LibsqlException brokenOrClosed() {
    lock.lock();
    try {
      return broken != null ? broken : new LibsqlException(ErrorCode.TRANSACTION_CLOSED, "the transaction is closed");
    } finally {
      lock.unlock();
    }
  }

  private void deliver(Pending p, Pipeline.Result result) {
    if (result.error() != null) {
      p.future.completeExceptionally(HranaErrors.toException(result.error()));
      return;
    }
    Response r = result.response();
    boolean matches = (p.request instanceof Request.Execute && r instanceof Response.Execute)
        || (p.request instanceof Request.BatchReq && r instanceof Response.BatchResp)
        || (p.request instanceof Request.Describe && r instanceof Response.Describe)
        || (p.request instanceof Request.CloseStream && r instanceof Response.CloseStream);
    if (!matches) {
      p.future.completeExceptionally(new LibsqlException(ErrorCode.HRANA_PROTO_ERROR,
          "expected a response to " + p.request.getClass().getSimpleName() + ", received "
              + (r == null ? "none" : r.getClass().getSimpleName())));
      return;
    }
    p.future.complete(r);
  }

  /** The failure of calls made after the stream broke. */
  private static LibsqlException laterFailure(LibsqlException cause) {
    if (cause.is(ErrorCode.STREAM_EXPIRED) || cause.is(ErrorCode.CLIENT_CLOSED)
        || cause.is(ErrorCode.TRANSACTION_CLOSED)) {
      return new LibsqlException(cause.code(), cause.getMessage(), -1, cause);
    }
    return new LibsqlException(ErrorCode.TRANSACTION_CLOSED.name(),
        "the transaction's stream was lost (" + cause.code() + ": " + cause.getMessage()
            + "); it was rolled back or will be when the server expires it", -1, cause);
  }

  /**
   * Sends {@code close} after the queued requests (in the same pipeline if they are not sent yet).
   * Always completes normally: a stream the server already forgot is closed as far as we care.
   */
  @Override
  public CompletableFuture<Void> close() {
    CompletableFuture<Void> result;
    List<Pending> toSend = null;
    String sendBaton = null;
    String sendBase = null;
    boolean nowFinished = false;
    lock.lock();
    try {
      if (closeFuture != null) {
        return closeFuture;
      }
      closeFuture = new CompletableFuture<>();
      result = closeFuture;
      if (broken != null || finished || (!opened && !inFlight && queue.isEmpty())) {
        nowFinished = !finished;
        finished = true;
        closeFuture.complete(null);
      } else {
        CompletableFuture<Response> closeResponse = new CompletableFuture<>();
        closeResponse.whenComplete((r, t) -> result.complete(null));
        queue.addLast(new Pending(new Request.CloseStream(0), closeResponse));
        if (!inFlight) {
          toSend = drain();
          sendBaton = baton;
          sendBase = base;
        }
      }
    } finally {
      lock.unlock();
    }
    if (toSend != null) {
      send(toSend, sendBaton, sendBase);
    }
    if (nowFinished) {
      onClosed.run();
    }
    return result;
  }

  /** Fails queued requests with {@code cause} and forgets the stream (the transport is closing). */
  void abort(LibsqlException cause) {
    List<Pending> abandoned;
    lock.lock();
    try {
      if (broken == null) {
        broken = cause;
      }
      abandoned = new ArrayList<>(queue);
      queue.clear();
      finished = true;
      if (closeFuture == null) {
        closeFuture = CompletableFuture.completedFuture(null);
      } else {
        closeFuture.complete(null);
      }
    } finally {
      lock.unlock();
    }
    for (Pending p : abandoned) {
      p.future.completeExceptionally(cause);
    }
  }

  @Override
  public boolean isClosed() {
    lock.lock();
    try {
      return closeFuture != null || broken != null;
    } finally {
      lock.unlock();
    }
  }

  /** The base URL the next request goes to (for tests). */
  String base() {
    lock.lock();
    try {
      return base;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "HttpStream[" + endpoint.pipelinePath() + (isClosed() ? ", closed" : "") + "]";
  }
}
