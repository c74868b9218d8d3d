package io.libsql.client.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.AsyncClient;
import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.Libsql;
import io.libsql.client.ResultSet;
import io.libsql.client.Row;
import io.libsql.testing.SqldServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Config.maxResponseSize}: a response larger than the limit fails its own call with
 * RESPONSE_TOO_LARGE, on every transport and encoding, while calls around it (before, during,
 * after) are unaffected; a streamed result may be larger than the limit as long as each row fits.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResponseSizeLimitTest {
  static final long LIMIT = 64 * 1024;
  static final String BIG = "SELECT zeroblob(400000) AS b";
  static SqldServer sqld;

  @BeforeAll
  static void start() {
    sqld = SqldServer.builder().start();
  }

  @AfterAll
  static void stop() {
    sqld.close();
  }

  static Config config(String kind) {
    String[] parts = kind.split("-");
    String url = parts[0].equals("ws") ? sqld.wsUrl() : sqld.httpUrl();
    Config.Builder b = Config.builder(url).maxResponseSize(LIMIT).encoding(Encoding.valueOf(parts[1]));
    if (parts.length > 2) {
      b.hranaVersion(Integer.parseInt(parts[2]));
    }
    return b.build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ws-PROTOBUF", "ws-JSON", "ws-JSON-2", "ws-JSON-1", "http-PROTOBUF", "http-JSON"})
  void anOversizedResponseFailsOnlyItsCall(String kind) throws Exception {
    try (Client client = Libsql.createClient(config(kind)); AsyncClient async = Libsql.createAsyncClient(config(kind))) {
      assertEquals(1L, client.execute("SELECT 1").rows().get(0).getLong(0));
      LibsqlException e = assertThrows(LibsqlException.class, () -> client.execute(BIG));
      assertEquals(ErrorCode.RESPONSE_TOO_LARGE.name(), e.code(), e::toString);
      assertTrue(e.getMessage().contains("maxResponseSize (65536 bytes)"), e.getMessage());
      assertEquals(2L, client.execute("SELECT 2").rows().get(0).getLong(0));

      // Calls in flight around an oversized response on the same connection all get their own answers.
      List<CompletableFuture<ResultSet>> small = new ArrayList<>();
      CompletableFuture<ResultSet> big = null;
      for (int i = 0; i < 40; i++) {
        small.add(async.execute("SELECT ?", i));
        if (i == 20) {
          big = async.execute(BIG);
        }
      }
      for (int i = 0; i < small.size(); i++) {
        assertEquals((long) i, small.get(i).get(30, TimeUnit.SECONDS).rows().get(0).getLong(0));
      }
      CompletableFuture<ResultSet> bigCall = big;
      Exception failure = assertThrows(Exception.class, () -> bigCall.get(30, TimeUnit.SECONDS));
      LibsqlException cause = (LibsqlException) failure.getCause();
      assertEquals(ErrorCode.RESPONSE_TOO_LARGE.name(), cause.code(), cause::toString);
      assertEquals(3L, async.execute("SELECT 3").get(30, TimeUnit.SECONDS).rows().get(0).getLong(0));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ws-PROTOBUF", "ws-JSON", "http-PROTOBUF", "http-JSON"})
  void aStreamMayExceedTheLimitButNotOneRow(String kind) {
    try (Client client = Libsql.createClient(config(kind))) {
      String rows = "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 100)"
          + " SELECT i, zeroblob(?) AS b FROM s";
      try (Stream<Row> stream = client.stream(rows, 10_000)) {
        assertEquals(100, stream.count()); // about 1 MB in all, 16 times the limit
      }
      LibsqlException e = assertThrows(LibsqlException.class, () -> {
        try (Stream<Row> stream = client.stream(rows, 400_000)) {
          stream.count();
        }
      });
      assertEquals(ErrorCode.RESPONSE_TOO_LARGE.name(), e.code(), e::toString);
      assertEquals(4L, client.execute("SELECT 4").rows().get(0).getLong(0));
    }
  }

  @Test
  void theLimitIsValidated() {
    LibsqlException e = assertThrows(LibsqlException.class,
        () -> Config.builder(sqld.wsUrl()).maxResponseSize(100).build());
    assertEquals(ErrorCode.CONFIG_INVALID.name(), e.code());
    assertEquals("maxResponseSize must be between 1024 and 2147483631 bytes, not 100", e.getMessage());
    assertEquals(Config.DEFAULT_MAX_RESPONSE_SIZE, Config.builder(sqld.wsUrl()).build().maxResponseSize());
  }
}
