package io.libsql.client.internal.ws;

import static io.libsql.client.internal.ws.WsTransportTest.await;
import static io.libsql.client.internal.ws.WsTransportTest.batch;
import static io.libsql.client.internal.ws.WsTransportTest.fails;
import static io.libsql.client.internal.ws.WsTransportTest.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Config;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.hrana.HranaCursor;
import io.libsql.client.internal.hrana.HranaStream;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.testing.SqldServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wss:} through a TLS relay in front of a real sqld, with self-signed certificates made by
 * {@code keytool}: the default JDK trust store refuses them, a context that trusts the certificate
 * works, and a certificate for another host name is refused even when trusted.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WssTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir
  static Path dir;
  static SqldServer sqld;
  static KeyStore good;
  static KeyStore otherHost;
  static TlsRelay relay;
  static TlsRelay wrongNameRelay;

  @BeforeAll
  static void start() throws Exception {
    sqld = SqldServer.builder().start();
    good = selfSigned(dir.resolve("good.p12"), "SAN=IP:127.0.0.1,DNS:localhost");
    otherHost = selfSigned(dir.resolve("other.p12"), "SAN=DNS:db.example.com");
    relay = new TlsRelay(serverContext(good), sqld.httpPort());
    wrongNameRelay = new TlsRelay(serverContext(otherHost), sqld.httpPort());
  }

  @AfterAll
  static void stop() throws IOException {
    relay.close();
    wrongNameRelay.close();
    sqld.close();
  }

  static KeyStore selfSigned(Path file, String san) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=libsql-ws-test", "-ext", san, "-validity", "2",
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

  static SSLContext serverContext(KeyStore keys) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  static SSLContext trusting(KeyStore keys) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", keys.getCertificate("server"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  @Test
  void theDefaultTrustStoreRefusesASelfSignedCertificate() {
    WsTransport t = new WsTransport(Config.builder("wss://127.0.0.1:" + relay.port()).build());
    try {
      LibsqlException e = fails(ErrorCode.CONNECTION_FAILED.name(), t.execute(sql("SELECT 1")));
      assertTrue(e.getMessage().contains("TLS"), e.getMessage());
    } finally {
      t.close();
    }
  }

  @Test
  void aTrustedCertificateWorks() throws Exception {
    for (String url : new String[] {"wss://127.0.0.1:" + relay.port(), "libsql://localhost:" + relay.port()}) {
      WsTransport t = new WsTransport(Config.builder(url).sslContext(trusting(good)).build());
      try {
        assertEquals(1L, await(t.execute(sql("SELECT 1"))).rows().get(0)[0]);
        assertEquals("hrana3-protobuf", t.subprotocol());
        HranaStream s = await(t.openStream());
        await(s.execute(sql("BEGIN")));
        assertEquals(2L, await(s.execute(sql("SELECT 2"))).rows().get(0)[0]);
        await(s.execute(sql("ROLLBACK")));
        await(s.close());
        HranaCursor c = await(t.openCursor(batch("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000) SELECT x, randomblob(100) FROM c")));
        assertInstanceOf(CursorEntry.StepBegin.class, c.next());
        long n = 0;
        while (c.next() instanceof CursorEntry.Row) {
          n++;
        }
        c.close();
        assertEquals(20000, n);
      } finally {
        t.close();
      }
    }
  }

  @Test
  void aCertificateForAnotherHostIsRefusedEvenWhenTrusted() throws Exception {
    WsTransport t = new WsTransport(Config.builder("wss://127.0.0.1:" + wrongNameRelay.port()).sslContext(trusting(otherHost)).build());
    try {
      LibsqlException e = fails(ErrorCode.CONNECTION_FAILED.name(), t.execute(sql("SELECT 1")));
      assertTrue(e.getMessage().contains("TLS"), e.getMessage());
    } finally {
      t.close();
    }
  }

  /** Terminates TLS and relays bytes to a plaintext port. */
  static final class TlsRelay implements AutoCloseable {
    private final SSLServerSocket server;

    TlsRelay(SSLContext ctx, int targetPort) throws IOException {
      server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            Socket client = server.accept();
            Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            pump(client, target);
            pump(target, client);
          } catch (IOException e) {
            // closed, or a refused handshake: go on
          }
        }
      }, "tls-relay-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    private static void pump(Socket from, Socket to) {
      Thread t = new Thread(() -> {
        byte[] buf = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          int n;
          while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            out.flush();
          }
        } catch (IOException e) {
          // one side closed
        } finally {
          try {
            from.close();
            to.close();
          } catch (IOException ignored) {
            // best effort
          }
        }
      }, "tls-relay-pump");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
