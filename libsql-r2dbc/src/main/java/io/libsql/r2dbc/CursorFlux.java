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
 * what the cursor (not thread-safe) needs. Cancelling stops reading and closes the cursor (after the
 * fetch in progress, if any), which releases it on the server.
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
    // Confined to the worker:
    private CompletableFuture<Stream<Row>> opening;
    private Stream<Row> stream;
    private Iterator<Row> rows;
    private boolean done;

    Drain(AsyncClient client, Statement statement, FluxSink<Row> sink, Scheduler.Worker worker) {
      this.client = client;
      this.statement = statement;
      this.sink = sink;
      this.worker = worker;
    }

    void schedule() {
      if (!worker.isDisposed()) {
        worker.schedule(this::drain);
      }
    }

    void dispose() {
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
          if (!rows.hasNext()) {
            done = true;
            close();
            sink.complete();
            return;
          }
          sink.next(rows.next());
        }
      } catch (RuntimeException e) {
        fail(e);
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
