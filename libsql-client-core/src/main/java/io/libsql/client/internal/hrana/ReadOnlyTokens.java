package io.libsql.client.internal.hrana;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Stmt;
import io.libsql.client.internal.sql.SqlText;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Over a WebSocket, sqld 0.24 answers a write made with a read-only token by dropping the
 * connection without a word (over HTTP it answers 403). This tells that refusal from a real loss:
 * the token's own claims say read-only ({@code "a":"ro"}, read without verifying, as only the
 * server can) and the request may write. Not API.
 */
public final class ReadOnlyTokens {
  private static final JsonFactory JSON = new JsonFactory();

  private ReadOnlyTokens() {}

  /** True if {@code jwt} is a JWT whose claims grant read-only access. */
  public static boolean readOnly(String jwt) {
    if (jwt == null) {
      return false;
    }
    int first = jwt.indexOf('.');
    int second = first < 0 ? -1 : jwt.indexOf('.', first + 1);
    if (second < 0) {
      return false;
    }
    try {
      byte[] claims = Base64.getUrlDecoder().decode(jwt.substring(first + 1, second));
      try (JsonParser p = JSON.createParser(new String(claims, StandardCharsets.UTF_8))) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          return false;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if (name.equals("a") && value == JsonToken.VALUE_STRING) {
            return p.getText().equals("ro");
          }
          p.skipChildren();
        }
      }
    } catch (Exception notAJwt) {
      // an opaque token: nothing to tell
    }
    return false;
  }

  /** True if {@code request} may write (any statement not certainly read-only). */
  public static boolean mayWrite(Request request) {
    if (request instanceof Request.Execute) {
      return mayWrite(((Request.Execute) request).stmt());
    }
    if (request instanceof Request.BatchReq) {
      return mayWrite(((Request.BatchReq) request).batch());
    }
    if (request instanceof Request.OpenCursor) {
      return mayWrite(((Request.OpenCursor) request).batch());
    }
    if (request instanceof Request.Sequence) {
      String sql = ((Request.Sequence) request).sql();
      return sql == null || !SqlText.of(sql).certainlyReadOnly();
    }
    return false;
  }

  private static boolean mayWrite(Batch batch) {
    for (Batch.Step step : batch.steps()) {
      if (mayWrite(step.stmt())) {
        return true;
      }
    }
    return false;
  }

  private static boolean mayWrite(Stmt stmt) {
    String sql = stmt.sql();
    if (sql == null) {
      return true;
    }
    SqlText text = SqlText.of(sql);
    SqlText.Transaction tx = text.transaction();
    return !text.certainlyReadOnly() && tx != SqlText.Transaction.BEGIN && tx != SqlText.Transaction.COMMIT
        && tx != SqlText.Transaction.ROLLBACK;
  }

  /** The failure of a write that sqld refused for the token's sake; {@code lost} is what the socket said. */
  public static LibsqlException refusal(LibsqlException lost) {
    return new LibsqlException(ErrorCode.AUTH_FAILED, "the server refused a write: the auth token grants read-only access"
        + " (claim a=ro); sqld closed the connection on it, and nothing was written", lost);
  }
}
