package io.libsql.r2dbc;

import io.libsql.client.AsyncClient;
import io.libsql.client.Row;
import io.libsql.client.Statement;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A query's rows read from the client's cursor as the subscriber asks for them.
 *
 * <p>The client's cursor API ({@link AsyncClient#stream}) blocks while it fetches the next rows, so
 * the rows are read, and emitted, on one worker of Reactor's {@code boundedElastic} scheduler, never
 * on the subscriber's thread. All cursor access runs on that worker, one task at a time, which is
 * what the cursor (not thread-safe) needs. Cancelling stops reading and closes the cursor, which
 * releases it on the server. A remote fetch in progress is stopped at once (see
 * {@code Drain.stopRead}); a local SQLite step runs to its next row first.
 */
final class CursorFlux {
  private CursorFlux() {}

  static Flux<Row> of(AsyncClient client, Statement statement) {
    return of(client, statement, Schedulers.boundedElastic());
  }

  static Flux<Row> of(AsyncClient client, Statement statement, Scheduler scheduler) {
    return Flux.create(sink -> {
      Drain drain = new Drain(client, statement, sink, scheduler.createWorker());
      sink.onRequest(n -> drain.schedule());
      sink.onDispose(drain::dispose);
    }, FluxSink.OverflowStrategy.ERROR);
  }

  /** Reads the cursor; every method but schedule() and dispose() runs on the worker. */
  private static final class Drain {
    private final AsyncClient client;
    private final Statement statement;
    private final FluxSink<Row> sink;
    private final Scheduler.Worker worker;
    /** The client's transport: file, ws or http. */
    private final String protocol;
    private final Object lock = new Object();
    /** Guarded by lock: cancelled or terminated. */
    private boolean disposed;
    /** Guarded by lock: the worker's thread while it waits for rows, else null. */
    private Thread reading;
    // Confined to the worker:
    private CompletableFuture<Stream<Row>> opening;
    /** Set on the worker; read by dispose() to stop a read. */
    private volatile Stream<Row> stream;
    private Iterator<Row> rows;
    private boolean done;

    Drain(AsyncClient client, Statement statement, FluxSink<Row> sink, Scheduler.Worker worker) {
      this.client = client;
      this.statement = statement;
      this.sink = sink;
      this.worker = worker;
      this.protocol = client.protocol();
    }

    void schedule() {
      if (!worker.isDisposed()) {
        worker.schedule(this::drain);
      }
    }

    void dispose() {
      synchronized (lock) {
        disposed = true;
        if (reading != null) {
          stopRead();
        }
      }
      if (!worker.isDisposed()) {
        worker.schedule(() -> {
          done = true;
          close();
          worker.dispose();
        });
      }
    }

    private void drain() {
      if (done || sink.isCancelled()) {
        return;
      }
      if (rows == null) {
        if (opening == null) {
          opening = client.stream(statement);
          opening.whenComplete((s, e) -> schedule());
          return;
        }
        if (!opening.isDone()) {
          return;
        }
        try {
          stream = opening.join();
          rows = stream.iterator();
        } catch (RuntimeException e) {
          fail(e);
          return;
        }
      }
      try {
        while (sink.requestedFromDownstream() > 0 && !sink.isCancelled()) {
          if (!hasNext()) {
            if (isDisposed()) {
              return; // cancelled while reading: dispose() closes the cursor
            }
            done = true;
            close();
            sink.complete();
            return;
          }
          sink.next(rows.next());
        }
      } catch (RuntimeException e) {
        if (isDisposed()) {
          return; // the read was interrupted by the cancellation, which closed the cursor
        }
        fail(e);
      }
    }

    /** The cursor's next step, interruptible by {@link #dispose()} while it waits. */
    private boolean hasNext() {
      synchronized (lock) {
        if (disposed) {
          return false;
        }
        reading = Thread.currentThread();
      }
      try {
        return rows.hasNext();
      } finally {
        synchronized (lock) {
          reading = null;
          if (disposed && "ws".equals(protocol)) {
            Thread.interrupted(); // an interrupt meant for this read only: not for the worker's next task
          }
        }
      }
    }

    /**
     * Ends the worker's wait for rows (called holding the lock, while it waits). Over ws the wait is
     * for the next fetch, which an interrupt ends; the cursor then closes its stream. Over http the
     * wait is a read of the response body, which the JDK 17 HttpClient does not end on interrupt:
     * closing the rows from here closes the body, and the reader closes the cursor. A local step
     * cannot be stopped this way; its cursor closes when the step returns.
     */
    private void stopRead() {
      if ("ws".equals(protocol)) {
        reading.interrupt();
      } else if ("http".equals(protocol)) {
        stream.close();
      }
    }

    private boolean isDisposed() {
      synchronized (lock) {
        return disposed;
      }
    }

    private void fail(RuntimeException e) {
      done = true;
      close();
      sink.error(Errors.map(e));
    }

    private void close() {
      if (stream != null) {
        stream.close();
        stream = null;
      } else if (opening != null) {
        // Stops a query still producing its first rows; one that opened meanwhile is closed.
        if (!opening.cancel(true)) {
          opening.thenAccept(Stream::close);
        }
      }
    }
  }
}
