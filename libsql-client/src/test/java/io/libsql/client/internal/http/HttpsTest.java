package io.libsql.client.internal.http;

import static io.libsql.client.internal.http.HttpTesting.await;
import static io.libsql.client.internal.http.HttpTesting.awaitFailure;
import static io.libsql.client.internal.http.HttpTesting.batch;
import static io.libsql.client.internal.http.HttpTesting.series;
import static io.libsql.client.internal.http.HttpTesting.sqld;
import static io.libsql.client.internal.http.HttpTesting.stmt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.hrana.HranaCursor;
import io.libsql.client.internal.hrana.HranaStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code https:} through a TLS-terminating JDK {@code HttpsServer} in front of sqld, with a
 * self-signed certificate made by {@code keytool}: the default client refuses it with a clear
 * error, and a client given an {@code SSLContext} that trusts it works.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir
  static Path dir;

  private static KeyStore goodKeys;
  private static StubServer proxy;

  @BeforeAll
  static void start() throws Exception {
    goodKeys = selfSigned(dir.resolve("good.p12"), "SAN=IP:127.0.0.1,DNS:localhost");
    proxy = StubServer.https(serverContext(goodKeys), StubServer.forwardTo(() -> sqld().httpUrl()));
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  /** Runs keytool to make a PKCS12 key store with a self-signed EC certificate. */
  static KeyStore selfSigned(Path file, String san) throws IOException, InterruptedException, GeneralSecurityException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=libsql-test", "-ext", san, "-validity", "2",
        "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true)
        .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool hung");
    assertEquals(0, p.exitValue(), output);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }

  static SSLContext serverContext(KeyStore keys) throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** A client context that trusts exactly the certificate in {@code keys}. */
  static SSLContext trusting(KeyStore keys) throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("server", keys.getCertificate("server"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  @Test
  void theDefaultClientRefusesAnUntrustedCertificate() {
    HttpTransport t = new HttpTransport(Config.builder(proxy.httpsUrl()).authToken("tls-secret").build());
    try {
      LibsqlException e = awaitFailure(ErrorCode.CONNECTION_FAILED.name(), t.execute(stmt("SELECT 1")));
      assertTrue(e.getMessage().contains("certificate"), e.getMessage());
      assertTrue(e.getMessage().contains("sslContext"), e.getMessage());
      assertTrue(!e.getMessage().contains("tls-secret"), e.getMessage());
    } finally {
      t.close();
    }
    assertTrue(proxy.requests().stream().noneMatch(r -> "Bearer tls-secret".equals(r.header("Authorization"))),
        "no request may pass an unverified handshake");
  }

  @Test
  void aClientTrustingTheCertificateWorks() throws Exception {
    for (Encoding encoding : Encoding.values()) {
      HttpTransport t = new HttpTransport(Config.builder(proxy.httpsUrl()).encoding(encoding)
          .sslContext(trusting(goodKeys)).build());
      try {
        assertEquals(3, await(t.version()));
        assertEquals(1L, await(t.execute(stmt("SELECT 1"))).rows().get(0)[0]);
        HranaStream s = await(t.openStream());
        await(s.execute(stmt("BEGIN")));
        assertEquals(2L, await(s.execute(stmt("SELECT 2"))).rows().get(0)[0]);
        await(s.execute(stmt("COMMIT")));
        await(s.close());
        HranaCursor c = await(t.openCursor(batch(stmt(series(1_000)))));
        int entries = 0;
        while (c.next() != null) {
          entries++;
        }
        c.close();
        assertTrue(entries >= 1_002, "entries: " + entries);
      } finally {
        t.close();
      }
    }
  }

  @Test
  void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
    KeyStore otherHost = selfSigned(dir.resolve("other.p12"), "SAN=DNS:db.example.invalid");
    try (StubServer wrongHost = StubServer.https(serverContext(otherHost), StubServer.forwardTo(() -> sqld().httpUrl()))) {
      HttpTransport t = new HttpTransport(Config.builder(wrongHost.httpsUrl()).sslContext(trusting(otherHost)).build());
      try {
        LibsqlException e = awaitFailure(ErrorCode.CONNECTION_FAILED.name(), t.execute(stmt("SELECT 1")));
        assertTrue(e.getMessage().contains("certificate"), e.getMessage());
      } finally {
        t.close();
      }
    }
  }
}
