package io.libsql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The production controls' configuration: defaults, validation, what toString shows. */
class ConfigControlsTest {
  @Test
  void requestTimeoutDefaults() {
    assertEquals(Duration.ZERO, Config.builder("file:x.db").build().requestTimeout(), "local files: no limit");
    assertEquals(Duration.ZERO, Config.builder(":memory:").build().requestTimeout());
    assertEquals(Duration.ofSeconds(60), Config.builder("ws://127.0.0.1:8080").build().requestTimeout());
    assertEquals(Duration.ofSeconds(60), Config.builder("https://db.example.com").build().requestTimeout());
    assertEquals(Duration.ofSeconds(60), Config.builder("libsql://db.example.com").build().requestTimeout());
    assertEquals(Duration.ofSeconds(60),
        Config.builder("file:r.db").syncUrl("http://127.0.0.1:8080").build().requestTimeout(), "replicas");
    assertEquals(Duration.ZERO, Config.builder("ws://127.0.0.1:8080").requestTimeout(Duration.ZERO).build().requestTimeout());
    assertEquals("CONFIG_INVALID", assertThrows(LibsqlException.class,
        () -> Config.builder("ws://127.0.0.1:8080").requestTimeout(Duration.ofSeconds(-1)).build()).code());
  }

  @Test
  void supplierListenerAndRetryReadsSurviveToBuilder() {
    Supplier<String> supplier = () -> "tok";
    ClientListener listener = new ClientListener() {};
    Config c = Config.builder("http://127.0.0.1:8080").authTokenSupplier(supplier).listener(listener).retryReads(false).build();
    Config copy = c.toBuilder().build();
    assertSame(supplier, copy.authTokenSupplier());
    assertSame(listener, copy.listener());
    assertFalse(copy.retryReads());
    assertNull(copy.authToken());
    assertTrue(Config.builder("http://127.0.0.1:8080").build().retryReads());
  }

  @Test
  void tokensNeverShow() {
    Config fixed = Config.builder("ws://127.0.0.1:8080").authToken("secret-token").build();
    assertFalse(fixed.toString().contains("secret-token"), fixed.toString());
    Config supplied = Config.builder("ws://127.0.0.1:8080").authTokenSupplier(() -> "secret-token").build();
    assertFalse(supplied.toString().contains("secret-token"), supplied.toString());
    assertTrue(supplied.toString().contains("authToken=supplier"), supplied.toString());
    assertEquals("CONFIG_INVALID", assertThrows(LibsqlException.class,
        () -> Config.builder("ws://127.0.0.1:8080?authToken=abc").authTokenSupplier(() -> "x").build()).code());
  }

  @Test
  void statementTimeouts() {
    Statement s = Statement.of("SELECT ?", 1);
    assertNull(s.timeout());
    Statement t = s.withTimeout(Duration.ofSeconds(3));
    assertEquals(Duration.ofSeconds(3), t.timeout());
    assertEquals(s.sql(), t.sql());
    assertEquals(s.args(), t.args());
    assertNull(s.timeout(), "immutable");
    assertEquals("ARGUMENT_INVALID",
        assertThrows(LibsqlException.class, () -> s.withTimeout(Duration.ofSeconds(-1))).code());
    assertEquals(Duration.ofSeconds(3), io.libsql.client.internal.call.Calls.timeoutOf(List.of(s, t)));
    assertEquals(Duration.ZERO, io.libsql.client.internal.call.Calls.timeoutOf(List.of(t, s.withTimeout(Duration.ZERO))));
    assertNull(io.libsql.client.internal.call.Calls.timeoutOf(List.of(s)));
  }

  @Test
  void sqliteLimitsAndCreateIfMissingAreForLocalDatabases() {
    Config c = Config.builder("file:x.db").sqliteLimit("LENGTH", 1000).sqliteLimit("variable_number", 10)
        .createIfMissing(false).build();
    assertEquals(java.util.Map.of("length", 1000, "variable_number", 10), c.sqliteLimits());
    assertFalse(c.createIfMissing());
    assertEquals(c.sqliteLimits(), c.toBuilder().build().sqliteLimits());
    assertTrue(Config.builder(":memory:").build().createIfMissing());
    for (String remote : new String[] {"ws://127.0.0.1:1", "http://127.0.0.1:1"}) {
      assertEquals("CONFIG_INVALID", assertThrows(LibsqlException.class,
          () -> Config.builder(remote).sqliteLimit("length", 1).build()).code());
      assertEquals("CONFIG_INVALID", assertThrows(LibsqlException.class,
          () -> Config.builder(remote).createIfMissing(false).build()).code());
    }
    assertEquals("CONFIG_INVALID", assertThrows(LibsqlException.class,
        () -> Config.builder("file:r.db").syncUrl("http://127.0.0.1:1").sqliteLimit("length", 1).build()).code());
    LibsqlException unknown = assertThrows(LibsqlException.class, () -> Config.builder("file:x.db").sqliteLimit("rows", 1));
    assertTrue(unknown.getMessage().contains("worker_threads"), unknown.getMessage());
    assertThrows(LibsqlException.class, () -> Config.builder("file:x.db").sqliteLimit("length", -1));
  }

  @Test
  void localEngineAppliesThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.nio.file.Path missing = dir.resolve("missing.db");
    LibsqlException e = assertThrows(LibsqlException.class,
        () -> Libsql.createClient(Config.builder("file:" + missing).createIfMissing(false).build()).close());
    assertEquals("SQLITE_CANTOPEN", e.code(), e.getMessage());
    assertFalse(java.nio.file.Files.exists(missing));
    try (Client c = Libsql.createClient(Config.builder("file:" + dir.resolve("a.db")).sqliteLimit("length", 100).build())) {
      assertEquals(100, c.execute("SELECT length(?)", "x".repeat(100)).rows().get(0).getLong(0));
      assertEquals("SQLITE_TOOBIG", assertThrows(LibsqlException.class, () -> c.execute("SELECT ?", "x".repeat(101))).code());
    }
  }
}
