package io.libsql.client.internal.hrana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OverloadBackoffTest {
  @Test
  void recognisesSqldsRefusals() {
    assertTrue(Overload.isOverloaded(429, "Timed out while opening database connection"));
    assertTrue(Overload.isOverloaded(429, ""), "any 429");
    assertTrue(Overload.isOverloaded(503, "{\"error\":\"Timed out while opening database connection\"}"), "older sqld");
    assertTrue(Overload.isOverloaded(503, "Too many concurrent requests"));
    assertFalse(Overload.isOverloaded(503, "upstream connect error"), "a 503 that does not say the request never ran");
    assertFalse(Overload.isOverloaded(500, "Timed out while opening database connection"));
    assertFalse(Overload.isOverloaded(400, null));
  }

  @Test
  void delaysGrowWithJitterUpToTheCap() {
    long base = Overload.BASE_DELAY_NANOS;
    for (int attempt = 1; attempt <= 12; attempt++) {
      long bound = Math.min(Overload.MAX_DELAY_NANOS, base << (attempt - 1));
      for (int i = 0; i < 200; i++) {
        long d = Overload.delayNanos(attempt, 0);
        assertTrue(d >= bound / 2 && d <= bound, "attempt " + attempt + ": " + d + " outside [" + bound / 2 + ", " + bound + "]");
      }
    }
    assertTrue(Overload.delayNanos(1_000_000, 0) <= Overload.MAX_DELAY_NANOS);
  }

  @Test
  void retryAfterIsHonoured() {
    assertEquals(TimeUnit.SECONDS.toNanos(3), Overload.delayNanos(1, Overload.retryAfterNanos("3")));
    assertEquals(TimeUnit.SECONDS.toNanos(2), Overload.retryAfterNanos(" 2 "));
    assertEquals(0, Overload.retryAfterNanos(null));
    assertEquals(0, Overload.retryAfterNanos("soon"));
    assertEquals(0, Overload.retryAfterNanos("-5"));
    assertEquals(TimeUnit.HOURS.toNanos(1), Overload.retryAfterNanos("86400"), "capped at an hour");
    String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
    long fromDate = Overload.retryAfterNanos(inTenSeconds);
    assertTrue(fromDate > TimeUnit.SECONDS.toNanos(7) && fromDate <= TimeUnit.SECONDS.toNanos(10), String.valueOf(fromDate));
    String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(10));
    assertEquals(0, Overload.retryAfterNanos(past));
  }
}
