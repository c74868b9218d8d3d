package io.libsql.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.testing.Jwt;
import io.libsql.testing.SqldServer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.database.DatabaseTypeRegister;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unmodified Flyway configured by URL, as the CLI and the build plugins configure it, with this
 * plugin on the class path: a local file and a real sqld (with JWT auth) over WebSocket and HTTP.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FlywayByUrlTest {
  private static KeyPair keys;
  private static String token;
  /** A fresh sqld (with JWT auth) per test: each migrates an empty database with Flyway's defaults. */
  private SqldServer sqld;

  @TempDir
  Path dir;

  @BeforeAll
  static void makeKeys() {
    keys = Jwt.generateKeyPair();
    token = Jwt.fullAccessToken(keys.getPrivate());
  }

  @BeforeEach
  void startSqld() {
    sqld = SqldServer.builder().jwtPublicKeyPem(Jwt.publicKeyPem(keys.getPublic())).start();
  }

  @AfterEach
  void stopSqld() {
    sqld.close();
  }

  private static void assertMigrated(String url, String user, String password) throws SQLException {
    Flyway flyway = Flyway.configure().dataSource(url, user, password).load();
    MigrateResult result = flyway.migrate();
    assertTrue(result.success);
    assertEquals(2, result.migrationsExecuted);
    assertEquals("SQLite", result.databaseType, "Flyway's own SQLite support does the work");
    assertEquals(0, flyway.migrate().migrationsExecuted);
    flyway.validate();
    assertEquals("2", flyway.info().current().getVersion().getVersion());

    Properties props = new Properties();
    if (password != null) {
      props.setProperty("password", password);
    }
    try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO book (author_id, title) VALUES (2, '  Fiasco ')");
      try (ResultSet rs = s.executeQuery("SELECT count(*), max(title = 'Fiasco') FROM book")) {
        assertTrue(rs.next());
        assertEquals(3, rs.getInt(1));
        assertEquals(1, rs.getInt(2), "the trigger of V2 ran");
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
      }
    }
  }

  @Test
  void localFileByUrl() throws SQLException {
    String url = "jdbc:libsql:file:" + dir.resolve("app.db");
    assertMigrated(url, null, null);
    // clean (foreign keys are off in a local file, as in SQLite) and migrate again
    Flyway flyway = Flyway.configure().dataSource(url, null, null).cleanDisabled(false).load();
    flyway.clean();
    assertEquals(2, flyway.migrate().migrationsExecuted);
  }

  /** The token as Flyway's password, which the driver takes as the auth token. */
  @Test
  void sqldOverWebSocketByUrl() throws SQLException {
    assertMigrated("jdbc:libsql:" + sqld.wsUrl(), null, token);
  }

  /** The token in the URL. */
  @Test
  void sqldOverHttpByUrl() throws SQLException {
    assertMigrated("jdbc:libsql:" + sqld.httpUrl() + "?authToken=" + token, null, null);
  }

  @Test
  void aWrongTokenFailsClearly() {
    FlywayException e = assertThrows(FlywayException.class,
        () -> Flyway.configure().dataSource("jdbc:libsql:" + sqld.httpUrl(), null, "not-a-token").load().migrate());
    StringBuilder messages = new StringBuilder();
    for (Throwable x = e; x != null; x = x.getCause()) {
      messages.append(x.getMessage()).append('\n');
    }
    assertTrue(messages.toString().contains("28000") || messages.toString().contains("AUTH"), messages.toString());
    assertFalse(messages.toString().contains("not-a-token"), messages.toString());
  }

  @Test
  void tokensInUrlsAreMaskedInFlywayOutput() {
    String redacted = DatabaseTypeRegister.redactJdbcUrl("jdbc:libsql:libsql://db.example.com?tls=1&authToken=s3cr3t&x=1");
    assertFalse(redacted.contains("s3cr3t"), redacted);
    assertTrue(redacted.startsWith("jdbc:libsql:libsql://db.example.com?tls=1&authToken="), redacted);
  }

  @Test
  void onlyLibsqlUrlsAreClaimed() {
    LibsqlDatabaseType type = new LibsqlDatabaseType();
    assertTrue(type.handlesJDBCUrl("jdbc:libsql:file:x.db"));
    assertFalse(type.handlesJDBCUrl("jdbc:sqlite:x.db"));
    assertEquals("io.libsql.jdbc.LibsqlDriver", type.getDriverClass("jdbc:libsql:file:x.db", getClass().getClassLoader()));
  }
}
