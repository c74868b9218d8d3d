package io.libsql.client.internal.call;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future an {@code AsyncClient} call returns. Its callbacks may run on the client's I/O thread
 * (a WebSocket's reader); waiting there for an unfinished call ({@code join}, {@code get}) would
 * wait for the thread that must deliver the answer and stall the whole connection. So, as the
 * blocking client does, such a wait fails at once with BLOCKING_ON_IO_THREAD. Futures derived from
 * this one ({@code thenApply}, ...) behave the same. Not API.
 */
public final class UserFuture<T> extends CompletableFuture<T> {
  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new UserFuture<>();
  }

  private void checkWait() {
    if (!isDone()) {
      Futures.checkNotIoThread(this);
    }
  }

  @Override
  public T join() {
    checkWait();
    return super.join();
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    checkWait();
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    checkWait();
    return super.get(timeout, unit);
  }
}
