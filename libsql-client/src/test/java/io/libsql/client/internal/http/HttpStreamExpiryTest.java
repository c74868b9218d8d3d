package io.libsql.client.internal.http;

import static io.libsql.client.internal.http.HttpTesting.await;
import static io.libsql.client.internal.http.HttpTesting.awaitFailure;
import static io.libsql.client.internal.http.HttpTesting.sqld;
import static io.libsql.client.internal.http.HttpTesting.stmt;
import static io.libsql.client.internal.http.HttpTesting.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.hrana.HranaStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A transaction left idle past sqld's stream expiry (about 10 s) fails with STREAM_EXPIRED, is never
 * retried, and nothing of it is committed. One wait covers all three endpoints.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HttpStreamExpiryTest {
  /** sqld 0.24 expires idle HTTP streams after 10 s; wait comfortably past that. */
  private static final long IDLE_MILLIS = 15_000;

  @Test
  void anIdleTransactionExpiresWithStreamExpiredAndIsRolledBack() throws InterruptedException {
    List<Config> configs = List.of(
        Config.builder(sqld().httpUrl()).encoding(Encoding.JSON).build(),
        Config.builder(sqld().httpUrl()).encoding(Encoding.PROTOBUF).build(),
        Config.builder(sqld().httpUrl()).hranaVersion(2).build());
    List<HttpTransport> transports = new ArrayList<>();
    List<HranaStream> streams = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    try {
      for (Config config : configs) {
        HttpTransport t = new HttpTransport(config);
        transports.add(t);
        String tab = table();
        tables.add(tab);
        await(t.execute(stmt("CREATE TABLE " + tab + " (x)")));
        HranaStream s = await(t.openStream());
        streams.add(s);
        await(s.execute(stmt("BEGIN")));
        await(s.execute(stmt("INSERT INTO " + tab + " VALUES (1)")));
      }
      Thread.sleep(IDLE_MILLIS);
      for (int i = 0; i < configs.size(); i++) {
        HttpTransport t = transports.get(i);
        HranaStream s = streams.get(i);
        long before = t.pipelinesSent();
        LibsqlException e = awaitFailure(ErrorCode.STREAM_EXPIRED.name(), s.execute(stmt("COMMIT")));
        assertTrue(e.getMessage().contains("idle too long"), e.getMessage());
        assertEquals(1, t.pipelinesSent() - before, "the expired request must not be retried");
        // Every later call says the same, without a round trip.
        awaitFailure(ErrorCode.STREAM_EXPIRED.name(), s.execute(stmt("SELECT 1")));
        assertEquals(1, t.pipelinesSent() - before);
        await(s.close());
        assertTrue(s.isClosed());
        assertEquals(0L, await(t.execute(stmt("SELECT count(*) FROM " + tables.get(i)))).rows().get(0)[0],
            "nothing of the expired transaction may be committed");
      }
    } finally {
      transports.forEach(HttpTransport::close);
    }
  }
}
