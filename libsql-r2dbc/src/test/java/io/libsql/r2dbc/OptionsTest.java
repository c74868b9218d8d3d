package io.libsql.r2dbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.LibsqlException;
import io.libsql.testing.Jwt;
import io.libsql.testing.SqldServer;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** URLs and options: how each form maps to the client, what is rejected, and the token. */
class OptionsTest {
  private static String url(String r2dbcUrl) {
    return LibsqlConnectionFactoryProvider.clientUrl(ConnectionFactoryOptions.parse(r2dbcUrl));
  }

  @Test
  void urlForms() {
    assertEquals("file:/var/data/app.db", url("r2dbc:libsql:file:///var/data/app.db"));
    assertEquals("file:./app.db", url("r2dbc:libsql:file:///./app.db"));
    assertEquals("file::memory:", url("r2dbc:libsql:file:///:memory:"));
    assertEquals("ws://127.0.0.1:8080", url("r2dbc:libsql:ws://127.0.0.1:8080"));
    assertEquals("https://db.example.com", url("r2dbc:libsql:http://db.example.com?ssl=true"));
    assertEquals("libsql://db-org.turso.io", url("r2dbc:libsql://db-org.turso.io"));
    assertEquals("libsql://db-org.turso.io", url("r2dbc:libsql:libsql://db-org.turso.io"));
  }

  @Test
  void badUrlsSayWhatToWrite() {
    LibsqlException e = assertThrows(LibsqlException.class, () -> url("r2dbc:libsql:file://app.db"));
    assertEquals("CONFIG_INVALID", e.code());
    assertTrue(e.getMessage().contains("file:///"), e.getMessage());
    e = assertThrows(LibsqlException.class, () -> url("r2dbc:libsql:ftp://host"));
    assertEquals("URL_SCHEME_NOT_SUPPORTED", e.code());
    e = assertThrows(LibsqlException.class,
        () -> ConnectionFactories.get("r2dbc:libsql:ws://127.0.0.1:1?connectTimeout=soon"));
    assertTrue(e.getMessage().contains("connectTimeout"), e.getMessage());
  }

  @Test
  void theTokenOpensAnAuthenticatedServerAndIsNeverShown() {
    KeyPair keys = Jwt.generateKeyPair();
    String token = Jwt.fullAccessToken(keys.getPrivate());
    try (SqldServer sqld = SqldServer.builder().jwtPublicKeyPem(Jwt.publicKeyPem(keys.getPublic())).start()) {
      ConnectionFactory withToken = ConnectionFactories.get("r2dbc:libsql:" + sqld.wsUrl() + "?authToken=" + token);
      ConnectionFactory asPassword = ConnectionFactories.get(ConnectionFactoryOptions.parse("r2dbc:libsql:" + sqld.httpUrl())
          .mutate().option(ConnectionFactoryOptions.PASSWORD, token).build());
      ConnectionFactory without = ConnectionFactories.get("r2dbc:libsql:" + sqld.wsUrl());
      for (ConnectionFactory f : new ConnectionFactory[] {withToken, asPassword}) {
        assertFalse(f.toString().contains(token));
        Object one = Flux.usingWhen(f.create(),
            c -> Flux.from(c.createStatement("SELECT 1").execute()).flatMap(r -> r.map(row -> row.get(0))),
            Connection::close).blockLast(Duration.ofSeconds(30));
        assertEquals(1L, one); // an expression has no declared type: its value's own
      }
      Throwable e = Mono.from(without.create()).materialize().block(Duration.ofSeconds(30)).getThrowable();
      assertInstanceOf(R2dbcPermissionDeniedException.class, e);
      assertFalse(String.valueOf(e.getMessage()).contains(token));
    }
  }

  @Test
  void theListenerOptionHearsTheConnectionsCalls() throws Exception {
    java.util.List<String> sql = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.libsql.client.ClientListener listener = new io.libsql.client.ClientListener() {
      @Override
      public void callEnd(CallInfo call, Duration duration, long rows, long rowsAffected) {
        sql.add(call.sql());
      }
    };
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("libsql-r2dbc-listener");
    ConnectionFactory f = ConnectionFactories.get(ConnectionFactoryOptions.parse(
            "r2dbc:libsql:file://" + dir.resolve("l.db").toAbsolutePath())
        .mutate().option(LibsqlConnectionFactoryProvider.LISTENER, listener).build());
    Flux.usingWhen(f.create(), c -> Flux.from(c.createStatement("SELECT 42").execute()).flatMap(r -> r.map(row -> row.get(0))),
        Connection::close).blockLast(Duration.ofSeconds(30));
    assertTrue(sql.contains("SELECT 42"), sql.toString());

    LibsqlException e = assertThrows(LibsqlException.class,
        () -> ConnectionFactories.get("r2dbc:libsql:ws://127.0.0.1:1?listener=com.example.Listener"));
    assertEquals("CONFIG_INVALID", e.code());
    assertTrue(e.getMessage().contains("ClientListener object"), e.getMessage());
  }
}
