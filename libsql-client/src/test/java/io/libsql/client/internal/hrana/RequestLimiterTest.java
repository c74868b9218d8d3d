package io.libsql.client.internal.hrana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestLimiterTest {

  @Test
  void runsAtMostThePermitsAtOnceInArrivalOrder() {
    RequestLimiter limiter = new RequestLimiter(2);
    List<CompletableFuture<Integer>> gates = new ArrayList<>();
    List<Integer> started = new ArrayList<>();
    List<CompletableFuture<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      CompletableFuture<Integer> gate = new CompletableFuture<>();
      gates.add(gate);
      results.add(limiter.run(() -> {
        started.add(n);
        return gate;
      }));
    }
    assertEquals(List.of(0, 1), started);
    assertEquals(3, limiter.waiting());
    gates.get(1).complete(1);
    assertEquals(List.of(0, 1, 2), started);
    gates.get(0).completeExceptionally(new IllegalStateException("failed op"));
    assertEquals(List.of(0, 1, 2, 3), started);
    gates.get(2).complete(2);
    gates.get(3).complete(3);
    gates.get(4).complete(4);
    assertEquals(List.of(0, 1, 2, 3, 4), started);
    assertEquals(2, limiter.available());
    assertTrue(results.get(0).isCompletedExceptionally());
    assertEquals(4, results.get(4).join());
  }

  @Test
  void anOperationThatThrowsReleasesItsPermit() {
    RequestLimiter limiter = new RequestLimiter(1);
    CompletableFuture<Object> f = limiter.run(() -> {
      throw new IllegalStateException("boom");
    });
    assertTrue(f.isCompletedExceptionally());
    assertEquals(1, limiter.available());
  }

  @Test
  void closeFailsWaitersAndLaterCalls() throws Exception {
    RequestLimiter limiter = new RequestLimiter(1);
    CompletableFuture<Integer> gate = new CompletableFuture<>();
    limiter.run(() -> gate);
    CompletableFuture<Integer> waiting = limiter.run(() -> CompletableFuture.completedFuture(1));
    assertFalse(waiting.isDone());
    limiter.close();
    assertClientClosed(waiting);
    assertClientClosed(limiter.run(() -> CompletableFuture.completedFuture(2)));
  }

  private static void assertClientClosed(CompletableFuture<?> f) throws InterruptedException {
    try {
      f.get(1, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertEquals(ErrorCode.CLIENT_CLOSED.name(), ((LibsqlException) e.getCause()).code());
      return;
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("not failed", e);
    }
    throw new AssertionError("expected CLIENT_CLOSED");
  }

  @Test
  void neverExceedsThePermitsUnderContention() throws Exception {
    RequestLimiter limiter = new RequestLimiter(4);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        all.add(limiter.run(() -> CompletableFuture.runAsync(() -> {
          int now = running.incrementAndGet();
          peak.accumulateAndGet(now, Math::max);
          Thread.onSpinWait();
          running.decrementAndGet();
        }, pool)));
      }
      CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
      assertTrue(peak.get() <= 4, "peak " + peak.get());
      assertEquals(4, limiter.available());
      assertEquals(0, limiter.waiting());
    } finally {
      pool.shutdownNow();
    }
  }
}
