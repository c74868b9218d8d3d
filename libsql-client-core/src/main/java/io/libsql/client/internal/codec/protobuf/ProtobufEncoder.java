package io.libsql.client.internal.codec.protobuf;

import io.libsql.client.internal.codec.CodecSupport;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.BatchCond;
import io.libsql.client.internal.proto.ClientMsg;
import io.libsql.client.internal.proto.Pipeline;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Stmt;
import java.util.List;

/**
 * The client messages of the Hrana 3 Protobuf schema (field numbers from the spec's appendix,
 * {@code hrana.ws}, {@code hrana.http} and {@code hrana}).
 */
final class ProtobufEncoder {
  private ProtobufEncoder() {}

  // ---------------------------------------------------------------- hrana.ws

  /** ClientMsg: hello = 1, request = 2. */
  static void clientMsg(ProtoWriter w, ClientMsg msg) {
    if (msg instanceof ClientMsg.Hello) {
      w.message(1, (ClientMsg.Hello) msg, ProtobufEncoder::hello);
    } else if (msg instanceof ClientMsg.RequestMsg) {
      w.message(2, (ClientMsg.RequestMsg) msg, ProtobufEncoder::requestMsg);
    } else {
      throw new IllegalArgumentException("unknown client message " + msg);
    }
  }

  /** HelloMsg: optional jwt = 1. */
  private static void hello(ProtoWriter w, ClientMsg.Hello h) {
    if (h.jwt() != null) {
      w.string(1, h.jwt(), "the auth token");
    }
  }

  /** RequestMsg: request_id = 1, then the request's oneof field 2..13. */
  private static void requestMsg(ProtoWriter w, ClientMsg.RequestMsg m) {
    w.int32(1, m.requestId());
    Request r = m.request();
    if (r instanceof Request.OpenStream) {
      w.message(2, (Request.OpenStream) r, (ww, x) -> ww.int32(1, x.streamId()));
    } else if (r instanceof Request.CloseStream) {
      w.message(3, (Request.CloseStream) r, (ww, x) -> ww.int32(1, x.streamId()));
    } else if (r instanceof Request.Execute) {
      w.message(4, (Request.Execute) r, (ww, x) -> {
        ww.int32(1, x.streamId());
        ww.message(2, x.stmt(), ProtobufEncoder::stmt);
      });
    } else if (r instanceof Request.BatchReq) {
      w.message(5, (Request.BatchReq) r, (ww, x) -> {
        ww.int32(1, x.streamId());
        ww.message(2, x.batch(), ProtobufEncoder::batch);
      });
    } else if (r instanceof Request.OpenCursor) {
      w.message(6, (Request.OpenCursor) r, (ww, x) -> {
        ww.int32(1, x.streamId());
        ww.int32(2, x.cursorId());
        ww.message(3, x.batch(), ProtobufEncoder::batch);
      });
    } else if (r instanceof Request.CloseCursor) {
      w.message(7, (Request.CloseCursor) r, (ww, x) -> ww.int32(1, x.cursorId()));
    } else if (r instanceof Request.FetchCursor) {
      w.message(8, (Request.FetchCursor) r, (ww, x) -> {
        ww.int32(1, x.cursorId());
        ww.uint32(2, x.maxCount());
      });
    } else if (r instanceof Request.Sequence) {
      w.message(9, (Request.Sequence) r, (ww, x) -> {
        ww.int32(1, x.streamId());
        sqlOrId(ww, 2, x.sql(), x.sqlId());
      });
    } else if (r instanceof Request.Describe) {
      w.message(10, (Request.Describe) r, (ww, x) -> {
        ww.int32(1, x.streamId());
        sqlOrId(ww, 2, x.sql(), x.sqlId());
      });
    } else if (r instanceof Request.StoreSql) {
      w.message(11, (Request.StoreSql) r, ProtobufEncoder::storeSql);
    } else if (r instanceof Request.CloseSql) {
      w.message(12, (Request.CloseSql) r, (ww, x) -> ww.int32(1, x.sqlId()));
    } else if (r instanceof Request.GetAutocommit) {
      w.message(13, (Request.GetAutocommit) r, (ww, x) -> ww.int32(1, x.streamId()));
    } else {
      throw new IllegalArgumentException("unknown request " + r);
    }
  }

  /** StoreSqlReq / StoreSqlStreamReq: sql_id = 1, sql = 2. */
  private static void storeSql(ProtoWriter w, Request.StoreSql x) {
    w.int32(1, x.sqlId());
    w.string(2, x.sql(), "the SQL text");
  }

  /** Optional sql and sql_id at {@code field} and {@code field + 1}. */
  private static void sqlOrId(ProtoWriter w, int field, String sql, Integer sqlId) {
    if (sql != null) {
      w.string(field, sql, "the SQL text");
    }
    if (sqlId != null) {
      w.int32(field + 1, sqlId);
    }
  }

  // ---------------------------------------------------------------- hrana.http

  /** PipelineReqBody: optional baton = 1, repeated StreamRequest requests = 2. */
  static void pipelineRequest(ProtoWriter w, Pipeline.Request req) {
    if (req.baton() != null) {
      w.string(1, req.baton(), "the baton");
    }
    for (Request r : req.requests()) {
      w.message(2, r, ProtobufEncoder::streamRequest);
    }
  }

  /** CursorReqBody: optional baton = 1, Batch batch = 2. */
  static void cursorRequest(ProtoWriter w, Pipeline.CursorRequest req) {
    if (req.baton() != null) {
      w.string(1, req.baton(), "the baton");
    }
    w.message(2, req.batch(), ProtobufEncoder::batch);
  }

