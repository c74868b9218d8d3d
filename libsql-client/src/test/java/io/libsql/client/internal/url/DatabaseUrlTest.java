package io.libsql.client.internal.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Config;
import io.libsql.client.LibsqlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseUrlTest {
  private static DatabaseUrl parse(String url) {
    return DatabaseUrl.parse(url, null);
  }

  private static void assertCode(String code, String url) {
    LibsqlException e = assertThrows(LibsqlException.class, () -> parse(url), url);
    assertEquals(code, e.code(), url + ": " + e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
      "file:/abs/path.db, /abs/path.db",
      "file:///abs/path.db, /abs/path.db",
      "file:relative/path.db, relative/path.db",
      "file:app.db, app.db",
      "file:with%20space.db, with space.db",
      "FILE:upper.db, upper.db",
  })
  void fileUrls(String url, String path) {
    DatabaseUrl u = parse(url);
    assertEquals("file", u.scheme());
    assertEquals(path, u.path());
    assertFalse(u.memory());
    assertFalse(u.remote());
  }

  @Test
  void memoryUrls() {
    assertTrue(parse(":memory:").memory());
    assertTrue(parse("file::memory:").memory());
  }

  @ParameterizedTest
  @CsvSource({
      "ws://127.0.0.1:8080, ws, 127.0.0.1, 8080",
      "wss://db.example.com, wss, db.example.com, -1",
      "http://localhost:8080/, http, localhost, 8080",
      "https://DB.Example.com:8443, https, db.example.com, 8443",
      "libsql://db.example.com, wss, db.example.com, -1",
      "libsql://db.example.com:8080?tls=0, ws, db.example.com, 8080",
      "libsql://db.example.com?tls=1, wss, db.example.com, -1",
      "ws://[::1]:9000, ws, [::1], 9000",
  })
  void remoteUrls(String url, String scheme, String host, int port) {
    DatabaseUrl u = parse(url);
    assertEquals(scheme, u.scheme());
    assertEquals(host, u.host());
    assertEquals(port, u.port());
    assertTrue(u.remote());
  }

  @Test
  void authTokenFromQuery() {
    DatabaseUrl u = parse("libsql://db.example.com?authToken=abc.def.ghi");
    assertEquals("abc.def.ghi", u.authToken());
    assertFalse(u.toString().contains("abc.def.ghi"));
    assertFalse(u.redacted().contains("abc"));
    assertNull(parse("ws://h:1").authToken());
  }

  @Test
  void invalidUrls() {
    assertCode("URL_UNDEFINED", "");
    assertCode("URL_UNDEFINED", "   ");
    assertCode("URL_INVALID", "file://host/path.db");
    assertCode("URL_INVALID", "file:");
    assertCode("URL_INVALID", "libsql://db.example.com?tls=0");
    assertCode("URL_INVALID", "libsql://db.example.com?tls=yes");
    assertCode("URL_INVALID", "ws://h:1#frag");
    assertCode("URL_INVALID", "ws://");
    assertCode("URL_INVALID", "ws:h");
    assertCode("URL_INVALID", "ws://h:99999");
    assertCode("URL_INVALID", "ws://h:abc");
    assertCode("URL_INVALID", "ws://user:pass@h:1");
    assertCode("URL_INVALID", "ws://h:1?tls=1");
    assertCode("URL_INVALID", "https://h?tls=0");
    assertCode("URL_INVALID", "no-scheme.db");
    assertCode("URL_SCHEME_NOT_SUPPORTED", "postgres://h/db");
    assertCode("URL_SCHEME_NOT_SUPPORTED", "ftp://h");
    assertCode("URL_PARAM_NOT_SUPPORTED", "libsql://h?foo=bar");
    assertCode("URL_PARAM_NOT_SUPPORTED", "file:a.db?mode=ro");
  }

  @Test
  void errorMessagesNeverContainTheToken() {
    LibsqlException e = assertThrows(LibsqlException.class, () -> parse("libsql://h?authToken=SECRET&x=1"));
    assertFalse(e.getMessage().contains("SECRET"));
  }

  @Test
  void configBuilder() {
    Config c = Config.builder("libsql://h:1234").tls(false).authToken("tok").build();
    assertEquals("ws", DatabaseUrl.of(c).scheme());
    assertEquals("tok", c.authToken());
    assertFalse(c.toString().contains("tok"));
    assertEquals("CONFIG_INVALID", assertThrows(LibsqlException.class,
        () -> Config.builder("libsql://h:1?tls=1").tls(false).build()).code());
    assertEquals("CONFIG_INVALID", assertThrows(LibsqlException.class,
        () -> Config.builder("ws://h:1").hranaVersion(4).build()).code());
    assertEquals("CONFIG_INVALID", assertThrows(LibsqlException.class,
        () -> Config.builder("ws://h:1").concurrency(0).build()).code());
    assertEquals("CONFIG_INVALID", assertThrows(LibsqlException.class,
        () -> Config.builder("ws://h:1").hranaVersion(2).encoding(io.libsql.client.Encoding.PROTOBUF).build()).code());
    assertEquals("URL_UNDEFINED", assertThrows(LibsqlException.class, () -> Config.builder(null).build()).code());
    Config url = Config.builder("ws://h:1?authToken=fromurl").build();
    assertEquals("fromurl", url.authToken());
    assertEquals("explicit", url.toBuilder().authToken("explicit").build().authToken());
  }
}
