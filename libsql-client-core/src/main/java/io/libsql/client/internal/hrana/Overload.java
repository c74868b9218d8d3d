package io.libsql.client.internal.hrana;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The server's "overloaded, try again" answers, and how long to wait before trying again.
 *
 * <p>sqld gives each server stream a database connection of its own, at most
 * {@code --max-concurrent-connections} (128) at once, and at most {@code --max-concurrent-requests}
 * (128) requests waiting for one. A request that needs a new connection and cannot get one within
 * about 1 s is refused with HTTP 429 ("Timed out while opening database connection", or "Too many
 * concurrent requests"); older sqld answered 503 with the same text. It refused the request before
 * running any of it, so it is safe to send again, writes included. Over WebSocket sqld has no
 * such answer: it drops the whole socket (see RELIABILITY.md).
 *
 * <p>The delay grows exponentially with "equal jitter" (half fixed, half random) so that many
 * refused clients do not come back in step, and is at least what a {@code Retry-After} header
 * asks for. Callers retry only within their call's deadline.
 */
public final class Overload {
  /** The first delay's upper bound; each further refusal doubles it, up to {@link #MAX_DELAY_NANOS}. */
  static final long BASE_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  static final long MAX_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private Overload() {}

  /** True for an HTTP answer that says the server refused the request, unrun, for lack of capacity. */
  public static boolean isOverloaded(int status, String bodyText) {
    if (status == 429) {
      return true;
    }
    if (status != 503 || bodyText == null) {
      return false;
    }
    String text = bodyText.toLowerCase(Locale.ROOT);
    return text.contains("opening database connection") || text.contains("too many concurrent requests");
  }

  /**
   * How long to wait before attempt {@code attempt + 1}, after {@code attempt} (1-based) refusals:
   * equal jitter over {@code min(MAX, BASE * 2^(attempt-1))}, and at least {@code retryAfterNanos}.
   */
  public static long delayNanos(int attempt, long retryAfterNanos) {
    long bound = BASE_DELAY_NANOS << Math.min(Math.max(attempt - 1, 0), 20);
    bound = Math.min(bound, MAX_DELAY_NANOS);
    long half = bound / 2;
    long delay = half + ThreadLocalRandom.current().nextLong(half + 1);
    return Math.max(delay, retryAfterNanos);
  }

  /**
   * A {@code Retry-After} header's value in nanoseconds (delta-seconds or an HTTP-date), or 0 when
   * absent or unreadable.
   */
  public static long retryAfterNanos(String header) {
    if (header == null || header.isBlank()) {
      return 0;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds <= 0 ? 0 : TimeUnit.SECONDS.toNanos(Math.min(seconds, 3600));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        long nanos = Duration.between(ZonedDateTime.now(at.getZone()), at).toNanos();
        return Math.max(0, Math.min(nanos, TimeUnit.HOURS.toNanos(1)));
      } catch (DateTimeParseException | ArithmeticException unreadable) {
        return 0;
      }
    }
  }
}
