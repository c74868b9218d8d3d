package io.libsql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replica options in the builder and as {@code file:} URL query parameters; no server needed. */
class ReplicaConfigTest {
  @TempDir
  Path dir;

  private static void assertCode(String code, Runnable r) {
    LibsqlException e = assertThrows(LibsqlException.class, r::run);
    assertEquals(code, e.code(), e.getMessage());
  }

  @Test
  void builderOptions() {
    Config c = Config.builder("file:r.db").syncUrl("libsql://db.example.com").authToken("secret")
        .syncInterval(Duration.ofSeconds(30)).readYourWrites(false).build();
    assertEquals("libsql://db.example.com", c.syncUrl());
    assertEquals(Duration.ofSeconds(30), c.syncInterval());
    assertFalse(c.readYourWrites());
    assertFalse(c.toString().contains("secret"));
    assertTrue(c.toString().contains("syncUrl=wss://db.example.com"), c.toString());
    Config copy = c.toBuilder().build();
    assertEquals(c.syncUrl(), copy.syncUrl());
    assertEquals(c.syncInterval(), copy.syncInterval());
    assertEquals(c.readYourWrites(), copy.readYourWrites());

    Config plain = Config.builder("file:r.db").build();
    assertNull(plain.syncUrl());
    assertEquals(Duration.ZERO, plain.syncInterval());
    assertTrue(plain.readYourWrites());
  }

  @Test
  void urlQueryParameters() {
    Config c = Config.builder("file:r.db?syncUrl=http%3A%2F%2F127.0.0.1%3A8080&authToken=t&syncInterval=2.5"
        + "&readYourWrites=0").build();
    assertEquals("http://127.0.0.1:8080", c.syncUrl());
    assertEquals("t", c.authToken());
    assertEquals(Duration.ofMillis(2500), c.syncInterval());
    assertFalse(c.readYourWrites());
    assertEquals("file:r.db", c.redactedUrl());
    Config unescaped = Config.builder("file:r.db?syncUrl=https://db.example.com&syncInterval=PT1M&readYourWrites=true").build();
    assertEquals("https://db.example.com", unescaped.syncUrl());
    assertEquals(Duration.ofMinutes(1), unescaped.syncInterval());
    assertTrue(unescaped.readYourWrites());
    assertEquals("https://db.example.com", Config.builder("file:r.db?syncUrl=https://db.example.com")
        .syncUrl("https://db.example.com").build().syncUrl(), "the same value twice is fine");
  }

  @Test
  void invalidCombinations() {
    assertCode("URL_PARAM_NOT_SUPPORTED", () -> Config.builder("http://h?syncUrl=http://p").build());
    assertCode("URL_INVALID", () -> Config.builder("file:r.db?syncInterval=soon").build());
    assertCode("URL_INVALID", () -> Config.builder("file:r.db?syncInterval=-1").build());
    assertCode("URL_INVALID", () -> Config.builder("file:r.db?readYourWrites=maybe").build());
    assertCode("CONFIG_INVALID", () -> Config.builder(":memory:").syncUrl("http://p").build());
    assertCode("CONFIG_INVALID", () -> Config.builder("http://h").syncUrl("http://p").build());
    assertCode("CONFIG_INVALID", () -> Config.builder("file:r.db").syncUrl("file:other.db").build());
    assertCode("URL_SCHEME_NOT_SUPPORTED", () -> Config.builder("file:r.db").syncUrl("ftp://p").build());
    assertCode("CONFIG_INVALID", () -> Config.builder("file:r.db").syncInterval(Duration.ofSeconds(1)).build());
    assertCode("CONFIG_INVALID", () -> Config.builder("file:r.db").syncUrl("http://p").syncInterval(Duration.ofSeconds(-1)).build());
    assertCode("CONFIG_INVALID", () -> Config.builder("file:r.db?syncUrl=http://a").syncUrl("http://b").build());
  }

  @Test
  void anExistingPlainDatabaseIsNotTakenOver() throws Exception {
    Path file = dir.resolve("plain.db");
    try (Client local = Libsql.createClient("file:" + file)) {
      local.execute("CREATE TABLE precious (v)");
    }
    long size = Files.size(file);
    assertCode("CONFIG_INVALID", () -> Libsql.createClient(Config.builder("file:" + file).syncUrl("http://127.0.0.1:1").build()));
    assertEquals(size, Files.size(file));
  }

  @Test
  void openingAReplicaNeedsNoNetwork() {
    // Port 1 refuses connections: opening succeeds, the first read needs the (failed) first sync.
    try (Client replica = Libsql.createClient(Config.builder("file:" + dir.resolve("r.db")).syncUrl("http://127.0.0.1:1")
        .connectTimeout(Duration.ofSeconds(2)).build())) {
      assertEquals("file", replica.protocol());
      LibsqlException e = assertThrows(LibsqlException.class, replica::sync);
      assertEquals("CONNECTION_FAILED", e.code(), e.getMessage());
    }
  }
}
