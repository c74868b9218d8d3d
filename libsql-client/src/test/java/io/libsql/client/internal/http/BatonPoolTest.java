package io.libsql.client.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BatonPoolTest {
  private final AtomicLong now = new AtomicLong();
  private final BatonPool pool = new BatonPool(2, 5_000, now::get);

  @Test
  void takesTheNewestIdleBatonFirst() {
    BatonPool.Lease a = pool.acquire(true);
    BatonPool.Lease b = pool.acquire(true);
    assertNull(a.baton);
    assertTrue(pool.release(a, "a", "http://h"));
    now.addAndGet(10);
    assertTrue(pool.release(b, "b", "http://h"));
    BatonPool.Lease taken = pool.acquire(true);
    assertEquals("b", taken.baton);
    assertEquals("http://h", taken.base);
  }

  @Test
  void neverOwnsMoreThanItsCapacity() {
    BatonPool.Lease a = pool.acquire(true);
    BatonPool.Lease b = pool.acquire(true);
    assertNull(pool.acquire(true), "full: the call runs outside the pool");
    pool.discard(a);
    pool.discard(a);
    assertEquals(1, pool.owned(), "a lease comes back once");
    assertFalse(pool.release(a, "a", "http://h"));
    assertTrue(pool.release(b, "b", "http://h"));
    assertEquals(1, pool.owned());
    assertNull(pool.acquire(false).baton, "a new stream, though one is idle");
    assertEquals(2, pool.owned());
  }

  @Test
  void forgetsBatonsIdleTooLongWithoutAsking() {
    BatonPool.Lease a = pool.acquire(true);
    BatonPool.Lease b = pool.acquire(true);
    pool.release(a, "a", "http://h");
    now.addAndGet(1_000);
    pool.release(b, "b", "http://h");
    now.addAndGet(4_999);
    assertEquals("b", pool.acquire(true).baton, "idle 4,999 ns: still good");
    now.addAndGet(1);
    BatonPool.Lease fresh = pool.acquire(true);
    assertNull(fresh.baton, "'a' idle 6,000 ns is dropped; a new stream instead");
    assertEquals(0, pool.idle());
    assertEquals(2, pool.owned());
  }

  @Test
  void expiredGivesUpTheBatonsIdleTooLongForClosing() {
    BatonPool.Lease a = pool.acquire(true);
    BatonPool.Lease b = pool.acquire(true);
    pool.release(a, "a", "http://h");
    now.addAndGet(1_000);
    pool.release(b, "b", "http://h");
    assertEquals(List.of(), pool.expired());
    now.addAndGet(4_000);
    assertEquals(List.of("a"), pool.expired().stream().map(l -> l.baton).toList(), "'a' idle 5,000 ns");
    assertEquals(1, pool.owned(), "its place is free");
    now.addAndGet(1_000);
    assertEquals(List.of("b"), pool.expired().stream().map(l -> l.baton).toList());
    assertEquals(0, pool.owned());
    assertEquals(0, pool.idle());
  }

  @Test
  void closeHandsBackTheFreshIdleBatonsAndRefusesMore() {
    BatonPool three = new BatonPool(3, 5_000, now::get);
    BatonPool.Lease a = three.acquire(true);
    BatonPool.Lease b = three.acquire(true);
    BatonPool.Lease c = three.acquire(true);
    three.release(a, "a", "http://h");
    now.addAndGet(6_000);
    three.release(b, "b", "http://h");
    assertEquals(List.of("b"), three.close().stream().map(l -> l.baton).toList(), "'a' is stale, 'c' leased");
    assertFalse(three.release(c, "c", "http://h"));
    assertNull(three.acquire(true));
    assertEquals(0, three.owned());
  }
}
