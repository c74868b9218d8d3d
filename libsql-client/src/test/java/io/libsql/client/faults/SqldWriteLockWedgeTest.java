package io.libsql.client.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.testing.SqldServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A reproduction of sqld 0.24.32's write-lock wedge with raw Hrana frames and no client library
 * (RELIABILITY.md, "the write-lock wedge"): 64 threads send JSON pipelines to {@code /v2/pipeline},
 * the LoadTest mix of reads, write batches ({@code BEGIN IMMEDIATE ... COMMIT}) and interactive
 * write transactions over batons, each writer free to wait in sqld's write queue. On a busy 2-core
 * machine (four CPU-bound loops beside it) sqld stops granting its write lock within seconds to
 * minutes: its threads spin in {@code ManagedConnectionWalWrapper::acquire}, reads still answer,
 * and a write on a brand-new stream hangs too, after every client request has ended. The official
 * TypeScript client wedges it the same way. The client avoids it by keeping at most two writers of
 * its own in sqld's queue ({@code HranaEngine}'s write lane): the same mix through the client ran
 * 685,000 requests in 10 minutes without a stall where the unbounded mix stalled after 8,500 to
 * 116,000.
 *
 * <p>Not in the default run (it needs minutes and a loaded machine): {@code mvn -pl libsql-client
 * test -Pstress -Dtest=SqldWriteLockWedgeTest}. Skipped when the wedge does not show up in time.
 */
@Tag("stress")
class SqldWriteLockWedgeTest {
  static final int THREADS = 64;
  static final long MAX_MINUTES = 10;

  @Test
  void unboundedRawWritersWedgeSqld() throws Exception {
    try (SqldServer sqld = SqldServer.builder().start()) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String url = sqld.httpUrl() + "/v2/pipeline";
      pipeline(http, url, null, Duration.ofSeconds(30), exec("CREATE TABLE load (n INTEGER)"), "{\"type\":\"close\"}");
      AtomicLong next = new AtomicLong();
      AtomicLong writes = new AtomicLong();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      for (int t = 0; t < THREADS; t++) {
        pool.submit(() -> {
          while (!stop.get()) {
            long n = next.getAndIncrement();
            try {
              if (n % 50 == 7) {
                String baton = baton(pipeline(http, url, null, Duration.ofSeconds(60), exec("BEGIN IMMEDIATE"),
                    exec("INSERT INTO load VALUES (" + n + ")")));
                baton = baton(pipeline(http, url, baton, Duration.ofSeconds(60), exec("INSERT INTO load VALUES (" + -n + ")")));
                pipeline(http, url, baton, Duration.ofSeconds(60), exec("COMMIT"), "{\"type\":\"close\"}");
                writes.incrementAndGet();
              } else if (n % 10 == 3) {
                pipeline(http, url, null, Duration.ofSeconds(60), "{\"type\":\"batch\",\"batch\":{\"steps\":["
                    + "{\"stmt\":{\"sql\":\"BEGIN IMMEDIATE\"}},"
                    + "{\"condition\":{\"type\":\"ok\",\"step\":0},\"stmt\":{\"sql\":\"INSERT INTO load VALUES (" + n + ")\"}},"
                    + "{\"condition\":{\"type\":\"ok\",\"step\":1},\"stmt\":{\"sql\":\"COMMIT\"}},"
                    + "{\"condition\":{\"type\":\"not\",\"cond\":{\"type\":\"ok\",\"step\":2}},\"stmt\":{\"sql\":\"ROLLBACK\"}}]}}",
                    "{\"type\":\"close\"}");
                writes.incrementAndGet();
              } else {
                pipeline(http, url, null, Duration.ofSeconds(60), exec("SELECT " + n + " + 1"), "{\"type\":\"close\"}");
              }
            } catch (Exception e) {
              // a timed-out or refused request: the stall detector below decides
            }
          }
          return null;
        });
      }
      boolean wedged = false;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(MAX_MINUTES);
      long last = -1;
      int still = 0;
      while (System.nanoTime() < deadline && !wedged) {
        Thread.sleep(5000);
        long w = writes.get();
        still = w == last ? still + 1 : 0;
        last = w;
        wedged = still >= 4; // no write for 20 s
      }
      stop.set(true);
      pool.shutdownNow();
      Assumptions.assumeTrue(wedged, "sqld kept granting its write lock for " + MAX_MINUTES + " minutes ("
          + next.get() + " requests): not reproduced on this machine; run it with four CPU-bound loops beside it");
      // Every request of the load has ended (or been abandoned); a new write on a new stream still hangs.
      pool.awaitTermination(70, TimeUnit.SECONDS);
      boolean writeHangs;
      try {
        pipeline(http, url, null, Duration.ofSeconds(20), exec("INSERT INTO load VALUES (0)"), "{\"type\":\"close\"}");
        writeHangs = false;
      } catch (java.net.http.HttpTimeoutException e) {
        writeHangs = true;
      }
      String read = pipeline(http, url, null, Duration.ofSeconds(20), exec("SELECT count(*) FROM load"), "{\"type\":\"close\"}");
      System.out.println("sqld write-lock wedge reproduced after " + next.get() + " requests (" + writes.get()
          + " writes); a new write hangs: " + writeHangs + "; a read still answers: " + read);
      assertTrue(writeHangs, "writes stalled during the load but a new write went through afterwards");
    }
  }

  private static String exec(String sql) {
    return "{\"type\":\"execute\",\"stmt\":{\"sql\":\"" + sql + "\"}}";
  }

  private static final Pattern BATON = Pattern.compile("\"baton\":\"([^\"]+)\"");

  private static String baton(String responseBody) {
    Matcher m = BATON.matcher(responseBody);
    return m.find() ? m.group(1) : null;
  }

  /** POSTs a v2 pipeline of {@code requests}; returns the response body. */
  private static String pipeline(HttpClient http, String url, String baton, Duration timeout, String... requests)
      throws Exception {
    String body = "{\"baton\":" + (baton == null ? "null" : "\"" + baton + "\"") + ",\"requests\":["
        + String.join(",", requests) + "]}";
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.body();
  }
}
