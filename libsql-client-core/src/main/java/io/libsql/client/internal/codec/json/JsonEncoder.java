package io.libsql.client.internal.codec.json;

import static io.libsql.client.internal.codec.CodecSupport.argName;
import static io.libsql.client.internal.codec.CodecSupport.checkText;

import com.fasterxml.jackson.core.JsonGenerator;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.codec.CodecSupport;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.BatchCond;
import io.libsql.client.internal.proto.ClientMsg;
import io.libsql.client.internal.proto.Pipeline;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Stmt;
import java.io.IOException;
import java.util.Base64;
import java.util.List;

/** Writes Hrana JSON structures to a {@link JsonGenerator}. */
final class JsonEncoder {
  private JsonEncoder() {}

  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  static void clientMsg(JsonGenerator g, ClientMsg msg) throws IOException {
    if (msg instanceof ClientMsg.Hello) {
      String jwt = ((ClientMsg.Hello) msg).jwt();
      g.writeStartObject();
      g.writeStringField("type", "hello");
      if (jwt == null) {
        g.writeNullField("jwt");
      } else {
        checkText(jwt, "the auth token");
        g.writeStringField("jwt", jwt);
      }
      g.writeEndObject();
    } else if (msg instanceof ClientMsg.RequestMsg) {
      ClientMsg.RequestMsg r = (ClientMsg.RequestMsg) msg;
      g.writeStartObject();
      g.writeStringField("type", "request");
      g.writeNumberField("request_id", r.requestId());
      g.writeFieldName("request");
      request(g, r.request(), false);
      g.writeEndObject();
    } else {
      throw new IllegalArgumentException("unknown client message " + msg);
    }
  }

