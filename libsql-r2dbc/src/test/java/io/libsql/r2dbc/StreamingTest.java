package io.libsql.r2dbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

/**
 * A million-row query streams through a small heap (the module's tests run with -Xmx96m; buffered,
 * these rows would take over 200 MB).
 */
class StreamingTest {
  private static final String MILLION = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000)"
      + " SELECT x, printf('%0100d', x) AS pad FROM c";

  /** A local file and ws (http cursors are the same code above the transport; they take 3x longer here). */
  static Stream<String> urls() throws Exception {
    return DriverTest.urls().limit(2);
  }

  @ParameterizedTest
  @MethodSource("urls")
  void aMillionRowsStreamWithBackPressure(String url) {
    long[] sum = new long[1];
    Long count = Flux.usingWhen(ConnectionFactories.get(url).create(),
        c -> Flux.from(c.createStatement(MILLION).execute())
            .flatMap(r -> r.map(row -> row.get(0, Long.class) + row.get(1, String.class).length()))
            .limitRate(64)
            .doOnNext(v -> sum[0] += v),
        Connection::close).count().block(Duration.ofMinutes(2));
    assertEquals(1_000_000L, count);
    assertEquals(1_000_000L * 1_000_001L / 2 + 100L * 1_000_000L, sum[0]);
  }
}
