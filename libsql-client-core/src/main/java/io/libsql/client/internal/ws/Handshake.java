package io.libsql.client.internal.ws;

import io.libsql.client.Encoding;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.url.AuthTokens;
import io.libsql.client.internal.proto.HranaError;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The upgrade and authentication of one connection: which subprotocol the server chose, what a
 * failed upgrade means, which token each {@code hello} carries (a rotating supplier is asked again
 * at most once a {@link #TOKEN_CHECK_NANOS}) and what a {@code hello_error} means. Tokens are never
 * logged or put in messages. Thread-safe.
 */
final class Handshake {
  /** How often a rotating token supplier is asked whether the token changed, at most. */
  static final long TOKEN_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** What the server chose: Hrana {@code version} in {@code encoding} over {@code subprotocol}. */
  record Negotiated(int version, Encoding encoding, String subprotocol) {}

  /** A refused hello: {@code error} for everything pending; {@code nothingRan} if the server ran none of it. */
  record Refusal(LibsqlException error, boolean nothingRan) {}

  private final AuthTokens tokens;
  private final String redactedUrl;
  private final List<String> offered;
  /** The token of the last hello sent (null: none). */
  private volatile String helloToken;
  /** The server accepted a hello (so a hello_error is about a re-hello). */
  private volatile boolean helloAccepted;
  /** When a rotating token supplier is next asked whether the token changed (System.nanoTime). */
  private volatile long nextTokenCheck;

  Handshake(AuthTokens tokens, String redactedUrl, List<String> offered) {
    this.tokens = tokens;
    this.redactedUrl = redactedUrl;
    this.offered = offered;
  }

  /** The subprotocol {@code chosen} by the server, or null if it is not one that was offered. */
  Negotiated negotiate(String chosen) {
    String sub = chosen;
    int v;
    Encoding encoding = Encoding.JSON;
    switch (sub == null ? "" : sub) {
      case "hrana3-protobuf":
        v = 3;
        encoding = Encoding.PROTOBUF;
        break;
      case "hrana3":
        v = 3;
        break;
      case "hrana2":
        v = 2;
        break;
      case "hrana1":
      case "":
        // A server that picks no subprotocol speaks Hrana 1 (as the spec and the TS client assume).
        v = 1;
        sub = "hrana1";
        break;
      default:
        return null;
    }
    return offered.contains(sub) ? new Negotiated(v, encoding, sub) : null;
  }

  LibsqlException notOffered(String chosen) {
    return new LibsqlException(ErrorCode.HRANA_PROTO_ERROR,
        "the server chose the WebSocket subprotocol '" + chosen + "', which was not offered " + offered);
  }

  /** The token for the first hello (may throw the supplier's failure). */
  String firstToken() {
    String jwt = tokens.get();
    helloToken = jwt;
    nextTokenCheck = System.nanoTime() + TOKEN_CHECK_NANOS;
    return jwt;
  }

  /**
   * With a rotating token supplier on Hrana 2+ (Hrana 1 has no re-authentication; its connection
   * uses the new token when it reconnects), at most once a {@link #TOKEN_CHECK_NANOS}: the new
   * token if it changed, which the caller sends in a hello; else null. A failing supplier keeps the
   * session's current authentication.
   */
  String rotatedToken(int version) {
    if (!tokens.rotating() || version < 2 || System.nanoTime() - nextTokenCheck < 0) {
      return null;
    }
    nextTokenCheck = System.nanoTime() + TOKEN_CHECK_NANOS;
    try {
      String token = tokens.get();
      if (Objects.equals(token, helloToken)) {
        return null;
      }
      helloToken = token;
      return token;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The token of the last hello sent, or null. */
  String helloToken() {
    return helloToken;
  }

  void accepted() {
    helloAccepted = true;
  }

  /** What a hello_error means for the requests on the connection. */
  Refusal refused(HranaError error) {
    String message = error == null || error.message() == null ? "(no message)" : error.message();
    String code = error == null ? null : error.code();
    String text = (message + " " + (code == null ? "" : code)).toLowerCase(Locale.ROOT);
    boolean auth = text.contains("auth") || text.contains("jwt") || text.contains("token") || text.contains("unauthorized");
    LibsqlException e = new LibsqlException(auth ? ErrorCode.AUTH_FAILED : ErrorCode.SERVER_ERROR,
        (auth ? "the server at " + redactedUrl + " rejected the credentials: " : "the server at " + redactedUrl + " refused the connection: ")
            + message + (code == null ? "" : " (" + code + ")"));
    if (!helloAccepted && e.is(ErrorCode.AUTH_FAILED) && tokens.another(helloToken) != null) {
      // The first hello failed, so nothing pipelined behind it ran; the supplier has another
      // token: one-shot operations may try once more on a new connection (which asks for it).
      return new Refusal(new LibsqlException(e.code(), e.getMessage() + "; the request was not executed", -1, e), true);
    }
    if (helloAccepted) {
      e = new LibsqlException(e.code(), e.getMessage() + "; the new token was refused on the open connection, and requests"
          + " in flight on it may or may not have been executed", -1, null);
    }
    return new Refusal(e, false);
  }

  /** What a failed connect or upgrade means, for the user. */
  LibsqlException connectFailure(Throwable t, Duration connectTimeout) {
    Throwable c = t;
    for (Throwable x = t; x != null; x = x.getCause()) {
      if (x instanceof WebSocketHandshakeException || x instanceof SocketWebSocket.HandshakeException
          || x instanceof HttpTimeoutException || x instanceof SSLException || x instanceof ConnectException
          || x instanceof UnresolvedAddressException || x instanceof UnknownHostException
          || x instanceof TimeoutException || x instanceof LibsqlException) {
        c = x;
        break;
      }
      if (x.getCause() == null) {
        c = x;
      }
    }
    if (c instanceof LibsqlException) {
      return (LibsqlException) c;
    }
    if (c instanceof WebSocketHandshakeException || c instanceof SocketWebSocket.HandshakeException) {
      int status = c instanceof SocketWebSocket.HandshakeException ? ((SocketWebSocket.HandshakeException) c).status
          : ((WebSocketHandshakeException) c).getResponse().statusCode();
      if (status == 401 || status == 403) {
        return new LibsqlException(ErrorCode.AUTH_FAILED,
            "the server at " + redactedUrl + " rejected the credentials (HTTP " + status + " on the WebSocket upgrade); check the auth token", c);
      }
      if (status == 404) {
        return new LibsqlException(ErrorCode.ENDPOINT_NOT_FOUND,
            "the server at " + redactedUrl + " answered HTTP 404 to the WebSocket upgrade; check the URL", c);
      }
      return new LibsqlException(ErrorCode.CONNECTION_FAILED,
          "the server at " + redactedUrl + " refused the WebSocket upgrade with HTTP " + status
              + "; it may not speak any of the offered subprotocols " + offered + " (try an http: URL)", c);
    }
    if (c instanceof HttpTimeoutException || c instanceof TimeoutException) {
      return new LibsqlException(ErrorCode.CONNECTION_FAILED,
          "could not connect to " + redactedUrl + " within " + connectTimeout.toMillis() + " ms", c);
    }
    if (c instanceof SSLException) {
      return new LibsqlException(ErrorCode.CONNECTION_FAILED,
          "the TLS handshake with " + redactedUrl + " failed: " + c.getMessage(), c);
    }
    if (c instanceof UnknownHostException) {
      return new LibsqlException(ErrorCode.CONNECTION_FAILED, "could not connect to " + redactedUrl + ": unknown host", c);
    }
    if (c instanceof ConnectException || c instanceof UnresolvedAddressException) {
      return new LibsqlException(ErrorCode.CONNECTION_FAILED,
          "could not connect to " + redactedUrl + ": " + (c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage()), c);
    }
    return new LibsqlException(ErrorCode.CONNECTION_FAILED,
        "could not connect to " + redactedUrl + ": " + c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage()), c);
  }
}
