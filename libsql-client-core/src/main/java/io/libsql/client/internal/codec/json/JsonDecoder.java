package io.libsql.client.internal.codec.json;

import static io.libsql.client.internal.codec.CodecSupport.protoError;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.proto.BatchResult;
import io.libsql.client.internal.proto.Col;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.client.internal.proto.DescribeResult;
import io.libsql.client.internal.proto.HranaError;
import io.libsql.client.internal.proto.Pipeline;
import io.libsql.client.internal.proto.Response;
import io.libsql.client.internal.proto.ServerMsg;
import io.libsql.client.internal.proto.StmtResult;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Reads Hrana JSON structures from a {@link JsonParser}. Each method takes the parser positioned on
 * the structure's first token ({@code t}) and leaves it on its last one. Fields may come in any
 * order; unknown fields are skipped. Throws {@code HRANA_PROTO_ERROR} for anything not of the
 * expected shape; callers wrap the parser's own exceptions.
 */
final class JsonDecoder {
  private JsonDecoder() {}

  private static final Base64.Decoder BASE64 = Base64.getDecoder();

  private static final ServerMsg HELLO_OK = new ServerMsg.HelloOk();

  private static final int KIND_NULL = 1;
  private static final int KIND_INTEGER = 2;
  private static final int KIND_FLOAT = 3;
  private static final int KIND_TEXT = 4;
  private static final int KIND_BLOB = 5;

  // ---------------------------------------------------------------- WebSocket

