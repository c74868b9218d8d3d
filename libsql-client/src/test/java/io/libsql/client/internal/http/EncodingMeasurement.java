package io.libsql.client.internal.http;

import static io.libsql.client.internal.http.HttpTesting.await;
import static io.libsql.client.internal.http.HttpTesting.sqld;
import static io.libsql.client.internal.http.HttpTesting.stmt;

import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.internal.hrana.HranaCursor;
import io.libsql.client.internal.hrana.HranaStream;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.client.internal.proto.StmtResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A quick, bounded comparison of the JSON and Protobuf encodings over HTTP against a local sqld,
 * on the HRANA-NOTES workloads; it chose {@link HttpTransport#DEFAULT_ENCODING}. Not a test: run it
 * with {@code mvn -pl libsql-client test -Dtest=EncodingMeasurement -Dlibsql.measure=true}.
 * The encodings alternate in rounds so that machine noise hits both alike; the best round counts.
 *
 * <p>One run on a shared 2-core machine (sqld 0.24.32, loopback; the transport without the client
 * layer):
 * <pre>
 * W1 2000 sequential SELECT 1 (ops/s)              JSON  1,167   PROTOBUF  1,201   1.03
 * W3 20 x SELECT * 10000 rows x 5 cols (rows/s)    JSON 526,201  PROTOBUF 870,868  1.66
 * W4 1000 concurrent SELECT 1 (ops/s)              JSON  2,593   PROTOBUF  2,779   1.07
 * W5 200 tx of 5 INSERTs (tx/s)                    JSON    180   PROTOBUF    200   1.11
 * cursor 5 x 10000 rows x 5 cols (rows/s)          JSON 70,247   PROTOBUF 64,239   0.91
 * </pre>
 * The cursor figure is sqld's: it streams a 1,000,000-row cursor to curl at about 72,000 rows/s.
 */
@EnabledIfSystemProperty(named = "libsql.measure", matches = "true")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class EncodingMeasurement {
  private static final int ROUNDS = 5;

  @Test
  void measure() {
    String tab = HttpTesting.table();
    HttpTransport setup = new HttpTransport(Config.builder(sqld().httpUrl()).build());
    await(setup.execute(stmt("CREATE TABLE " + tab + " (a INTEGER, b TEXT, c REAL, d BLOB, e TEXT)")));
    await(setup.execute(stmt("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000) "
        + "INSERT INTO " + tab + " SELECT x, 'name-' || x, x * 0.5, randomblob(16), 'some longer text value ' || x FROM c")));
    String writes = HttpTesting.table();
    await(setup.execute(stmt("CREATE TABLE " + writes + " (x INTEGER, y TEXT)")));
    setup.close();

    Map<String, Map<Encoding, Double>> best = new LinkedHashMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      for (Encoding encoding : round % 2 == 0 ? List.of(Encoding.JSON, Encoding.PROTOBUF) : List.of(Encoding.PROTOBUF, Encoding.JSON)) {
        HttpTransport t = new HttpTransport(Config.builder(sqld().httpUrl()).encoding(encoding).build());
        try {
          for (int i = 0; i < 200; i++) {
            await(t.execute(stmt("SELECT 1")));
          }
          record(best, "W1 2000 sequential SELECT 1 (ops/s)", encoding, w1(t));
          record(best, "W3 20 x SELECT * 10000 rows x 5 cols (rows/s)", encoding, w3(t, tab));
          record(best, "W4 1000 concurrent SELECT 1 (ops/s)", encoding, w4(t));
          record(best, "W5 200 tx of 5 INSERTs (tx/s)", encoding, w5(t, writes));
          record(best, "cursor 5 x 10000 rows x 5 cols (rows/s)", encoding, cursor(t, tab));
        } finally {
          t.close();
        }
      }
    }
    System.out.println("best of " + ROUNDS + " rounds, higher is better");
    best.forEach((name, m) -> System.out.printf("%-48s JSON %,10.0f   PROTOBUF %,10.0f   protobuf/json %.2f%n",
        name, m.get(Encoding.JSON), m.get(Encoding.PROTOBUF), m.get(Encoding.PROTOBUF) / m.get(Encoding.JSON)));
  }

  private static void record(Map<String, Map<Encoding, Double>> best, String name, Encoding e, double value) {
    best.computeIfAbsent(name, k -> new LinkedHashMap<>()).merge(e, value, Math::max);
  }

  private static double perSecond(long count, long startNanos) {
    return count * 1e9 / (System.nanoTime() - startNanos);
  }

  private static double w1(HttpTransport t) {
    long start = System.nanoTime();
    for (int i = 0; i < 2000; i++) {
      await(t.execute(stmt("SELECT 1")));
    }
    return perSecond(2000, start);
  }

  private static double w3(HttpTransport t, String tab) {
    long start = System.nanoTime();
    long rows = 0;
    for (int i = 0; i < 20; i++) {
      StmtResult r = await(t.execute(stmt("SELECT * FROM " + tab)));
      rows += r.rows().size();
    }
    return perSecond(rows, start);
  }

  private static double w4(HttpTransport t) {
    long start = System.nanoTime();
    List<CompletableFuture<StmtResult>> all = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      all.add(t.execute(stmt("SELECT 1")));
    }
    all.forEach(HttpTesting::await);
    return perSecond(1000, start);
  }

  private static double w5(HttpTransport t, String tab) {
    long start = System.nanoTime();
    for (int tx = 0; tx < 200; tx++) {
      HranaStream s = await(t.openStream());
      await(s.execute(stmt("BEGIN")));
      for (int i = 0; i < 5; i++) {
        await(s.execute(stmt("INSERT INTO " + tab + " VALUES (?, ?)", (long) i, "value " + i)));
      }
      await(s.execute(stmt("COMMIT")));
      await(s.close());
    }
    return perSecond(200, start);
  }

  private static double cursor(HttpTransport t, String tab) {
    long start = System.nanoTime();
    long rows = 0;
    for (int i = 0; i < 5; i++) {
      HranaCursor c = await(t.openCursor(HttpTesting.batch(stmt("SELECT * FROM " + tab))));
      CursorEntry e;
      while ((e = c.next()) != null) {
        if (e instanceof CursorEntry.Row) {
          rows++;
        }
      }
      c.close();
    }
    return perSecond(rows, start);
  }
}
