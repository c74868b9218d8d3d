package io.libsql.client.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.CodedInputStream;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns HTTP statuses, bodies and I/O failures into {@link LibsqlException}s. Pure functions.
 *
 * <p>What sqld 0.24 answers, and what it becomes here:
 * <ul>
 *   <li>401 {@code {"error":"Unauthorized: ..."}} (missing or bad JWT): AUTH_FAILED; 403 likewise.
 *   <li>404, empty body (unknown endpoint): ENDPOINT_NOT_FOUND.
 *   <li>400 {@code {"message":"The stream has expired due to inactivity","code":"STREAM_EXPIRED"}}
 *       (on {@code /v3-protobuf} the same Error as Protobuf, content type application/x-protobuf):
 *       STREAM_EXPIRED. 400 text/plain "Received an invalid baton" (the server forgot the stream,
 *       e.g. after a restart) and "...baton that has already been used": STREAM_EXPIRED too, since
 *       the server-side transaction is gone either way.
 *   <li>Other 4xx text or JSON without a code: SERVER_ERROR with the server's message; a JSON error
 *       with a code keeps the code.
 *   <li>5xx: SERVER_ERROR with the body's message.
 *   <li>An HTML body at any status (a proxy's error page): HRANA_PROTO_ERROR with its title.
 * </ul>
 * Messages quote at most {@value #EXCERPT_CHARS} characters of a body, and never the auth token.
 */
final class HttpErrors {
  static final int EXCERPT_CHARS = 200;
  /** The most of an error body worth reading. */
  static final int MAX_ERROR_BODY = 16 * 1024;

  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern TAGS = Pattern.compile("<[^>]*>");

  private HttpErrors() {}

  /**
   * The failure for a response that is not a Hrana success.
   *
   * @param endpoint what was requested, safe to show, e.g. {@code POST http://127.0.0.1:8080/v3/pipeline}
   * @param token the auth token to scrub from server text, or null
   */
  static LibsqlException fromResponse(int status, String contentType, byte[] body, String endpoint, String token) {
    Body parsed = Body.parse(contentType, body);
    String message = scrub(parsed.message(), token);
    String statusText = "HTTP " + status;
    if (status == 401 || status == 403) {
      String hint = token == null ? " (no auth token is configured)" : "";
      return new LibsqlException(ErrorCode.AUTH_FAILED,
          "the server rejected the credentials" + hint + " (" + statusText + "): " + message);
    }
    if (status == 404) {
      return new LibsqlException(ErrorCode.ENDPOINT_NOT_FOUND,
          "the server answered " + statusText + " for " + endpoint
              + ": no Hrana endpoint there (check the URL's host, port and path)");
    }
    if (parsed.kind == Kind.HTML) {
      return new LibsqlException(ErrorCode.HRANA_PROTO_ERROR,
          "expected a Hrana response from " + endpoint + " but received " + statusText
              + " with an HTML page (a proxy or load balancer in the way?): " + message);
    }
    if (parsed.kind == Kind.BINARY && status < 400) {
      return new LibsqlException(ErrorCode.HRANA_PROTO_ERROR,
          "expected a Hrana response from " + endpoint + " but received " + statusText + " with "
              + contentTypeOrNone(contentType) + ": " + message);
    }
    if (parsed.code != null && !parsed.code.isEmpty()) {
      if (parsed.code.equals("STREAM_EXPIRED")) {
        return streamExpired(message);
      }
      return new LibsqlException(parsed.code, message, -1, null);
    }
    if (status >= 400 && status < 500 && message.toLowerCase(Locale.ROOT).contains("baton")) {
      return streamExpired(message);
    }
    if (status >= 500 && message.contains("SQL string could not be parsed")) {
      // sqld's /v3/cursor answers a statement that does not parse with a 500, not a step error
      return new LibsqlException("SQLITE_ERROR", message, -1, null);
    }
    if (status >= 500) {
      return new LibsqlException(ErrorCode.SERVER_ERROR, "server error (" + statusText + ") at " + endpoint + ": " + message);
    }
    if (status >= 400) {
      return new LibsqlException(ErrorCode.SERVER_ERROR,
          "the server rejected the request to " + endpoint + " (" + statusText + "): " + message);
    }
    return new LibsqlException(ErrorCode.HRANA_PROTO_ERROR,
        "expected a Hrana response from " + endpoint + " but received " + statusText + " ("
            + contentTypeOrNone(contentType) + "): " + message);
  }

  static LibsqlException streamExpired(String serverMessage) {
    return new LibsqlException(ErrorCode.STREAM_EXPIRED,
        "the transaction was idle too long and the server rolled it back (server: " + serverMessage
            + "); nothing of it was committed, start it again");
  }

  /**
   * The failure for an exception from the HTTP client.
   *
   * @param target the request's target, safe to show
   */
  static LibsqlException fromThrowable(Throwable t, String target) {
    t = unwrap(t);
    if (t instanceof LibsqlException) {
      return (LibsqlException) t;
    }
    if (t instanceof HttpConnectTimeoutException) {
      return new LibsqlException(ErrorCode.CONNECTION_FAILED,
          "cannot connect to " + target + ": the connection timed out (connectTimeout); nothing was executed", t);
    }
    if (t instanceof HttpTimeoutException) {
      return new LibsqlException(ErrorCode.TIMEOUT,
          "no answer from " + target + " within the request timeout; whether the request was executed is unknown", t);
    }
    if (t instanceof CancellationException) {
      return new LibsqlException(ErrorCode.CANCELLED, "the request to " + target + " was cancelled", t);
    }
    Throwable tls = find(t, SSLException.class);
    if (tls != null) {
      String what = isCertificateProblem(t)
          ? "the server's certificate is not trusted or does not match the host (" + tls.getMessage()
              + "); for a private CA or self-signed certificate pass Config.builder(url).sslContext(...)"
          : tls.getMessage();
      return new LibsqlException(ErrorCode.CONNECTION_FAILED,
          "TLS handshake with " + target + " failed: " + what + "; nothing was executed", t);
    }
    if (t instanceof ConnectException || find(t, UnresolvedAddressException.class) != null
        || find(t, UnknownHostException.class) != null || find(t, NoRouteToHostException.class) != null) {
      String reason = find(t, UnresolvedAddressException.class) != null || find(t, UnknownHostException.class) != null
          ? "unknown host"
          : String.valueOf(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
      return new LibsqlException(ErrorCode.CONNECTION_FAILED,
          "cannot connect to " + target + ": " + reason + "; nothing was executed", t);
    }
    if (t instanceof IOException) {
      String reason = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (t instanceof EOFException) {
        reason = "the server closed the connection (" + reason + ")";
      }
      return new LibsqlException(ErrorCode.CONNECTION_LOST,
          "the connection to " + target + " failed after the request was sent (" + reason
              + "); whether it was executed is unknown", t);
    }
    if (t instanceof IllegalArgumentException) {
      return new LibsqlException(ErrorCode.URL_INVALID, "cannot request " + target + ": " + t.getMessage(), t);
    }
    return new LibsqlException(ErrorCode.INTERNAL_ERROR,
        "unexpected " + t.getClass().getName() + " from the HTTP client: " + t.getMessage(), t);
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static boolean isCertificateProblem(Throwable t) {
    if (find(t, CertificateException.class) != null || find(t, CertPathBuilderException.class) != null
        || find(t, CertPathValidatorException.class) != null) {
      return true;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c.getMessage();
      if (m != null && (m.contains("PKIX") || m.toLowerCase(Locale.ROOT).contains("certificate"))) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return t instanceof SSLHandshakeException && t.getMessage() != null && t.getMessage().contains("path");
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 16; c = c.getCause(), depth++) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  /** Replaces every occurrence of the token with {@code ***}. */
  static String scrub(String text, String token) {
    if (text == null || token == null || token.isEmpty()) {
      return text;
    }
    return text.replace(token, "***");
  }

  private static String contentTypeOrNone(String contentType) {
    return contentType == null || contentType.isEmpty() ? "no content type" : "content type " + contentType;
  }

  /** A short, single-line excerpt of {@code text}. */
  static String excerpt(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= EXCERPT_CHARS ? oneLine : oneLine.substring(0, EXCERPT_CHARS) + "...";
  }

  enum Kind {
    EMPTY,
    /** A Hrana Error structure, JSON or Protobuf. */
    JSON,
    TEXT,
    HTML,
    BINARY
  }

  /** What an error body says. */
  static final class Body {
    final Kind kind;
    final String text;
    final String code;

    private Body(Kind kind, String text, String code) {
      this.kind = kind;
      this.text = text;
      this.code = code;
    }

    String message() {
      return text;
    }

    static Body parse(String contentType, byte[] body) {
      String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
      if (body == null || body.length == 0) {
        return new Body(Kind.EMPTY, "(empty body)", null);
      }
      String text = new String(body, 0, Math.min(body.length, MAX_ERROR_BODY), StandardCharsets.UTF_8);
      String trimmed = text.stripLeading();
      if (type.contains("html") || trimmed.startsWith("<")) {
        Matcher m = TITLE.matcher(text);
        String shown = m.find() ? m.group(1) : TAGS.matcher(text).replaceAll(" ");
        return new Body(Kind.HTML, excerpt(shown.isBlank() ? text : shown), null);
      }
      if (type.contains("json") || trimmed.startsWith("{")) {
        Body json = parseJson(body);
        if (json != null) {
          return json;
        }
      }
      if (type.contains("protobuf")) {
        Body proto = parseProtobuf(body);
        if (proto != null) {
          return proto;
        }
      }
      if (type.contains("protobuf") || type.contains("octet-stream") || !printable(text)) {
        return new Body(Kind.BINARY, "(" + body.length + " bytes of binary data)", null);
      }
      return new Body(Kind.TEXT, excerpt(text), null);
    }

    /** Reads {@code {"message":..,"code":..}} or {@code {"error":..}}; null if not such JSON. */
    private static Body parseJson(byte[] body) {
      String message = null;
      String code = null;
      try (JsonParser p = JSON.createParser(body)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          return null;
        }
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if (value == JsonToken.VALUE_STRING && name.equals("message")) {
            message = p.getText();
          } else if (value == JsonToken.VALUE_STRING && name.equals("code")) {
            code = p.getText();
          } else if (value == JsonToken.VALUE_STRING && name.equals("error") && message == null) {
            message = p.getText();
          } else if (value == JsonToken.START_OBJECT && name.equals("error") && message == null) {
            // {"error": {"message": .., "code": ..}}
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String inner = p.currentName();
              JsonToken v = p.nextToken();
              if (v == JsonToken.VALUE_STRING && inner.equals("message")) {
                message = p.getText();
              } else if (v == JsonToken.VALUE_STRING && inner.equals("code")) {
                code = p.getText();
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
        if (token != JsonToken.END_OBJECT) {
          return null;
        }
      } catch (IOException | RuntimeException e) {
        return null;
      }
      if (message == null) {
        return new Body(Kind.JSON, excerpt(new String(body, 0, Math.min(body.length, MAX_ERROR_BODY), StandardCharsets.UTF_8)), code);
      }
      return new Body(Kind.JSON, excerpt(message), code);
    }

    /** Reads a Protobuf {@code Error {string message = 1; optional string code = 2;}}; null if not one. */
    private static Body parseProtobuf(byte[] body) {
      String message = null;
      String code = null;
      try {
        CodedInputStream in = CodedInputStream.newInstance(body);
        int tag;
        while ((tag = in.readTag()) != 0) {
          if (tag == ((1 << 3) | 2)) {
            message = in.readStringRequireUtf8();
          } else if (tag == ((2 << 3) | 2)) {
            code = in.readStringRequireUtf8();
          } else if (!in.skipField(tag)) {
            break;
          }
        }
      } catch (IOException | RuntimeException e) {
        return null;
      }
      return message == null ? null : new Body(Kind.JSON, excerpt(message), code);
    }

    private static boolean printable(String text) {
      int bad = 0;
      int n = Math.min(text.length(), 512);
      for (int i = 0; i < n; i++) {
        char c = text.charAt(i);
        if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == '\uFFFD') {
          bad++;
        }
      }
      return bad * 10 <= n;
    }
  }
}
