package io.libsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.libsql.testing.Jwt;
import io.libsql.testing.SqldServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The JDBC driver never shows the auth token: not in SQLException messages or stack traces (wrong
 * token, unreachable server, bad URL), nor in Connection.toString(), DatabaseMetaData.getURL() or
 * DataSource.toString(), whether the token came in the URL or in the properties.
 */
class JdbcSecretsTest {
  @Test
  void theTokenNeverShows() throws Exception {
    KeyPair keys = Jwt.generateKeyPair();
    String token = Jwt.fullAccessToken(keys.getPrivate());
    String wrong = Jwt.fullAccessToken(Jwt.generateKeyPair().getPrivate());
    List<String> seen = new ArrayList<>();
    try (SqldServer sqld = SqldServer.builder().jwtPublicKeyPem(Jwt.publicKeyPem(keys.getPublic())).start()) {
      for (String base : List.of(sqld.wsUrl(), sqld.httpUrl())) {
        try (Connection c = DriverManager.getConnection("jdbc:libsql:" + base + "?authToken=" + token)) {
          seen.add(c.toString());
          seen.add(c.getMetaData().getURL());
          try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            seen.add(s.toString());
            seen.add(trace(assertThrows(SQLException.class, () -> s.execute("SELECT * FROM no_such_table"))));
          }
        }
        Properties p = new Properties();
        p.setProperty("authToken", token);
        try (Connection c = DriverManager.getConnection("jdbc:libsql:" + base, p)) {
          seen.add(c.toString());
          seen.add(c.getMetaData().getURL());
        }
        seen.add(trace(assertThrows(SQLException.class,
            () -> DriverManager.getConnection("jdbc:libsql:" + base + "?authToken=" + wrong).createStatement().execute("SELECT 1"))));
      }
      LibsqlDataSource ds = new LibsqlDataSource();
      ds.setUrl("jdbc:libsql:" + sqld.httpUrl() + "?authToken=" + token);
      seen.add(ds.toString());
    }
    for (String url : List.of("jdbc:libsql:http://127.0.0.1:1?authToken=" + token + "&connectTimeout=2",
        "jdbc:libsql:ws://127.0.0.1:1?authToken=" + token + "&connectTimeout=2",
        "jdbc:libsql:libsql://h?authToken=" + token + "&foo=1")) {
      seen.add(trace(assertThrows(SQLException.class, () -> DriverManager.getConnection(url).createStatement().execute("SELECT 1"))));
    }
    assertEquals(18, seen.size());
    for (String text : seen) {
      for (String secret : List.of(token, wrong)) {
        assertFalse(text.contains(secret) || text.contains(secret.substring(secret.lastIndexOf('.') + 1)),
            () -> "a token leaked into: " + text);
      }
    }
  }

  private static String trace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
