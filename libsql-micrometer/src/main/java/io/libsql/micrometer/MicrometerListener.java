package io.libsql.micrometer;

import io.libsql.client.ClientListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * Records a libSQL client's events as Micrometer meters. Register it as the client's listener:
 *
 * <pre>{@code
 * Config config = Config.builder(url)
 *     .listener(MicrometerListener.builder(registry).tag("db", "orders").build())
 *     .build();
 * }</pre>
 *
 * <p>Meters (all with the builder's extra tags):
 * <ul>
 *   <li>{@code libsql.client.calls} (timer): every call, tagged {@code kind} ({@code execute},
 *       {@code batch}, {@code commit}, ...), {@code transaction} ({@code true}/{@code false}) and
 *       {@code outcome} ({@code success}, or the failure's code: {@code TIMEOUT},
 *       {@code SQLITE_CONSTRAINT_UNIQUE}, ...).
 *   <li>{@code libsql.client.rows} and {@code libsql.client.rows.affected} (counters, tagged
 *       {@code kind}): rows returned and rows changed by successful calls.
 *   <li>{@code libsql.client.connections} (counter): WebSocket connections, tagged {@code event}
 *       ({@code opened}, {@code closed}, {@code reconnect}) and, for {@code closed}, {@code code}
 *       ({@code none} when the client closed it).
 *   <li>{@code libsql.client.overload.retries} (counter): requests the server refused because it
 *       was overloaded (sqld's HTTP 429) and that the client sent again after a backoff.
 *   <li>{@code libsql.client.syncs} (timer, tagged {@code outcome}) and
 *       {@code libsql.client.sync.frames} (counter): embedded replica syncs.
 * </ul>
 * SQL text is never a tag (unbounded cardinality, and it may hold literals). Thread-safe; one
 * listener may serve several clients.
 */
public final class MicrometerListener implements ClientListener {
  private final MeterRegistry registry;
  private final Tags tags;

  private MicrometerListener(MeterRegistry registry, Tags tags) {
    this.registry = registry;
    this.tags = tags;
  }

  /** A listener recording into {@code registry} with no extra tags. */
  public static MicrometerListener of(MeterRegistry registry) {
    return builder(registry).build();
  }

  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  /** Builds a {@link MicrometerListener}; not thread-safe. */
  public static final class Builder {
    private final MeterRegistry registry;
    private Tags tags = Tags.empty();

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Adds a tag to every meter (e.g. the database's name). */
    public Builder tag(String key, String value) {
      tags = tags.and(Tag.of(key, value));
      return this;
    }

    public MicrometerListener build() {
      return new MicrometerListener(registry, tags);
    }
  }

  private static String kind(CallInfo call) {
    return call.kind().name().toLowerCase(java.util.Locale.ROOT);
  }

  private Timer calls(CallInfo call, String outcome) {
    return Timer.builder("libsql.client.calls")
        .description("libSQL client calls")
        .tags(tags)
        .tag("kind", kind(call))
        .tag("transaction", Boolean.toString(call.inTransaction()))
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public void callEnd(CallInfo call, Duration duration, long rows, long rowsAffected) {
    calls(call, "success").record(duration);
    if (rows > 0) {
      Counter.builder("libsql.client.rows").description("rows returned").tags(tags).tag("kind", kind(call))
          .register(registry).increment(rows);
    }
    if (rowsAffected > 0) {
      Counter.builder("libsql.client.rows.affected").description("rows inserted, updated or deleted").tags(tags)
          .tag("kind", kind(call)).register(registry).increment(rowsAffected);
    }
  }

  @Override
  public void callFailed(CallInfo call, Duration duration, String code) {
    calls(call, code == null ? "unknown" : code).record(duration);
  }

  private void connection(String event, String code) {
    Counter.builder("libsql.client.connections").description("WebSocket connections").tags(tags)
        .tag("event", event).tag("code", code).register(registry).increment();
  }

  @Override
  public void connectionOpened(String url, String protocol) {
    connection("opened", "none");
  }

  @Override
  public void connectionClosed(String url, String code) {
    connection("closed", code == null ? "none" : code);
  }

  @Override
  public void reconnect(String url) {
    connection("reconnect", "none");
  }

  @Override
  public void overloadRetry(String url, int attempt, Duration backoff) {
    Counter.builder("libsql.client.overload.retries").description("requests refused by an overloaded server and sent again")
        .tags(tags).register(registry).increment();
  }

  @Override
  public void syncEnd(Duration duration, long framesApplied, String code) {
    Timer.builder("libsql.client.syncs").description("embedded replica syncs").tags(tags)
        .tag("outcome", code == null ? "success" : code).register(registry).record(duration);
    if (framesApplied > 0) {
      Counter.builder("libsql.client.sync.frames").description("frames applied by syncs").tags(tags)
          .register(registry).increment(framesApplied);
    }
  }

  @Override
  public String toString() {
    return "MicrometerListener[" + registry.getClass().getSimpleName() + ", " + tags + "]";
  }
}
