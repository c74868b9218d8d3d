package io.libsql.client.internal.codec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.codec.TextFrameCodec;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.BatchCond;
import io.libsql.client.internal.proto.ClientMsg;
import io.libsql.client.internal.proto.Pipeline;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Stmt;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonEncodeTest {
  private final TextFrameCodec codec = JsonCodec.INSTANCE;

  private String request(Request r) {
    return codec.encodeClientMsgText(new ClientMsg.RequestMsg(7, r));
  }

  private static Stmt stmt(String sql, Object... args) {
    return new Stmt(sql, null, Arrays.asList(args), List.of(), true);
  }

  private String args(Object... args) {
    String json = request(new Request.Execute(1, stmt("q", args)));
    String prefix = "{\"type\":\"request\",\"request_id\":7,\"request\":{\"type\":\"execute\",\"stream_id\":1,"
        + "\"stmt\":{\"sql\":\"q\",\"args\":";
    String suffix = ",\"named_args\":[],\"want_rows\":true}}}";
    assertTrue(json.startsWith(prefix) && json.endsWith(suffix), json);
    return json.substring(prefix.length(), json.length() - suffix.length());
  }

  @Test
  void hello() {
    assertEquals("{\"type\":\"hello\",\"jwt\":null}", codec.encodeClientMsgText(new ClientMsg.Hello(null)));
    assertEquals("{\"type\":\"hello\",\"jwt\":\"a.b.c\"}", codec.encodeClientMsgText(new ClientMsg.Hello("a.b.c")));
  }

  @Test
  void webSocketRequests() {
    assertEquals("{\"type\":\"request\",\"request_id\":7,\"request\":{\"type\":\"open_stream\",\"stream_id\":3}}",
        request(new Request.OpenStream(3)));
    assertEquals("{\"type\":\"request\",\"request_id\":7,\"request\":{\"type\":\"close_stream\",\"stream_id\":3}}",
        request(new Request.CloseStream(3)));
    assertEquals("{\"type\":\"request\",\"request_id\":7,\"request\":{\"type\":\"execute\",\"stream_id\":3,"
        + "\"stmt\":{\"sql\":\"SELECT ?\",\"args\":[{\"type\":\"integer\",\"value\":\"1\"}],\"named_args\":[],"
        + "\"want_rows\":true}}}", request(new Request.Execute(3, stmt("SELECT ?", 1L))));
    assertEquals("{\"type\":\"request\",\"request_id\":7,\"request\":{\"type\":\"batch\",\"stream_id\":3,"
        + "\"batch\":{\"steps\":[{\"stmt\":{\"sql\":\"BEGIN\",\"args\":[],\"named_args\":[],\"want_rows\":false}},"
        + "{\"condition\":{\"type\":\"ok\",\"step\":0},\"stmt\":{\"sql_id\":4,\"args\":[],\"named_args\":[],"
        + "\"want_rows\":true}}]}}}",
        request(new Request.BatchReq(3, new Batch(List.of(new Batch.Step(null, Stmt.sql("BEGIN", false)),
            new Batch.Step(new BatchCond.Ok(0), new Stmt(null, 4, List.of(), List.of(), true)))))));
    assertEquals("{\"type\":\"request\",\"request_id\":7,\"request\":{\"type\":\"open_cursor\",\"stream_id\":3,"
        + "\"cursor_id\":8,\"batch\":{\"steps\":[]}}}", request(new Request.OpenCursor(3, 8, new Batch(List.of()))));
    assertEquals("{\"type\":\"request\",\"request_id\":7,\"request\":{\"type\":\"close_cursor\",\"cursor_id\":8}}",
        request(new Request.CloseCursor(8)));
    assertEquals("{\"type\":\"request\",\"request_id\":7,\"request\":{\"type\":\"fetch_cursor\",\"cursor_id\":8,"
        + "\"max_count\":1000}}", request(new Request.FetchCursor(8, 1000)));
    assertEquals("{\"type\":\"request\",\"request_id\":7,\"request\":{\"type\":\"sequence\",\"stream_id\":3,"
        + "\"sql\":\"a;b\"}}", request(new Request.Sequence(3, "a;b", null)));
    assertEquals("{\"type\":\"request\",\"request_id\":7,\"request\":{\"type\":\"describe\",\"stream_id\":3,"
        + "\"sql_id\":2}}", request(new Request.Describe(3, null, 2)));
    assertEquals("{\"type\":\"request\",\"request_id\":7,\"request\":{\"type\":\"store_sql\",\"sql_id\":2,"
        + "\"sql\":\"SELECT 1\"}}", request(new Request.StoreSql(2, "SELECT 1")));
    assertEquals("{\"type\":\"request\",\"request_id\":7,\"request\":{\"type\":\"close_sql\",\"sql_id\":2}}",
        request(new Request.CloseSql(2)));
    assertEquals("{\"type\":\"request\",\"request_id\":7,\"request\":{\"type\":\"get_autocommit\",\"stream_id\":3}}",
        request(new Request.GetAutocommit(3)));
  }

  @Test
  void batchConditions() {
    BatchCond cond = new BatchCond.And(List.of(new BatchCond.Error(1),
        new BatchCond.Not(new BatchCond.Or(List.of(new BatchCond.IsAutocommit(), new BatchCond.Ok(2))))));
    String json = new String(codec.encodeCursorRequest(new Pipeline.CursorRequest(null,
        new Batch(List.of(new Batch.Step(cond, Stmt.sql("x", true)))))), StandardCharsets.UTF_8);
    assertEquals("{\"baton\":null,\"batch\":{\"steps\":[{\"condition\":{\"type\":\"and\",\"conds\":["
        + "{\"type\":\"error\",\"step\":1},{\"type\":\"not\",\"cond\":{\"type\":\"or\",\"conds\":["
        + "{\"type\":\"is_autocommit\"},{\"type\":\"ok\",\"step\":2}]}}]},"
        + "\"stmt\":{\"sql\":\"x\",\"args\":[],\"named_args\":[],\"want_rows\":true}}]}}", json);
  }

  @Test
  void values() {
    assertEquals("[{\"type\":\"null\"},{\"type\":\"integer\",\"value\":\"-9223372036854775808\"},"
        + "{\"type\":\"integer\",\"value\":\"9223372036854775807\"},{\"type\":\"float\",\"value\":1.5},"
        + "{\"type\":\"float\",\"value\":-0.0},{\"type\":\"float\",\"value\":0.0},"
        + "{\"type\":\"float\",\"value\":1.0E300},{\"type\":\"float\",\"value\":4.9E-324},"
        + "{\"type\":\"text\",\"value\":\"\"},{\"type\":\"blob\",\"base64\":\"\"},"
        + "{\"type\":\"blob\",\"base64\":\"AP8=\"}]",
        args(null, Long.MIN_VALUE, Long.MAX_VALUE, 1.5, -0.0, 0.0, 1e300, Double.MIN_VALUE, "",
            new byte[0], new byte[] {0, (byte) 0xff}));
  }

  @Test
  void textIsEscapedAndKeepsAstralCharacters() {
    assertEquals("[{\"type\":\"text\",\"value\":\"a\\\"b\\\\c\\n\\u0000\u00e9\uD83D\uDE00\"}]",
        args("a\"b\\c\n\u0000\u00e9\uD83D\uDE00"));
    byte[] body = codec.encodePipelineRequest(new Pipeline.Request(null,
        List.of(new Request.Execute(0, stmt("SELECT ?", "\uD83D\uDE00")))));
    String json = new String(body, StandardCharsets.UTF_8);
    assertTrue(json.contains("\"value\":\"\uD83D\uDE00\""), json);
  }

  @Test
  void nanIsSentAsNullAndInfinityIsRefused() {
    assertEquals("[{\"type\":\"null\"}]", args(Double.NaN));
    for (double inf : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      LibsqlException e = assertThrows(LibsqlException.class, () -> args(1L, inf));
      assertEquals(ErrorCode.ARGUMENT_INVALID.name(), e.code());
      assertTrue(e.getMessage().contains("argument 2") && e.getMessage().contains("Protobuf"), e.getMessage());
    }
  }

  @Test
  void unpairedSurrogatesAreRefused() {
    LibsqlException e = assertThrows(LibsqlException.class, () -> args("ok", "a\uD800b"));
    assertEquals(ErrorCode.ARGUMENT_INVALID.name(), e.code());
    assertTrue(e.getMessage().contains("argument 2") && e.getMessage().contains("index 1"), e.getMessage());
    assertThrows(LibsqlException.class, () -> args("\uDC00"));
    assertThrows(LibsqlException.class, () -> args("x\uD83D"));
    assertThrows(LibsqlException.class, () -> request(new Request.Execute(1, stmt("SELECT '\uD800'"))));
    e = assertThrows(LibsqlException.class, () -> codec.encodePipelineRequest(new Pipeline.Request(null,
        List.of(new Request.Execute(0, new Stmt("q", null, List.of(),
            List.of(new Stmt.NamedArg(":a", "\uDFFF")), true))))));
    assertTrue(e.getMessage().contains("argument :a"), e.getMessage());
  }

  @Test
  void unsupportedValueTypesAreRefused() {
    LibsqlException e = assertThrows(LibsqlException.class, () -> args(1));
    assertEquals(ErrorCode.ARGUMENT_INVALID.name(), e.code());
    assertTrue(e.getMessage().contains("java.lang.Integer"), e.getMessage());
  }

  @Test
  void namedArgs() {
    String json = request(new Request.Execute(1, new Stmt("SELECT :a, @b", null, List.of(),
        List.of(new Stmt.NamedArg(":a", 1L), new Stmt.NamedArg("@b", null)), false)));
    assertEquals("{\"type\":\"request\",\"request_id\":7,\"request\":{\"type\":\"execute\",\"stream_id\":1,"
        + "\"stmt\":{\"sql\":\"SELECT :a, @b\",\"args\":[],\"named_args\":[{\"name\":\":a\",\"value\":"
        + "{\"type\":\"integer\",\"value\":\"1\"}},{\"name\":\"@b\",\"value\":{\"type\":\"null\"}}],"
        + "\"want_rows\":false}}}", json);
  }

  @Test
  void pipelineRequests() {
    Pipeline.Request req = new Pipeline.Request("bt", List.of(
        new Request.Execute(99, Stmt.sql("SELECT 1", true)),
        new Request.BatchReq(99, new Batch(List.of())),
        new Request.Sequence(99, null, 3),
        new Request.Describe(99, "SELECT 2", null),
        new Request.StoreSql(3, "SELECT 3"),
        new Request.CloseSql(3),
        new Request.GetAutocommit(99),
        new Request.CloseStream(99)));
    assertEquals("{\"baton\":\"bt\",\"requests\":["
        + "{\"type\":\"execute\",\"stmt\":{\"sql\":\"SELECT 1\",\"args\":[],\"named_args\":[],\"want_rows\":true}},"
        + "{\"type\":\"batch\",\"batch\":{\"steps\":[]}},"
        + "{\"type\":\"sequence\",\"sql_id\":3},"
        + "{\"type\":\"describe\",\"sql\":\"SELECT 2\"},"
        + "{\"type\":\"store_sql\",\"sql_id\":3,\"sql\":\"SELECT 3\"},"
        + "{\"type\":\"close_sql\",\"sql_id\":3},"
        + "{\"type\":\"get_autocommit\"},"
        + "{\"type\":\"close\"}]}", new String(codec.encodePipelineRequest(req), StandardCharsets.UTF_8));
    assertEquals("{\"baton\":null,\"requests\":[]}",
        new String(codec.encodePipelineRequest(new Pipeline.Request(null, List.of())), StandardCharsets.UTF_8));
  }

  @Test
  void streamAndCursorRequestsAreNotPipelineRequests() {
    for (Request r : List.of(new Request.OpenStream(1), new Request.OpenCursor(1, 2, new Batch(List.of())),
        new Request.CloseCursor(2), new Request.FetchCursor(2, 10))) {
      assertThrows(IllegalArgumentException.class,
          () -> codec.encodePipelineRequest(new Pipeline.Request(null, List.of(r))));
    }
  }
}
