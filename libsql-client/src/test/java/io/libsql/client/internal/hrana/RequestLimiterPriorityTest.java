package io.libsql.client.internal.hrana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The priority lane of {@link RequestLimiter}: requests on a stream the server holds (an open
 * transaction) go before queued one-shots and may use a reserve above the bound, so a COMMIT never
 * waits behind one-shot writes that wait on the server for that transaction's lock.
 */
class RequestLimiterPriorityTest {
  @Test
  void priorityOperationsUseTheReserveWhenEveryPermitIsTaken() {
    RequestLimiter limiter = new RequestLimiter(4); // reserve: max(4, 4 / 4) = 4
    List<CompletableFuture<Void>> blockers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      CompletableFuture<Void> hold = new CompletableFuture<>();
      blockers.add(hold);
      limiter.run(() -> hold);
    }
    CompletableFuture<Integer> oneShot = limiter.run(() -> CompletableFuture.completedFuture(1));
    assertFalse(oneShot.isDone(), "a one-shot waits for a permit");
    List<CompletableFuture<Integer>> priority = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      priority.add(limiter.run(true, () -> CompletableFuture.completedFuture(2)));
    }
    for (CompletableFuture<Integer> p : priority) {
      assertTrue(p.isDone(), "a priority request runs on the reserve");
    }
    // With the reserve busy too, a priority request waits, and goes before the waiting one-shot.
    CompletableFuture<Void> holdReserve = new CompletableFuture<>();
    List<CompletableFuture<Void>> reserveHolders = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      CompletableFuture<Void> h = new CompletableFuture<>();
      reserveHolders.add(h);
      limiter.run(true, () -> h);
    }
    List<String> order = new ArrayList<>();
    CompletableFuture<Void> lateOneShot = limiter.run(() -> {
      order.add("one-shot");
      return CompletableFuture.completedFuture(null);
    });
    CompletableFuture<Void> latePriority = limiter.run(true, () -> {
      order.add("priority");
      return holdReserve;
    });
    assertFalse(latePriority.isDone());
    blockers.get(0).complete(null); // one permit back: the priority request takes it
    assertEquals(List.of("priority"), order);
    assertTrue(oneShot.isDone() == false && !lateOneShot.isDone());
    holdReserve.complete(null);
    for (CompletableFuture<Void> h : reserveHolders) {
      h.complete(null);
    }
    for (int i = 1; i < 4; i++) {
      blockers.get(i).complete(null);
    }
    assertTrue(oneShot.isDone() && lateOneShot.isDone());
    assertEquals(List.of("priority", "one-shot"), order);
    assertEquals(4, limiter.available());
    assertEquals(0, limiter.waiting());
  }
}
