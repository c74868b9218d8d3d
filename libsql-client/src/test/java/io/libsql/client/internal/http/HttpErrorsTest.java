package io.libsql.client.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The status and exception mapping, fed the exact bodies sqld and proxies answer. */
class HttpErrorsTest {
  private static final String EP = "POST http://127.0.0.1:1/v3/pipeline";

  private static LibsqlException map(int status, String contentType, String body) {
    return HttpErrors.fromResponse(status, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), EP, null);
  }

  @Test
  void unauthorizedFromSqldIsAuthFailedWithTheServersMessage() {
    LibsqlException e = map(401, "application/json", "{\"error\":\"Unauthorized: `Expected authorization header but none given`\"}");
    assertEquals(ErrorCode.AUTH_FAILED.name(), e.code());
    assertTrue(e.getMessage().contains("Expected authorization header but none given"), e.getMessage());
    assertTrue(e.getMessage().contains("no auth token is configured"), e.getMessage());
    assertEquals(ErrorCode.AUTH_FAILED.name(), map(403, "text/plain", "Forbidden").code());
  }

  @Test
  void theTokenNeverAppearsInAMessage() {
    String token = "eyJhbGciOiJFZERTQSJ9.secret-part.signature";
    LibsqlException e = HttpErrors.fromResponse(401, "application/json",
        ("{\"error\":\"bad token " + token + "\"}").getBytes(StandardCharsets.UTF_8), EP, token);
    assertFalse(e.getMessage().contains(token), e.getMessage());
    assertFalse(e.getMessage().contains("no auth token"), e.getMessage());
    assertTrue(e.getMessage().contains("***"), e.getMessage());
    LibsqlException server = HttpErrors.fromResponse(500, "text/plain",
        ("echo " + token).getBytes(StandardCharsets.UTF_8), EP, token);
    assertFalse(server.getMessage().contains(token), server.getMessage());
  }

  @Test
  void notFoundIsEndpointNotFound() {
    LibsqlException e = map(404, null, "");
    assertEquals(ErrorCode.ENDPOINT_NOT_FOUND.name(), e.code());
    assertTrue(e.getMessage().contains(EP), e.getMessage());
  }

  @Test
  void sqldStreamExpiryIsStreamExpired() {
    LibsqlException e = map(400, "application/json", "{\"message\":\"The stream has expired due to inactivity\",\"code\":\"STREAM_EXPIRED\"}");
    assertEquals(ErrorCode.STREAM_EXPIRED.name(), e.code());
    assertTrue(e.getMessage().contains("idle too long and the server rolled it back"), e.getMessage());
    assertTrue(e.getMessage().contains("The stream has expired due to inactivity"), e.getMessage());
  }

  @Test
  void sqldStreamExpiryOnTheProtobufEndpointIsStreamExpired() {
    // Error { message = 1; code = 2 } as sqld sends it from /v3-protobuf/pipeline.
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] message = "The stream has expired due to inactivity".getBytes(StandardCharsets.UTF_8);
    byte[] code = "STREAM_EXPIRED".getBytes(StandardCharsets.UTF_8);
    out.write(0x0a);
    out.write(message.length);
    out.writeBytes(message);
    out.write(0x12);
    out.write(code.length);
    out.writeBytes(code);
    LibsqlException e = HttpErrors.fromResponse(400, "application/x-protobuf", out.toByteArray(), EP, null);
    assertEquals(ErrorCode.STREAM_EXPIRED.name(), e.code());
    assertTrue(e.getMessage().contains("The stream has expired due to inactivity"), e.getMessage());
  }

  @Test
  void batonsTheServerNoLongerKnowsAreStreamExpired() {
    assertEquals(ErrorCode.STREAM_EXPIRED.name(), map(400, "text/plain", "Received an invalid baton").code());
    assertEquals(ErrorCode.STREAM_EXPIRED.name(), map(400, "text/plain", "Received a baton that has already been used").code());
  }

  @Test
  void otherHranaErrorsKeepTheirCode() {
    LibsqlException e = map(400, "application/json", "{\"message\":\"Response is too large\",\"code\":\"RESPONSE_TOO_LARGE\"}");
    assertEquals("RESPONSE_TOO_LARGE", e.code());
    assertEquals("Response is too large", e.getMessage());
  }

  @Test
  void serverErrorsCarryTheBodysMessage() {
    LibsqlException text = map(500, "text/plain",
        "Internal Server Error: Failed to parse pipeline request: unknown variant `close`, expected `execute` or `batch`");
    assertEquals(ErrorCode.SERVER_ERROR.name(), text.code());
    assertTrue(text.getMessage().contains("unknown variant `close`"), text.getMessage());
    assertTrue(text.getMessage().contains("HTTP 500"), text.getMessage());
    LibsqlException json = map(503, "application/json", "{\"error\":\"overloaded, retry later\"}");
    assertEquals(ErrorCode.SERVER_ERROR.name(), json.code());
    assertTrue(json.getMessage().contains("overloaded, retry later"), json.getMessage());
    assertEquals(ErrorCode.SERVER_ERROR.name(), map(502, null, null).code());
  }

  @Test
  void otherClientErrorsAreServerErrorsWithTheMessage() {
    LibsqlException e = map(400, "text/plain", "Cannot deserialize client message from JSON: expected ident at line 1 column 2");
    assertEquals(ErrorCode.SERVER_ERROR.name(), e.code());
    assertTrue(e.getMessage().contains("Cannot deserialize"), e.getMessage());
  }

  @Test
  void anHtmlPageIsAProtocolErrorQuotingItsTitle() {
    String page = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
        + "</center><hr><center>nginx</center>" + "x".repeat(5000) + "</body></html>";
    LibsqlException e = map(502, "text/html", page);
    assertEquals(ErrorCode.HRANA_PROTO_ERROR.name(), e.code());
    assertTrue(e.getMessage().contains("502 Bad Gateway"), e.getMessage());
    assertTrue(e.getMessage().contains("HTML"), e.getMessage());
    assertTrue(e.getMessage().length() < 600, e.getMessage());
    // Even with a 200 and no content type, an HTML body is not Hrana.
    assertEquals(ErrorCode.HRANA_PROTO_ERROR.name(), map(200, null, "<html><body>Log in to the Wi-Fi</body></html>").code());
  }

  @Test
  void longBodiesAreCutToAnExcerpt() {
    LibsqlException e = map(500, "text/plain", "boom ".repeat(10_000));
    assertTrue(e.getMessage().length() < 400, () -> "length " + e.getMessage().length());
    assertTrue(e.getMessage().endsWith("..."), e.getMessage());
  }

  @Test
  void binaryGarbageIsReportedAsSuch() {
    byte[] junk = {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe, 5, 6, 7, 8, 9, 10};
    LibsqlException e = HttpErrors.fromResponse(200, "application/octet-stream", junk, EP, null);
    assertEquals(ErrorCode.HRANA_PROTO_ERROR.name(), e.code());
    assertTrue(e.getMessage().contains("12 bytes of binary data"), e.getMessage());
  }

  @Test
  void ioFailuresAreMappedByWhenTheyHappened() {
    assertEquals(ErrorCode.CONNECTION_FAILED.name(),
        HttpErrors.fromThrowable(new CompletionException(new ConnectException("Connection refused")), EP).code());
    ConnectException unresolved = new ConnectException();
    unresolved.initCause(new UnresolvedAddressException());
    LibsqlException dns = HttpErrors.fromThrowable(unresolved, EP);
    assertEquals(ErrorCode.CONNECTION_FAILED.name(), dns.code());
    assertTrue(dns.getMessage().contains("unknown host"), dns.getMessage());
    assertEquals(ErrorCode.CONNECTION_FAILED.name(),
        HttpErrors.fromThrowable(new HttpConnectTimeoutException("HTTP connect timed out"), EP).code());
    assertEquals(ErrorCode.TIMEOUT.name(), HttpErrors.fromThrowable(new HttpTimeoutException("request timed out"), EP).code());
    LibsqlException lost = HttpErrors.fromThrowable(new IOException("HTTP/1.1 header parser received no bytes"), EP);
    assertEquals(ErrorCode.CONNECTION_LOST.name(), lost.code());
    assertTrue(lost.getMessage().contains("unknown"), lost.getMessage());
    assertEquals(ErrorCode.CONNECTION_LOST.name(), HttpErrors.fromThrowable(new EOFException("EOF reached"), EP).code());
  }

  @Test
  void anUntrustedCertificateSaysSoAndHowToFixIt() {
    SSLHandshakeException ssl = new SSLHandshakeException("PKIX path building failed");
    ssl.initCause(new CertificateException("unable to find valid certification path to requested target"));
    LibsqlException e = HttpErrors.fromThrowable(new CompletionException(ssl), EP);
    assertEquals(ErrorCode.CONNECTION_FAILED.name(), e.code());
    assertTrue(e.getMessage().contains("certificate"), e.getMessage());
    assertTrue(e.getMessage().contains("sslContext"), e.getMessage());
  }

  @Test
  void aLibsqlExceptionPassesThrough() {
    LibsqlException original = new LibsqlException(ErrorCode.ARGUMENT_INVALID, "bad");
    assertSame(original, HttpErrors.fromThrowable(new CompletionException(original), EP));
  }
}
