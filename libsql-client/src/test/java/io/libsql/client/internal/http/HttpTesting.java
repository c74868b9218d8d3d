package io.libsql.client.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.call.Futures;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.Stmt;
import io.libsql.testing.SqldServer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Helpers for the HTTP transport tests: one shared sqld per JVM, awaiting futures, statements. */
final class HttpTesting {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static SqldServer shared;

  private HttpTesting() {}

  /** A plain sqld shared by the tests of this JVM (killed by libsql-testing's shutdown hook). */
  static synchronized SqldServer sqld() {
    if (shared == null) {
      shared = SqldServer.builder().start();
    }
    return shared;
  }

  static Config config(String url, Encoding encoding, int hranaVersion) {
    return Config.builder(url).encoding(encoding).hranaVersion(hranaVersion).build();
  }

  static String table() {
    return "h" + TABLES.incrementAndGet() + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
  }

  /** Waits up to 60 s and returns the value, or throws the LibsqlException behind the failure. */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw Futures.unwrap(e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("the future did not complete within 60 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Asserts that {@code future} fails with {@code code} and returns the exception. */
  static LibsqlException awaitFailure(String code, CompletableFuture<?> future) {
    try {
      Object value = await(future);
      return fail("expected " + code + " but the call succeeded with " + value);
    } catch (LibsqlException e) {
      assertEquals(code, e.code(), () -> "unexpected code; message: " + e.getMessage());
      return e;
    }
  }

  static Stmt stmt(String sql, Object... args) {
    return new Stmt(sql, null, Arrays.asList(args), List.of(), true);
  }

  static Batch batch(Stmt... stmts) {
    return new Batch(Arrays.stream(stmts).map(s -> new Batch.Step(null, s)).toList());
  }

  /** SQL producing {@code n} rows {@code (x, 'row-x')}, x from 1, without any table. */
  static String series(long n) {
    return "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + n + ") "
        + "SELECT x, 'row-' || x AS label FROM c";
  }
}
