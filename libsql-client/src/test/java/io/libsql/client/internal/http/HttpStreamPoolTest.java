package io.libsql.client.internal.http;

import static io.libsql.client.internal.http.HttpTesting.await;
import static io.libsql.client.internal.http.HttpTesting.batch;
import static io.libsql.client.internal.http.HttpTesting.sqld;
import static io.libsql.client.internal.http.HttpTesting.stmt;
import static io.libsql.client.internal.http.HttpTesting.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.internal.proto.StmtResult;
import io.libsql.testing.SqldServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One-shot calls reuse pooled server streams, without leaking state or batons between them. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpStreamPoolTest {

  enum Mode {
    JSON(Encoding.JSON, 0),
    PROTOBUF(Encoding.PROTOBUF, 0),
    V2(Encoding.JSON, 2);

    final Encoding encoding;
    final int version;

    Mode(Encoding encoding, int version) {
      this.encoding = encoding;
      this.version = version;
    }

    HttpTransport open(String url) {
      return new HttpTransport(Config.builder(url).encoding(encoding).hranaVersion(version).build());
    }
  }

  /** SQLite's last_insert_rowid() is per connection: a later one-shot sees it only on the same stream. */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void sequentialOneShotsRunOnOneServerStream(Mode mode) {
    HttpTransport t = mode.open(sqld().httpUrl());
    try {
      String tab = table();
      await(t.execute(stmt("CREATE TABLE " + tab + " (id INTEGER PRIMARY KEY, v)")));
      await(t.execute(stmt("INSERT INTO " + tab + " VALUES (41, 'x')")));
      long before = t.pipelinesSent();
      for (int i = 0; i < 20; i++) {
        assertEquals(41L, await(t.execute(stmt("SELECT last_insert_rowid()"))).rows().get(0)[0]);
      }
      assertEquals(20, t.pipelinesSent() - before, "no close requests between reused one-shots");
      assertEquals(1, t.batons().idle());
      assertEquals(1, t.batons().owned());
    } finally {
      t.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aBeginSentAsOneShotDoesNotCaptureLaterOneShots(Mode mode) {
    HttpTransport t = mode.open(sqld().httpUrl());
    HttpTransport other = mode.open(sqld().httpUrl());
    try {
      String tab = table();
      await(t.execute(stmt("CREATE TABLE " + tab + " (x)")));
      await(t.execute(stmt("SELECT 1"))); // a stream is pooled
      await(t.execute(stmt("BEGIN")));
      await(t.execute(stmt("INSERT INTO " + tab + " VALUES (1)")));
      assertEquals(1L, await(other.execute(stmt("SELECT count(*) FROM " + tab))).rows().get(0)[0],
          "the INSERT after a one-shot BEGIN must be committed");
      await(t.sequence("BEGIN; INSERT INTO " + tab + " VALUES (2)"));
      assertEquals(1L, await(t.execute(stmt("SELECT count(*) FROM " + tab))).rows().get(0)[0],
          "a script's open transaction must stay on its own stream, which is closed (rolled back)");
      assertEquals(1, t.batons().owned(), "the stream left in a transaction is not pooled");
    } finally {
      t.close();
      other.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPragmaDoesNotReachLaterOneShots(Mode mode) {
    HttpTransport t = mode.open(sqld().httpUrl());
    try {
      Object initial = await(t.execute(stmt("PRAGMA foreign_keys"))).rows().get(0)[0];
      await(t.execute(stmt("SELECT 1")));
      Object flipped = Long.valueOf(0L).equals(initial) ? "ON" : "OFF";
      await(t.execute(stmt("PRAGMA foreign_keys = " + flipped)));
      for (int i = 0; i < 3; i++) {
        assertEquals(initial, await(t.execute(stmt("PRAGMA foreign_keys"))).rows().get(0)[0]);
      }
      assertEquals(1, t.batons().owned());
    } finally {
      t.close();
    }
  }

  /**
   * A batch brackets its statements with BEGIN and COMMIT: it runs on a pooled stream as {@code
   * [batch, get_autocommit]} (Hrana 3), and the stream goes back to the pool only in autocommit
   * mode. A batch that leaves its transaction open has its stream closed, and so rolled back, before
   * the caller sees the outcome; the pool does not keep it. Hrana 2 cannot ask, so there a batch
   * runs as {@code [batch, close]} on a stream of its own.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void batchesReuseAPooledStreamOnlyBackInAutocommit(Mode mode) {
    HttpTransport t = mode.open(sqld().httpUrl());
    try {
      String tab = table();
      await(t.execute(stmt("CREATE TABLE " + tab + " (id INTEGER PRIMARY KEY)")));
      await(t.batch(batch(stmt("BEGIN"), stmt("INSERT INTO " + tab + " VALUES (77)"), stmt("COMMIT"))));
      boolean hrana3 = await(t.version()) >= 3;
      assertEquals(hrana3 ? 77L : 0L, await(t.execute(stmt("SELECT last_insert_rowid()"))).rows().get(0)[0],
          hrana3 ? "the batch ran on the pooled stream" : "the batch ran on a stream of its own");
      // A batch that leaves its transaction open: its stream is closed, its write rolled back.
      await(t.batch(batch(stmt("BEGIN"), stmt("INSERT INTO " + tab + " VALUES (78)"))));
      assertEquals(1L, await(t.execute(stmt("SELECT count(*) FROM " + tab))).rows().get(0)[0]);
      assertEquals(1, t.batons().owned());
    } finally {
      t.close();
    }
  }

  /** sqld answers 400 "Received a baton that has already been used": nothing ran, so it is sent again. */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRefusedPooledBatonIsRetriedOnceOnANewStream(Mode mode) throws Exception {
    HttpTransport t = mode.open(sqld().httpUrl());
    try {
      String tab = table();
      await(t.execute(stmt("CREATE TABLE " + tab + " (x)")));
      List<String> idle = t.batons().idleBatons();
      assertEquals(1, idle.size());
      spend(idle.get(0));
      long before = t.pipelinesSent();
      assertEquals(1, await(t.execute(stmt("INSERT INTO " + tab + " VALUES (1)"))).affectedRowCount());
      assertEquals(2, t.pipelinesSent() - before, "the refused request and its retry");
      assertEquals(1L, await(t.execute(stmt("SELECT count(*) FROM " + tab))).rows().get(0)[0]);
      assertEquals(1, t.batons().owned());
    } finally {
      t.close();
    }
  }

  /** After a restart sqld answers 400 "Received an invalid baton" for every old one. */
  @Test
  void pooledBatonsSurviveAServerRestart() {
    try (SqldServer server = SqldServer.builder().start()) {
      HttpTransport t = Mode.PROTOBUF.open(server.httpUrl());
      try {
        List<CompletableFuture<StmtResult>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          calls.add(t.execute(stmt("SELECT ?", (long) i)));
        }
        calls.forEach(HttpTesting::await);
        assertTrue(t.batons().idle() >= 1);
        server.restart();
        long before = t.pipelinesSent();
        assertEquals(7L, await(t.execute(stmt("SELECT 7"))).rows().get(0)[0]);
        assertEquals(2, t.pipelinesSent() - before, "one refusal, one retry; the other idle batons are dropped");
        assertEquals(1, t.batons().idle());
        assertEquals(1, t.batons().owned());
      } finally {
        t.close();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void concurrentCallsStayWithinThePoolBound(Mode mode) {
    HttpTransport t = new HttpTransport(Config.builder(sqld().httpUrl()).encoding(mode.encoding)
        .hranaVersion(mode.version).concurrency(8).build());
    try {
      for (int round = 0; round < 3; round++) {
        List<CompletableFuture<StmtResult>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          calls.add(t.execute(stmt("SELECT ?", (long) i)));
          assertTrue(t.batons().owned() <= 8, "owned " + t.batons().owned());
        }
        for (int i = 0; i < 200; i++) {
          assertEquals((long) i, await(calls.get(i)).rows().get(0)[0]);
        }
        assertTrue(t.batons().idle() <= 8 && t.batons().idle() >= 1, "idle " + t.batons().idle());
        assertEquals(t.batons().idle(), t.batons().owned(), "every leased stream came back");
      }
    } finally {
      t.close();
    }
  }

  @Test
  void closeSendsCloseForIdleStreamsAndReturnsPromptly() {
    HttpTransport t = Mode.PROTOBUF.open(sqld().httpUrl());
    List<CompletableFuture<StmtResult>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calls.add(t.execute(stmt("SELECT 1")));
    }
    calls.forEach(HttpTesting::await);
    int idle = t.batons().idle();
    long before = t.pipelinesSent();
    long start = System.nanoTime();
    t.close();
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
    assertEquals(idle, t.pipelinesSent() - before);
    assertEquals(0, t.batons().owned());
  }

  /** Spends {@code baton} behind the transport's back (and closes the stream it leads to). */
  private static void spend(String baton) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String body = "{\"baton\":\"" + baton + "\",\"requests\":[{\"type\":\"close\"}]}";
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sqld().httpUrl() + "/v3/pipeline"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertNotNull(r.body());
  }
}