  /** StreamRequest: close = 1, execute = 2, batch = 3, sequence = 4, describe = 5, store_sql = 6, close_sql = 7, get_autocommit = 8. */
  private static void streamRequest(ProtoWriter w, Request r) {
    if (r instanceof Request.CloseStream) {
      w.empty(1);
    } else if (r instanceof Request.Execute) {
      w.message(2, ((Request.Execute) r).stmt(), (ww, x) -> ww.message(1, x, ProtobufEncoder::stmt));
    } else if (r instanceof Request.BatchReq) {
      w.message(3, ((Request.BatchReq) r).batch(), (ww, x) -> ww.message(1, x, ProtobufEncoder::batch));
    } else if (r instanceof Request.Sequence) {
      w.message(4, (Request.Sequence) r, (ww, x) -> sqlOrId(ww, 1, x.sql(), x.sqlId()));
    } else if (r instanceof Request.Describe) {
      w.message(5, (Request.Describe) r, (ww, x) -> sqlOrId(ww, 1, x.sql(), x.sqlId()));
    } else if (r instanceof Request.StoreSql) {
      w.message(6, (Request.StoreSql) r, ProtobufEncoder::storeSql);
    } else if (r instanceof Request.CloseSql) {
      w.message(7, (Request.CloseSql) r, (ww, x) -> ww.int32(1, x.sqlId()));
    } else if (r instanceof Request.GetAutocommit) {
      w.empty(8);
    } else {
      throw new IllegalArgumentException(r.getClass().getSimpleName() + " cannot be sent in an HTTP pipeline");
    }
  }

  // ---------------------------------------------------------------- hrana

  /**
   * Stmt: optional sql = 1, optional sql_id = 2, repeated Value args = 3, repeated NamedArg
   * named_args = 4, optional want_rows = 5 (always written: absent means true).
   */
  static void stmt(ProtoWriter w, Stmt s) {
    sqlOrId(w, 1, s.sql(), s.sqlId());
    List<Object> args = s.args();
    if (args != null) {
      for (int i = 0, n = args.size(); i < n; i++) {
        w.message(3, new Arg(args.get(i), i, null), ProtobufEncoder::value);
      }
    }
    List<Stmt.NamedArg> named = s.namedArgs();
    if (named != null) {
      for (Stmt.NamedArg a : named) {
        w.message(4, a, ProtobufEncoder::namedArg);
      }
    }
    w.bool(5, s.wantRows());
  }

  /** NamedArg: name = 1, Value value = 2. */
  private static void namedArg(ProtoWriter w, Stmt.NamedArg a) {
    w.string(1, a.name(), "an argument name");
    w.message(2, new Arg(a.value(), -1, a.name()), ProtobufEncoder::value);
  }

  /** An argument; its {@code toString()} names it for error messages. */
  private static final class Arg {
    final Object value;
    final int index;
    final String name;

    Arg(Object value, int index, String name) {
      this.value = value;
      this.index = index;
      this.name = name;
    }

    @Override
    public String toString() {
      return name != null ? "argument " + name : CodecSupport.argName(index);
    }
  }

  /** Value: Null null = 1, sint64 integer = 2, double float = 3, string text = 4, bytes blob = 5. Doubles go exactly. */
  private static void value(ProtoWriter w, Arg a) {
    Object v = a.value;
    if (v == null) {
      w.empty(1);
    } else if (v instanceof Long) {
      w.sint64(2, (Long) v);
    } else if (v instanceof Double) {
      w.doubleField(3, (Double) v);
    } else if (v instanceof String) {
      w.string(4, (String) v, a);
    } else if (v instanceof byte[]) {
      w.bytes(5, (byte[]) v);
    } else {
      throw CodecSupport.unsupportedValue(v, a);
    }
  }

  /** Batch: repeated BatchStep steps = 1. */
  static void batch(ProtoWriter w, Batch b) {
    for (Batch.Step step : b.steps()) {
      w.message(1, step, ProtobufEncoder::step);
    }
  }

  /** BatchStep: optional BatchCond condition = 1, Stmt stmt = 2. */
  private static void step(ProtoWriter w, Batch.Step step) {
    if (step.condition() != null) {
      w.message(1, step.condition(), ProtobufEncoder::cond);
    }
    w.message(2, step.stmt(), ProtobufEncoder::stmt);
  }

  /** BatchCond: step_ok = 1, step_error = 2, not = 3, and = 4, or = 5 (CondList: conds = 1), is_autocommit = 6. */
  private static void cond(ProtoWriter w, BatchCond c) {
    if (c instanceof BatchCond.Ok) {
      w.uint32(1, ((BatchCond.Ok) c).step());
    } else if (c instanceof BatchCond.Error) {
      w.uint32(2, ((BatchCond.Error) c).step());
    } else if (c instanceof BatchCond.Not) {
      w.message(3, ((BatchCond.Not) c).cond(), ProtobufEncoder::cond);
    } else if (c instanceof BatchCond.And) {
      w.message(4, ((BatchCond.And) c).conds(), ProtobufEncoder::condList);
    } else if (c instanceof BatchCond.Or) {
      w.message(5, ((BatchCond.Or) c).conds(), ProtobufEncoder::condList);
    } else if (c instanceof BatchCond.IsAutocommit) {
      w.empty(6);
    } else {
      throw new IllegalArgumentException("unknown batch condition " + c);
    }
  }

  private static void condList(ProtoWriter w, List<BatchCond> conds) {
    for (BatchCond c : conds) {
      w.message(1, c, ProtobufEncoder::cond);
    }
  }
}