  static void pipelineRequest(JsonGenerator g, Pipeline.Request req) throws IOException {
    g.writeStartObject();
    baton(g, req.baton());
    g.writeArrayFieldStart("requests");
    for (Request r : req.requests()) {
      request(g, r, true);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static void cursorRequest(JsonGenerator g, Pipeline.CursorRequest req) throws IOException {
    g.writeStartObject();
    baton(g, req.baton());
    g.writeFieldName("batch");
    batch(g, req.batch());
    g.writeEndObject();
  }

  private static void baton(JsonGenerator g, String baton) throws IOException {
    if (baton == null) {
      g.writeNullField("baton");
    } else {
      checkText(baton, "the baton");
      g.writeStringField("baton", baton);
    }
  }

  /**
   * A WebSocket request or, with {@code http}, a pipeline stream request (no stream id, {@code close}
   * for {@link Request.CloseStream}; stream and cursor management is not allowed there).
   */
  private static void request(JsonGenerator g, Request r, boolean http) throws IOException {
    g.writeStartObject();
    if (r instanceof Request.Execute) {
      Request.Execute x = (Request.Execute) r;
      type(g, "execute", http, x.streamId());
      g.writeFieldName("stmt");
      stmt(g, x.stmt());
    } else if (r instanceof Request.BatchReq) {
      Request.BatchReq x = (Request.BatchReq) r;
      type(g, "batch", http, x.streamId());
      g.writeFieldName("batch");
      batch(g, x.batch());
    } else if (r instanceof Request.CloseStream) {
      if (http) {
        g.writeStringField("type", "close");
      } else {
        type(g, "close_stream", false, ((Request.CloseStream) r).streamId());
      }
    } else if (r instanceof Request.Sequence) {
      Request.Sequence x = (Request.Sequence) r;
      type(g, "sequence", http, x.streamId());
      sqlOrId(g, x.sql(), x.sqlId());
    } else if (r instanceof Request.Describe) {
      Request.Describe x = (Request.Describe) r;
      type(g, "describe", http, x.streamId());
      sqlOrId(g, x.sql(), x.sqlId());
    } else if (r instanceof Request.StoreSql) {
      Request.StoreSql x = (Request.StoreSql) r;
      g.writeStringField("type", "store_sql");
      g.writeNumberField("sql_id", x.sqlId());
      checkText(x.sql(), "the SQL text");
      g.writeStringField("sql", x.sql());
    } else if (r instanceof Request.CloseSql) {
      g.writeStringField("type", "close_sql");
      g.writeNumberField("sql_id", ((Request.CloseSql) r).sqlId());
    } else if (r instanceof Request.GetAutocommit) {
      type(g, "get_autocommit", http, ((Request.GetAutocommit) r).streamId());
    } else if (http) {
      throw new IllegalArgumentException(r.getClass().getSimpleName() + " cannot be sent in an HTTP pipeline");
    } else if (r instanceof Request.OpenStream) {
      type(g, "open_stream", false, ((Request.OpenStream) r).streamId());
    } else if (r instanceof Request.OpenCursor) {
      Request.OpenCursor x = (Request.OpenCursor) r;
      type(g, "open_cursor", false, x.streamId());
      g.writeNumberField("cursor_id", x.cursorId());
      g.writeFieldName("batch");
      batch(g, x.batch());
    } else if (r instanceof Request.CloseCursor) {
      g.writeStringField("type", "close_cursor");
      g.writeNumberField("cursor_id", ((Request.CloseCursor) r).cursorId());
    } else if (r instanceof Request.FetchCursor) {
      Request.FetchCursor x = (Request.FetchCursor) r;
      g.writeStringField("type", "fetch_cursor");
      g.writeNumberField("cursor_id", x.cursorId());
      g.writeNumberField("max_count", Integer.toUnsignedLong(x.maxCount()));
    } else {
      throw new IllegalArgumentException("unknown request " + r);
    }
    g.writeEndObject();
  }

  private static void type(JsonGenerator g, String type, boolean http, int streamId) throws IOException {
    g.writeStringField("type", type);
    if (!http) {
      g.writeNumberField("stream_id", streamId);
    }
  }

  private static void sqlOrId(JsonGenerator g, String sql, Integer sqlId) throws IOException {
    if (sql != null) {
      checkText(sql, "the SQL text");
      g.writeStringField("sql", sql);
    }
    if (sqlId != null) {
      g.writeNumberField("sql_id", sqlId);
    }
  }

  static void stmt(JsonGenerator g, Stmt s) throws IOException {
    g.writeStartObject();
    sqlOrId(g, s.sql(), s.sqlId());
    g.writeArrayFieldStart("args");
    List<Object> args = s.args();
    if (args != null) {
      for (int i = 0, n = args.size(); i < n; i++) {
        value(g, args.get(i), i, null);
      }
    }
    g.writeEndArray();
    g.writeArrayFieldStart("named_args");
    List<Stmt.NamedArg> named = s.namedArgs();
    if (named != null) {
      for (Stmt.NamedArg a : named) {
        g.writeStartObject();
        checkText(a.name(), "an argument name");
        g.writeStringField("name", a.name());
        g.writeFieldName("value");
        value(g, a.value(), -1, a.name());
        g.writeEndObject();
      }
    }
    g.writeEndArray();
    g.writeBooleanField("want_rows", s.wantRows());
    g.writeEndObject();
  }

  static void batch(JsonGenerator g, Batch b) throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("steps");
    for (Batch.Step step : b.steps()) {
      g.writeStartObject();
      if (step.condition() != null) {
        g.writeFieldName("condition");
        cond(g, step.condition());
      }
      g.writeFieldName("stmt");
      stmt(g, step.stmt());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void cond(JsonGenerator g, BatchCond c) throws IOException {
    g.writeStartObject();
    if (c instanceof BatchCond.Ok) {
      g.writeStringField("type", "ok");
      g.writeNumberField("step", ((BatchCond.Ok) c).step());
    } else if (c instanceof BatchCond.Error) {
      g.writeStringField("type", "error");
      g.writeNumberField("step", ((BatchCond.Error) c).step());
    } else if (c instanceof BatchCond.Not) {
      g.writeStringField("type", "not");
      g.writeFieldName("cond");
      cond(g, ((BatchCond.Not) c).cond());
    } else if (c instanceof BatchCond.And) {
      g.writeStringField("type", "and");
      conds(g, ((BatchCond.And) c).conds());
    } else if (c instanceof BatchCond.Or) {
      g.writeStringField("type", "or");
      conds(g, ((BatchCond.Or) c).conds());
    } else if (c instanceof BatchCond.IsAutocommit) {
      g.writeStringField("type", "is_autocommit");
    } else {
      throw new IllegalArgumentException("unknown batch condition " + c);
    }
    g.writeEndObject();
  }

  private static void conds(JsonGenerator g, List<BatchCond> conds) throws IOException {
    g.writeArrayFieldStart("conds");
    for (BatchCond c : conds) {
      cond(g, c);
    }
    g.writeEndArray();
  }

  /**
   * One SQL value. NaN goes as null (what sqld stores for NaN over Protobuf); +/-Infinity cannot be
   * written in JSON and fails with {@code ARGUMENT_INVALID}; -0.0 keeps its sign.
   */
  static void value(JsonGenerator g, Object v, int index, String name) throws IOException {
    g.writeStartObject();
    if (v == null) {
      g.writeStringField("type", "null");
    } else if (v instanceof Long) {
      g.writeStringField("type", "integer");
      g.writeStringField("value", Long.toString((Long) v));
    } else if (v instanceof Double) {
      double d = (Double) v;
      if (Double.isNaN(d)) {
        g.writeStringField("type", "null");
      } else if (Double.isInfinite(d)) {
        throw new LibsqlException(ErrorCode.ARGUMENT_INVALID, what(index, name) + " is " + d
            + ", which JSON cannot carry; use the Protobuf encoding to send non-finite doubles");
      } else {
        g.writeStringField("type", "float");
        g.writeNumberField("value", d);
      }
    } else if (v instanceof String) {
      String s = (String) v;
      CodecSupport.checkArgText(s, index, name);
      g.writeStringField("type", "text");
      g.writeStringField("value", s);
    } else if (v instanceof byte[]) {
      g.writeStringField("type", "blob");
      g.writeStringField("base64", BASE64.encodeToString((byte[]) v));
    } else {
      throw CodecSupport.unsupportedValue(v, what(index, name));
    }
    g.writeEndObject();
  }

  private static String what(int index, String name) {
    return name != null ? "argument " + name : argName(index);
  }
}
