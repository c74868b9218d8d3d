package io.libsql.client.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.LibsqlException;
import io.libsql.client.Libsql;
import io.libsql.client.internal.url.DatabaseUrl;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad URLs and configurations fail when the config is built, with an exact code and a message that
 * says what to fix, and never echo a token.
 */
class BadConfigTest {
  static Stream<Arguments> badUrls() {
    return Stream.of(
        Arguments.of(null, "URL_UNDEFINED", "no database URL given; use file:path, ws://host, http://host or libsql://host"),
        Arguments.of("  ", "URL_UNDEFINED", "no database URL given; use file:path, ws://host, http://host or libsql://host"),
        Arguments.of("postgres://h/db", "URL_SCHEME_NOT_SUPPORTED",
            "unsupported URL scheme 'postgres:'; supported: file, ws, wss, http, https, libsql"),
        Arguments.of("jdbc:libsql://h", "URL_SCHEME_NOT_SUPPORTED",
            "unsupported URL scheme 'jdbc:'; supported: file, ws, wss, http, https, libsql"),
        Arguments.of("libsql://h?authToken=SECRET-TOKEN&foo=1", "URL_PARAM_NOT_SUPPORTED",
            "unsupported URL query parameter 'foo'; supported: authToken, tls (and for file: URLs syncUrl, syncInterval, readYourWrites)"),
        Arguments.of("ws://h:8080?syncUrl=http://x:1", "URL_PARAM_NOT_SUPPORTED",
            "syncUrl, syncInterval and readYourWrites are only for embedded replicas (file: URLs)"),
        Arguments.of("ws://h:8080#frag", "URL_INVALID", "URL fragments ('#...') are not supported"),
        Arguments.of("http://[bad", "URL_INVALID", "unterminated IPv6 address in the URL host"),
        Arguments.of("file://host/db", "URL_INVALID",
            "a file: URL cannot name a host ('host'); use file:relative/path or file:///absolute/path"),
        Arguments.of("file:", "URL_INVALID", "the file: URL has no path; use file:app.db or file::memory:"),
        Arguments.of("libsql://h?tls=0", "URL_INVALID", "a libsql: URL with tls=0 must give an explicit port"),
        Arguments.of("libsql://h?tls=maybe", "URL_INVALID", "unknown value for the 'tls' query parameter: use tls=0 or tls=1"),
        Arguments.of("https://h?tls=0", "URL_INVALID",
            "tls=0 contradicts the https: scheme; choose the scheme instead (ws: or http:)"),
        Arguments.of("wss://h?tls=0", "URL_INVALID",
            "tls=0 contradicts the wss: scheme; choose the scheme instead (ws: or http:)"),
        Arguments.of("ws://h:99999", "URL_INVALID", "the URL port must be a number from 1 to 65535"),
        Arguments.of("http://", "URL_INVALID", "the URL has an empty host"),
        Arguments.of("libsql://user:SECRET-TOKEN@h", "URL_INVALID",
            "credentials in the URL are not supported; pass the token as authToken"),
        Arguments.of("http://h/db?authToken=SECRET-TOKEN&authToken=other", "URL_INVALID",
            "the URL gives the query parameter 'authToken' more than once; give it once"),
        Arguments.of("file:a.db?syncInterval=abc&syncUrl=http://h:1", "URL_INVALID",
            "the 'syncInterval' query parameter must be a number of seconds (e.g. 60 or 0.5) or an ISO-8601 duration"),
        Arguments.of("file:a.db?syncUrl=file:b.db", "CONFIG_INVALID",
            "syncUrl must be the primary's libsql:, https:, http:, wss: or ws: URL, not a file"));
  }

  @ParameterizedTest
  @MethodSource("badUrls")
  void badUrl(String url, String code, String message) {
    LibsqlException e = assertThrows(LibsqlException.class, () -> Config.builder(url).build());
    assertEquals(code, e.code());
    assertEquals(message, e.getMessage());
    assertFalse(e.toString().contains("SECRET-TOKEN"));
    LibsqlException again = assertThrows(LibsqlException.class, () -> Libsql.createClient(url));
    assertEquals(code, again.code());
  }

  /** TLS verification can be replaced only through Config.sslContext: no URL parameter turns it off. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"insecure=1", "verify=false", "sslmode=disable",
      "tlsVerify=0", "ssl=false", "rejectUnauthorized=false"})
  void noUrlParameterTurnsTlsVerificationOff(String param) {
    for (String base : new String[] {"https://h", "wss://h", "libsql://h"}) {
      LibsqlException e = assertThrows(LibsqlException.class, () -> Config.builder(base + "?" + param).build());
      assertEquals("URL_PARAM_NOT_SUPPORTED", e.code(), base + "?" + param);
    }
    // tls=0 is no opt-out of verification: it picks plaintext ws:, and only on libsql: URLs with a port.
    assertEquals("ws", DatabaseUrl.of(Config.builder("libsql://h:8080?tls=0").build()).scheme());
    assertEquals("wss", DatabaseUrl.of(Config.builder("libsql://h").build()).scheme());
    assertEquals(null, Config.builder("libsql://h").build().sslContext());
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        Arguments.of((Supplier<Config>) () -> Config.builder("http://h:1").concurrency(0).build(),
            "concurrency must be between 1 and 1024, not 0"),
        Arguments.of((Supplier<Config>) () -> Config.builder("http://h:1").concurrency(5000).build(),
            "concurrency must be between 1 and 1024, not 5000"),
        Arguments.of((Supplier<Config>) () -> Config.builder("http://h:1").hranaVersion(4).build(),
            "hranaVersion must be 0 (negotiate), 1, 2 or 3, not 4"),
        Arguments.of((Supplier<Config>) () -> Config.builder("http://h:1").hranaVersion(2).encoding(Encoding.PROTOBUF).build(),
            "the protobuf encoding needs Hrana 3, but hranaVersion is 2"),
        Arguments.of((Supplier<Config>) () -> Config.builder("http://h:1").connectTimeout(Duration.ZERO).build(),
            "connectTimeout must be positive"),
        Arguments.of((Supplier<Config>) () -> Config.builder("http://h:1").requestTimeout(Duration.ofSeconds(-1)).build(),
            "requestTimeout must not be negative"),
        Arguments.of((Supplier<Config>) () -> Config.builder("http://h:1").authToken("  ").build(),
            "authToken is blank; pass null for no token"),
        Arguments.of((Supplier<Config>) () -> Config.builder("http://h:1").maxResponseSize(100).build(),
            "maxResponseSize must be between 1024 and 2147483631 bytes, not 100"),
        Arguments.of((Supplier<Config>) () -> Config.builder("file:a.db").syncInterval(Duration.ofSeconds(1)).build(),
            "syncInterval needs a syncUrl: only embedded replicas sync"),
        Arguments.of((Supplier<Config>) () -> Config.builder(":memory:").syncUrl("http://h:1").build(),
            "syncUrl needs a file: URL for the local replica (e.g. file:replica.db), not an in-memory database"),
        Arguments.of((Supplier<Config>) () -> Config.builder("libsql://h:1?tls=1").tls(false).build(),
            "the URL says tls=1 but the config says tls(false)"));
  }

  @ParameterizedTest
  @MethodSource("badOptions")
  void badOption(Supplier<Config> build, String message) {
    LibsqlException e = assertThrows(LibsqlException.class, build::get);
    assertEquals("CONFIG_INVALID", e.code());
    assertEquals(message, e.getMessage());
  }
}
