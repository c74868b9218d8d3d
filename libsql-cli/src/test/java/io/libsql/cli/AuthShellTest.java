package io.libsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.testing.Jwt;
import io.libsql.testing.SqldServer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auth token against a sqld that requires JWTs: taken from the option or the environment, never shown. */
class AuthShellTest {
  static SqldServer sqld;
  static String token;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSqld() {
    KeyPair keys = Jwt.generateKeyPair();
    sqld = SqldServer.builder().jwtPublicKeyPem(Jwt.publicKeyPem(keys.getPublic())).start();
    token = Jwt.fullAccessToken(keys.getPrivate());
    SqldShellContract.requireServer(sqld.wsUrl() + "?authToken=" + token);
  }

  @AfterAll
  static void stopSqld() {
    if (sqld != null) {
      sqld.close();
    }
  }

  @Test
  void tokenFromTheOptionOrTheEnvironmentAndNeverPrinted() {
    Cli cli = new Cli(dir);
    for (String url : new String[] {sqld.wsUrl(), sqld.httpUrl()}) {
      Cli.Result r = cli.run("--auth-token", token, "-m", "csv", url, ".headers off", "SELECT 40 + 2");
      assertEquals("42\r\n", r.expectSuccess().out());
      r = cli.runWithInput("SELECT 'env';\n", Map.of(Main.TOKEN_ENV, token), url);
      assertTrue(r.expectSuccess().out().contains("env"), r.out());

      r = cli.runWithInput("SELECT 1;\nSELECT * FROM nope;\n.help\n", Map.of("TERM", "dumb", Main.TOKEN_ENV, token), "-i", url);
      assertEquals(0, r.exit(), r.toString());
      assertFalse(r.out().contains(token) || r.err().contains(token), r.toString());
      r = cli.runWithInput("SELECT 1;\n", Map.of("TERM", "dumb"), "-i", url + "?authToken=" + token);
      assertFalse(r.out().contains(token) || r.err().contains(token), r.toString());
    }
  }

  @Test
  void wrongTokenFailsWithoutShowingIt() {
    Cli cli = new Cli(dir);
    String wrong = token.substring(0, token.length() - 4) + "AAAA";
    for (String url : new String[] {sqld.wsUrl(), sqld.httpUrl()}) {
      Cli.Result r = cli.run("--auth-token", wrong, url, "SELECT 1");
      assertNotEquals(0, r.exit(), r.toString());
      assertTrue(r.err().startsWith("Error (AUTH_FAILED): "), r.err());
      assertFalse(r.out().contains(wrong) || r.err().contains(wrong), r.toString());
      r = cli.run(url, "SELECT 1");
      assertTrue(r.err().startsWith("Error (AUTH_FAILED): "), r.err());
    }
  }
}