  static ServerMsg serverMsg(JsonParser p, JsonToken t) throws IOException {
    expectObject(p, t, "a server message object");
    String type = null;
    int requestId = 0;
    boolean hasRequestId = false;
    Response response = null;
    HranaError error = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "type":
          type = string(p, v, "a string for the message type");
          break;
        case "request_id":
          requestId = int32(p, v, "an int32 request_id");
          hasRequestId = true;
          break;
        case "response":
          response = response(p, v);
          break;
        case "error":
          error = error(p, v);
          break;
        default:
          p.skipChildren();
      }
    }
    if (type == null) {
      throw protoError("a server message with a type", "none");
    }
    switch (type) {
      case "hello_ok":
        return HELLO_OK;
      case "hello_error":
        return new ServerMsg.HelloError(require(error, "an error in hello_error"));
      case "response_ok":
        requireId(hasRequestId, type);
        return new ServerMsg.ResponseOk(requestId, require(response, "a response in response_ok"));
      case "response_error":
        requireId(hasRequestId, type);
        return new ServerMsg.ResponseError(requestId, require(error, "an error in response_error"));
      default:
        throw protoError("a server message of type hello_ok, hello_error, response_ok or response_error",
            quote(type));
    }
  }

  private static void requireId(boolean has, String type) {
    if (!has) {
      throw protoError("a request_id in " + type, "none");
    }
  }

  /** A Response (WebSocket) or StreamResponse (HTTP): {@code close} and {@code close_stream} both map to CloseStream. */
  static Response response(JsonParser p, JsonToken t) throws IOException {
    expectObject(p, t, "a response object");
    String type = null;
    Object result = null;
    String deferredResult = null;
    List<CursorEntry> entries = null;
    boolean done = false;
    boolean isAutocommit = false;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "type":
          type = string(p, v, "a string for the response type");
          break;
        case "result":
          if (type != null) {
            result = result(p, v, type);
          } else {
            deferredResult = capture(p);
          }
          break;
        case "entries":
          entries = cursorEntries(p, v);
          break;
        case "done":
          done = bool(p, v, "a boolean for done");
          break;
        case "is_autocommit":
          isAutocommit = bool(p, v, "a boolean for is_autocommit");
          break;
        default:
          p.skipChildren();
      }
    }
    if (type == null) {
      throw protoError("a response with a type", "none");
    }
    if (deferredResult != null) {
      try (JsonParser sub = JsonCodec.FACTORY.createParser(deferredResult)) {
        result = result(sub, sub.nextToken(), type);
      }
    }
    switch (type) {
      case "open_stream":
        return new Response.OpenStream();
      case "close_stream":
      case "close":
        return new Response.CloseStream();
      case "execute":
        return new Response.Execute((StmtResult) require(result, "a result in the execute response"));
      case "batch":
        return new Response.BatchResp((BatchResult) require(result, "a result in the batch response"));
      case "open_cursor":
        return new Response.OpenCursor();
      case "close_cursor":
        return new Response.CloseCursor();
      case "fetch_cursor":
        return new Response.FetchCursor(require(entries, "entries in the fetch_cursor response"), done);
      case "sequence":
        return new Response.Sequence();
      case "describe":
        return new Response.Describe((DescribeResult) require(result, "a result in the describe response"));
      case "store_sql":
        return new Response.StoreSql();
      case "close_sql":
        return new Response.CloseSql();
      case "get_autocommit":
        return new Response.GetAutocommit(isAutocommit);
      default:
        throw protoError("a known response type", quote(type));
    }
  }

  private static Object result(JsonParser p, JsonToken t, String type) throws IOException {
    switch (type) {
      case "execute":
        return stmtResult(p, t);
      case "batch":
        return batchResult(p, t);
      case "describe":
        return describeResult(p, t);
      default:
        p.skipChildren();
        return null;
    }
  }

  /** Copies the structure under the parser as JSON text, to read once its type is known. */
  private static String capture(JsonParser p) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JsonCodec.FACTORY.createGenerator(w)) {
      g.copyCurrentStructure(p);
    }
    return w.toString();
  }

  private static List<CursorEntry> cursorEntries(JsonParser p, JsonToken t) throws IOException {
    expectArray(p, t, "an array of cursor entries");
    List<CursorEntry> entries = new ArrayList<>();
    int[] colsHint = {-1};
    JsonToken v;
    while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
      CursorEntry e = cursorEntry(p, v, colsHint);
      if (e != null) {
        entries.add(e);
      }
    }
    return entries;
  }

  // ---------------------------------------------------------------- HTTP

  static Pipeline.Response pipelineResponse(JsonParser p, JsonToken t) throws IOException {
    expectObject(p, t, "a pipeline response object");
    String baton = null;
    String baseUrl = null;
    List<Pipeline.Result> results = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "baton":
          baton = nullableString(p, v, "a string or null for baton");
          break;
        case "base_url":
          baseUrl = nullableString(p, v, "a string or null for base_url");
          break;
        case "results":
          expectArray(p, v, "an array of results");
          results = new ArrayList<>();
          JsonToken r;
          while ((r = p.nextToken()) != JsonToken.END_ARRAY) {
            results.add(streamResult(p, r));
          }
          break;
        default:
          p.skipChildren();
      }
    }
    return new Pipeline.Response(baton, baseUrl, require(results, "results in the pipeline response"));
  }

  private static Pipeline.Result streamResult(JsonParser p, JsonToken t) throws IOException {
    expectObject(p, t, "a pipeline result object");
    String type = null;
    Response response = null;
    HranaError error = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "type":
          type = string(p, v, "a string for the result type");
          break;
        case "response":
          response = response(p, v);
          break;
        case "error":
          error = error(p, v);
          break;
        default:
          p.skipChildren();
      }
    }
    if ("ok".equals(type)) {
      return new Pipeline.Result(require(response, "a response in the ok result"), null);
    }
    if ("error".equals(type)) {
      return new Pipeline.Result(null, require(error, "an error in the error result"));
    }
    throw protoError("a pipeline result of type ok or error", type == null ? "none" : quote(type));
  }

  static Pipeline.CursorHead cursorHead(JsonParser p, JsonToken t) throws IOException {
    expectObject(p, t, "a cursor response object");
    String baton = null;
    String baseUrl = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "baton":
          baton = nullableString(p, v, "a string or null for baton");
          break;
        case "base_url":
          baseUrl = nullableString(p, v, "a string or null for base_url");
          break;
        default:
          p.skipChildren();
      }
    }
    return new Pipeline.CursorHead(baton, baseUrl);
  }

  // ---------------------------------------------------------------- shared structures

  /**
   * A cursor entry, or null for an entry type this client does not know (skipped, for forward
   * compatibility). {@code colsHint[0]} carries the column count of the last step_begin to size rows.
   */
  static CursorEntry cursorEntry(JsonParser p, JsonToken t, int[] colsHint) throws IOException {
    expectObject(p, t, "a cursor entry object");
    String type = null;
    int step = 0;
    List<Col> cols = null;
    Object[] row = null;
    long affected = 0;
    Long lastInsertRowid = null;
    HranaError error = null;
    Long replicationIndex = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "type":
          type = string(p, v, "a string for the cursor entry type");
          break;
        case "step":
          step = int32(p, v, "an integer step");
          break;
        case "cols":
          cols = cols(p, v);
          break;
        case "row":
          row = row(p, v, colsHint[0]);
          break;
        case "affected_row_count":
          affected = int64(p, v, "an integer affected_row_count");
          break;
        case "last_insert_rowid":
          lastInsertRowid = nullableInt64(p, v, "an integer string or null for last_insert_rowid");
          break;
        case "error":
          error = error(p, v);
          break;
        case "replication_index":
          replicationIndex = nullableInt64(p, v, "an integer or null for replication_index");
          break;
        default:
          p.skipChildren();
      }
    }
    if (type == null) {
      throw protoError("a cursor entry with a type", "none");
    }
    switch (type) {
      case "step_begin":
        cols = require(cols, "cols in step_begin");
        colsHint[0] = cols.size();
        return new CursorEntry.StepBegin(step, cols);
      case "step_end":
        return new CursorEntry.StepEnd(affected, lastInsertRowid);
      case "step_error":
        return new CursorEntry.StepError(step, require(error, "an error in step_error"));
      case "row":
        return new CursorEntry.Row(require(row, "a row in the row entry"));
      case "error":
        return new CursorEntry.Error(require(error, "an error in the error entry"));
      case "replication_index":
        return new CursorEntry.ReplicationIndex(replicationIndex);
      default:
        return null;
    }
  }

  static StmtResult stmtResult(JsonParser p, JsonToken t) throws IOException {
    expectObject(p, t, "a statement result object");
    List<Col> cols = List.of();
    List<Object[]> rows = List.of();
    long affected = 0;
    Long lastInsertRowid = null;
    Long rowsRead = null;
    Long rowsWritten = null;
    Double duration = null;
    Long replicationIndex = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "cols":
          cols = cols(p, v);
          break;
        case "rows":
          rows = rows(p, v, cols.isEmpty() ? -1 : cols.size());
          break;
        case "affected_row_count":
          affected = int64(p, v, "an integer affected_row_count");
          break;
        case "last_insert_rowid":
          lastInsertRowid = nullableInt64(p, v, "an integer string or null for last_insert_rowid");
          break;
        case "rows_read":
          rowsRead = nullableInt64(p, v, "an integer or null for rows_read");
          break;
        case "rows_written":
          rowsWritten = nullableInt64(p, v, "an integer or null for rows_written");
          break;
        case "query_duration_ms":
          duration = nullableNumber(p, v, "a number or null for query_duration_ms");
          break;
        case "replication_index":
          replicationIndex = nullableInt64(p, v, "an integer string or null for replication_index");
          break;
        default:
          p.skipChildren();
      }
    }
    return new StmtResult(cols, rows, affected, lastInsertRowid, rowsRead, rowsWritten, duration, replicationIndex);
  }

  private static List<Object[]> rows(JsonParser p, JsonToken t, int colsHint) throws IOException {
    expectArray(p, t, "an array of rows");
    List<Object[]> rows = new ArrayList<>();
    JsonToken v;
    while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
      rows.add(row(p, v, colsHint));
    }
    return rows;
  }

  private static Object[] row(JsonParser p, JsonToken t, int colsHint) throws IOException {
    expectArray(p, t, "a row (an array of values)");
    Object[] values = new Object[colsHint >= 0 ? colsHint : 8];
    int n = 0;
    JsonToken v;
    while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
      Object value = value(p, v);
      if (n == values.length) {
        values = Arrays.copyOf(values, n * 2 + 1);
      }
      values[n++] = value;
    }
    return n == values.length ? values : Arrays.copyOf(values, n);
  }

  private static List<Col> cols(JsonParser p, JsonToken t) throws IOException {
    expectArray(p, t, "an array of columns");
    List<Col> cols = new ArrayList<>();
    JsonToken v;
    while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
      expectObject(p, v, "a column object");
      String colName = null;
      String decltype = null;
      String name;
      while ((name = p.nextFieldName()) != null) {
        JsonToken f = p.nextToken();
        switch (name) {
          case "name":
            colName = nullableString(p, f, "a string or null for the column name");
            break;
          case "decltype":
            decltype = nullableString(p, f, "a string or null for decltype");
            break;
          default:
            p.skipChildren();
        }
      }
      cols.add(new Col(colName, decltype));
    }
    return cols;
  }

  static BatchResult batchResult(JsonParser p, JsonToken t) throws IOException {
    expectObject(p, t, "a batch result object");
    List<StmtResult> stepResults = new ArrayList<>();
    List<HranaError> stepErrors = new ArrayList<>();
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "step_results":
          expectArray(p, v, "an array of step results");
          stepResults.clear();
          JsonToken r;
          while ((r = p.nextToken()) != JsonToken.END_ARRAY) {
            stepResults.add(r == JsonToken.VALUE_NULL ? null : stmtResult(p, r));
          }
          break;
        case "step_errors":
          expectArray(p, v, "an array of step errors");
          stepErrors.clear();
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            stepErrors.add(e == JsonToken.VALUE_NULL ? null : error(p, e));
          }
          break;
        default:
          p.skipChildren();
      }
    }
    return new BatchResult(stepResults, stepErrors);
  }

  static DescribeResult describeResult(JsonParser p, JsonToken t) throws IOException {
    expectObject(p, t, "a describe result object");
    List<String> params = new ArrayList<>();
    List<Col> cols = List.of();
    boolean isExplain = false;
    boolean isReadonly = false;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "params":
          expectArray(p, v, "an array of parameters");
          params.clear();
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            expectObject(p, e, "a parameter object");
            String paramName = null;
            String field;
            while ((field = p.nextFieldName()) != null) {
              JsonToken f = p.nextToken();
              if (field.equals("name")) {
                paramName = nullableString(p, f, "a string or null for the parameter name");
              } else {
                p.skipChildren();
              }
            }
            params.add(paramName);
          }
          break;
        case "cols":
          cols = cols(p, v);
          break;
        case "is_explain":
          isExplain = bool(p, v, "a boolean for is_explain");
          break;
        case "is_readonly":
          isReadonly = bool(p, v, "a boolean for is_readonly");
          break;
        default:
          p.skipChildren();
      }
    }
    return new DescribeResult(params, cols, isExplain, isReadonly);
  }

  static HranaError error(JsonParser p, JsonToken t) throws IOException {
    expectObject(p, t, "an error object");
    String message = null;
    String code = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (name) {
        case "message":
          message = string(p, v, "a string for the error message");
          break;
        case "code":
          code = nullableString(p, v, "a string or null for the error code");
          break;
        default:
          p.skipChildren();
      }
    }
    return new HranaError(require(message, "a message in the error"), code);
  }

  // ---------------------------------------------------------------- values

  /**
   * One SQL value. The fast path reads {@code type} first, as sqld writes it; a {@code value} or
   * {@code base64} that comes before {@code type} is kept as text and converted at the end.
   */
  static Object value(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      throw protoError("a value object", describe(t));
    }
    int kind = 0;
    Object result = null;
    boolean haveResult = false;
    // a value or base64 field read before the type: its token, its text, and which field it was
    JsonToken pendingToken = null;
    String pendingText = null;
    boolean pendingIsBase64 = false;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      if (name.equals("type")) {
        kind = kind(p, v);
      } else if (name.equals("value") || name.equals("base64")) {
        boolean isBase64 = name.equals("base64");
        if (kind == 0) {
          pendingToken = v;
          pendingText = v.isScalarValue() ? p.getText() : null;
          pendingIsBase64 = isBase64;
          p.skipChildren();
        } else if (kind != KIND_NULL && (kind == KIND_BLOB) == isBase64) {
          result = typed(p, v, kind);
          haveResult = true;
        } else {
          p.skipChildren();
        }
      } else {
        p.skipChildren();
      }
    }
    if (kind == 0) {
      throw protoError("a value with a type", "none");
    }
    if (kind == KIND_NULL || haveResult) {
      return result;
    }
    if (pendingToken != null && pendingIsBase64 == (kind == KIND_BLOB)) {
      return pending(pendingToken, pendingText, kind);
    }
    throw protoError(kind == KIND_BLOB ? "base64 in a blob value" : "a value in a " + kindName(kind) + " value",
        "none");
  }

  private static int kind(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      throw protoError("a string for the value type", describe(v));
    }
    char[] b = p.getTextCharacters();
    int off = p.getTextOffset();
    switch (p.getTextLength()) {
      case 4:
        if (b[off] == 'n' && b[off + 1] == 'u' && b[off + 2] == 'l' && b[off + 3] == 'l') {
          return KIND_NULL;
        }
        if (b[off] == 't' && b[off + 1] == 'e' && b[off + 2] == 'x' && b[off + 3] == 't') {
          return KIND_TEXT;
        }
        if (b[off] == 'b' && b[off + 1] == 'l' && b[off + 2] == 'o' && b[off + 3] == 'b') {
          return KIND_BLOB;
        }
        break;
      case 5:
        if (b[off] == 'f' && b[off + 1] == 'l' && b[off + 2] == 'o' && b[off + 3] == 'a' && b[off + 4] == 't') {
          return KIND_FLOAT;
        }
        break;
      case 7:
        if (b[off] == 'i' && b[off + 1] == 'n' && b[off + 2] == 't' && b[off + 3] == 'e' && b[off + 4] == 'g'
            && b[off + 5] == 'e' && b[off + 6] == 'r') {
          return KIND_INTEGER;
        }
        break;
      default:
        break;
    }
    throw protoError("a value type null, integer, float, text or blob", quote(p.getText()));
  }

  private static String kindName(int kind) {
    switch (kind) {
      case KIND_INTEGER:
        return "integer";
      case KIND_FLOAT:
        return "float";
      case KIND_TEXT:
        return "text";
      default:
        return "blob";
    }
  }

  private static Object typed(JsonParser p, JsonToken v, int kind) throws IOException {
    switch (kind) {
      case KIND_INTEGER:
        if (v == JsonToken.VALUE_STRING) {
          return parseLong(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }
        if (v == JsonToken.VALUE_NUMBER_INT) {
          return p.getLongValue();
        }
        throw protoError("an integer string for an integer value", describe(v));
      case KIND_FLOAT:
        if (v == JsonToken.VALUE_NUMBER_FLOAT) {
          return p.getDoubleValue();
        }
        if (v == JsonToken.VALUE_NUMBER_INT) {
          // "-0" is an integer token whose long value loses the sign.
          return p.getTextCharacters()[p.getTextOffset()] == '-' && isZero(p) ? -0.0 : p.getDoubleValue();
        }
        if (v == JsonToken.VALUE_NULL) {
          return null; // sqld writes a stored +/-Infinity as null; see JsonCodec.
        }
        throw protoError("a number for a float value", describe(v));
      case KIND_TEXT:
        if (v == JsonToken.VALUE_STRING) {
          return p.getText();
        }
        throw protoError("a string for a text value", describe(v));
      default:
        if (v == JsonToken.VALUE_STRING) {
          return base64(p.getText());
        }
        throw protoError("a base64 string for a blob value", describe(v));
    }
  }

  private static boolean isZero(JsonParser p) throws IOException {
    char[] b = p.getTextCharacters();
    int off = p.getTextOffset();
    int len = p.getTextLength();
    for (int i = off + 1; i < off + len; i++) {
      if (b[i] != '0') {
        return false;
      }
    }
    return true;
  }

  private static Object pending(JsonToken v, String text, int kind) {
    switch (kind) {
      case KIND_INTEGER:
        if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT) {
          return parseLong(text.toCharArray(), 0, text.length());
        }
        throw protoError("an integer string for an integer value", describe(v));
      case KIND_FLOAT:
        if (v == JsonToken.VALUE_NUMBER_FLOAT || v == JsonToken.VALUE_NUMBER_INT) {
          return Double.parseDouble(text);
        }
        if (v == JsonToken.VALUE_NULL) {
          return null;
        }
        throw protoError("a number for a float value", describe(v));
      case KIND_TEXT:
        if (v == JsonToken.VALUE_STRING) {
          return text;
        }
        throw protoError("a string for a text value", describe(v));
      default:
        if (v == JsonToken.VALUE_STRING) {
          return base64(text);
        }
        throw protoError("a base64 string for a blob value", describe(v));
    }
  }

  /** Decodes standard base64, with or without padding (sqld sends none). */
  static byte[] base64(String s) {
    try {
      return BASE64.decode(s);
    } catch (IllegalArgumentException e) {
      throw protoError("base64 for a blob value", "invalid base64 (" + e.getMessage() + ")", e);
    }
  }

  /** Parses a decimal int64 as Rust's {@code i64::from_str} does: optional sign, digits, no overflow. */
  static Long parseLong(char[] b, int off, int len) {
    int i = off;
    int end = off + len;
    boolean negative = false;
    if (i < end && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    if (i == end) {
      throw protoError("a 64-bit integer string", quote(new String(b, off, len)));
    }
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long multmin = limit / 10;
    long result = 0;
    while (i < end) {
      int digit = b[i++] - '0';
      if (digit < 0 || digit > 9 || result < multmin) {
        throw protoError("a 64-bit integer string", quote(new String(b, off, len)));
      }
      result *= 10;
      if (result < limit + digit) {
        throw protoError("a 64-bit integer string", quote(new String(b, off, len)));
      }
      result -= digit;
    }
    return negative ? result : -result;
  }

  // ---------------------------------------------------------------- scalars

  private static String string(JsonParser p, JsonToken v, String expected) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      throw protoError(expected, describe(v));
    }
    return p.getText();
  }

  private static String nullableString(JsonParser p, JsonToken v, String expected) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    return string(p, v, expected);
  }

  private static boolean bool(JsonParser p, JsonToken v, String expected) {
    if (v == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (v == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw protoError(expected, describe(v));
  }

  private static int int32(JsonParser p, JsonToken v, String expected) throws IOException {
    if (v != JsonToken.VALUE_NUMBER_INT) {
      throw protoError(expected, describe(v));
    }
    return p.getIntValue();
  }

  /** An integer sent as a number or as a decimal string. */
  private static long int64(JsonParser p, JsonToken v, String expected) throws IOException {
    if (v == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (v == JsonToken.VALUE_STRING) {
      return parseLong(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }
    throw protoError(expected, describe(v));
  }

  private static Long nullableInt64(JsonParser p, JsonToken v, String expected) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    return int64(p, v, expected);
  }

  private static Double nullableNumber(JsonParser p, JsonToken v, String expected) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDoubleValue();
    }
    throw protoError(expected, describe(v));
  }

  private static void expectObject(JsonParser p, JsonToken t, String expected) {
    if (t != JsonToken.START_OBJECT) {
      throw protoError(expected, describe(t));
    }
  }

  private static void expectArray(JsonParser p, JsonToken t, String expected) {
    if (t != JsonToken.START_ARRAY) {
      throw protoError(expected, describe(t));
    }
  }

  private static <T> T require(T value, String expected) {
    if (value == null) {
      throw protoError(expected, "none");
    }
    return value;
  }

  static String describe(JsonToken t) {
    if (t == null) {
      return "end of input";
    }
    switch (t) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
        return "an integer";
      case VALUE_NUMBER_FLOAT:
        return "a float";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return t.asString() != null ? "'" + t.asString() + "'" : t.name();
    }
  }

  private static String quote(String s) {
    if (s.length() > 60) {
      s = s.substring(0, 60) + "...";
    }
    return "\"" + s + "\"";
  }

  /** Rethrows our own error, and turns anything else the parser throws into HRANA_PROTO_ERROR. */
  static LibsqlException wrap(Exception e) {
    if (e instanceof LibsqlException) {
      return (LibsqlException) e;
    }
    String detail = e instanceof JsonProcessingException
        ? ((JsonProcessingException) e).getOriginalMessage()
        : e.toString();
    return protoError("valid Hrana JSON", "invalid JSON (" + detail + ")", e);
  }
}
