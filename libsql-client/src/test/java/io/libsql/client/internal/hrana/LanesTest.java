package io.libsql.client.internal.hrana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admission rule shared by the ws connection's requests in flight and {@link RequestLimiter}. */
class LanesTest {
  @Test
  void thePriorityLaneHasAReserveAndIsServedFirstInCallOrder() {
    Lanes<String> lanes = new Lanes<>(2); // reserve: max(4, 2 / 4) = 4
    assertEquals(6, lanes.priorityPermits());
    assertTrue(lanes.offer("a", false));
    assertTrue(lanes.offer("b", false));
    assertFalse(lanes.offer("c", false), "one-shots wait at the bound");
    for (int i = 0; i < 4; i++) {
      assertTrue(lanes.offer("p" + i, true), "priority requests use the reserve");
    }
    assertFalse(lanes.offer("q", true));
    assertFalse(lanes.offer("r", true));
    assertFalse(lanes.offer("d", false));
    assertEquals(6, lanes.running());
    assertEquals(4, lanes.waiting());

    List<String> admitted = new ArrayList<>();
    lanes.release(admitted::add);
    lanes.release(admitted::add);
    assertEquals(List.of("q", "r"), admitted, "priority waiters first, in order");
    for (int i = 0; i < 4; i++) {
      lanes.release(admitted::add);
    }
    assertEquals(List.of("q", "r"), admitted, "one-shots wait until running is below the ordinary bound");
    lanes.release(admitted::add);
    assertEquals(List.of("q", "r", "c"), admitted);
    assertEquals(List.of("d"), lanes.clear());
    assertEquals(0, lanes.waiting());
  }

  @Test
  void aOneShotDoesNotOvertakeAWaitingPriorityRequest() {
    Lanes<String> lanes = new Lanes<>(1);
    for (int i = 0; i < 5; i++) {
      assertTrue(lanes.offer("p" + i, true));
    }
    assertFalse(lanes.offer("p5", true));
    List<String> admitted = new ArrayList<>();
    lanes.release(admitted::add);
    assertEquals(List.of("p5"), admitted);
    assertFalse(lanes.offer("one-shot", false), "bound reached");
  }
}
