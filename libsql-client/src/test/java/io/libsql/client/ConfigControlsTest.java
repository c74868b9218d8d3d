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
    assertEquals(Duration.ofSeconds(3), io.libsql.client.internal.Calls.timeoutOf(List.of(s, t)));
    assertEquals(Duration.ZERO, io.libsql.client.internal.Calls.timeoutOf(List.of(t, s.withTimeout(Duration.ZERO))));
    assertNull(io.libsql.client.internal.Calls.timeoutOf(List.of(s)));
  }
}
