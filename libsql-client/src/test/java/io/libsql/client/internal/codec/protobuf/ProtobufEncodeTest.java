package io.libsql.client.internal.codec.protobuf;

import static io.libsql.client.internal.codec.protobuf.Pb.msg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedInputStream;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.codec.BinaryFrameCodec;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.BatchCond;
import io.libsql.client.internal.proto.ClientMsg;
import io.libsql.client.internal.proto.Pipeline;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Stmt;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtobufEncodeTest {
  private final BinaryFrameCodec codec = ProtobufCodec.INSTANCE;

  private static void assertBytes(Pb expected, ByteBuffer actual) {
    byte[] bytes = new byte[actual.remaining()];
    actual.duplicate().get(bytes);
    assertBytes(expected, bytes);
  }

  private static void assertBytes(Pb expected, byte[] actual) {
    assertEquals(HexFormat.of().formatHex(expected.toBytes()), HexFormat.of().formatHex(actual));
  }

  private ByteBuffer request(Request r) {
    return codec.encodeClientMsgBinary(new ClientMsg.RequestMsg(7, r));
  }

  private static Pb requestMsg(int field, Pb req) {
    return msg().msg(2, msg().varint(1, 7).msg(field, req));
  }

  private static Stmt stmt(String sql, Object... args) {
    return new Stmt(sql, null, Arrays.asList(args), List.of(), true);
  }

  @Test
  void hello() {
    assertBytes(msg().msg(1, msg()), codec.encodeClientMsgBinary(new ClientMsg.Hello(null)));
    assertBytes(msg().msg(1, msg().str(1, "a.b.c")), codec.encodeClientMsgBinary(new ClientMsg.Hello("a.b.c")));
  }

  @Test
  void webSocketRequests() {
    assertBytes(requestMsg(2, msg().varint(1, 3)), request(new Request.OpenStream(3)));
    assertBytes(requestMsg(3, msg().varint(1, 3)), request(new Request.CloseStream(3)));
    assertBytes(msg().msg(2, msg().varint(1, -1L).msg(3, msg().varint(1, -5L))),
        codec.encodeClientMsgBinary(new ClientMsg.RequestMsg(-1, new Request.CloseStream(-5))));
    assertBytes(requestMsg(4, msg().varint(1, 3).msg(2, msg().str(1, "SELECT ?")
            .msg(3, msg().sint64(2, 1)).varint(5, 1))),
        request(new Request.Execute(3, stmt("SELECT ?", 1L))));
    assertBytes(requestMsg(5, msg().varint(1, 3).msg(2, msg()
            .msg(1, msg().msg(2, msg().str(1, "BEGIN").varint(5, 0)))
            .msg(1, msg().msg(1, msg().varint(1, 0)).msg(2, msg().varint(2, 4).varint(5, 1))))),
        request(new Request.BatchReq(3, new Batch(List.of(new Batch.Step(null, Stmt.sql("BEGIN", false)),
            new Batch.Step(new BatchCond.Ok(0), new Stmt(null, 4, List.of(), List.of(), true)))))));
    assertBytes(requestMsg(6, msg().varint(1, 3).varint(2, 8).msg(3, msg())),
        request(new Request.OpenCursor(3, 8, new Batch(List.of()))));
    assertBytes(requestMsg(7, msg().varint(1, 8)), request(new Request.CloseCursor(8)));
    assertBytes(requestMsg(8, msg().varint(1, 8).varint(2, 1000)), request(new Request.FetchCursor(8, 1000)));
    assertBytes(requestMsg(9, msg().varint(1, 3).str(2, "a;b")), request(new Request.Sequence(3, "a;b", null)));
    assertBytes(requestMsg(10, msg().varint(1, 3).varint(3, 2)), request(new Request.Describe(3, null, 2)));
    assertBytes(requestMsg(11, msg().varint(1, 2).str(2, "SELECT 1")), request(new Request.StoreSql(2, "SELECT 1")));
    assertBytes(requestMsg(12, msg().varint(1, 2)), request(new Request.CloseSql(2)));
    assertBytes(requestMsg(13, msg().varint(1, 3)), request(new Request.GetAutocommit(3)));
  }

  @Test
  void values() {
    Stmt s = new Stmt("q", null, Arrays.asList(null, Long.MIN_VALUE, Long.MAX_VALUE, -1L, 1.5, -0.0, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, "", "\u00e9\uD83D\uDE00", new byte[0],
        new byte[] {0, (byte) 0xff}), List.of(new Stmt.NamedArg(":n", 5L), new Stmt.NamedArg("$m", null)), false);
    Pb expected = msg().str(1, "q")
        .msg(3, msg().empty(1)) // Value{null: Null{}}, not an empty Value (sqld: "Value type not recognized")
        .msg(3, msg().sint64(2, Long.MIN_VALUE))
        .msg(3, msg().sint64(2, Long.MAX_VALUE))
        .msg(3, msg().sint64(2, -1))
        .msg(3, msg().dbl(3, 1.5))
        .msg(3, msg().dbl(3, -0.0))
        .msg(3, msg().dbl(3, Double.NaN))
        .msg(3, msg().dbl(3, Double.POSITIVE_INFINITY))
        .msg(3, msg().dbl(3, Double.NEGATIVE_INFINITY))
        .msg(3, msg().str(4, ""))
        .msg(3, msg().str(4, "\u00e9\uD83D\uDE00"))
        .msg(3, msg().bytes(5, new byte[0]))
        .msg(3, msg().bytes(5, new byte[] {0, (byte) 0xff}))
        .msg(4, msg().str(1, ":n").msg(2, msg().sint64(2, 5)))
        .msg(4, msg().str(1, "$m").msg(2, msg().empty(1)))
        .varint(5, 0);
    assertBytes(requestMsg(4, msg().varint(1, 0).msg(2, expected)), request(new Request.Execute(0, s)));
  }

  @Test
  void doublesAreExact() throws IOException {
    for (double d : new double[] {-0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_1234L),
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 0.1}) {
      byte[] body = codec.encodePipelineRequest(new Pipeline.Request(null,
          List.of(new Request.Execute(0, stmt("q", d)))));
      // requests[0] (2) > execute (2) > stmt (1) > sql (1), args[0] (3) > float (3, fixed64)
      CodedInputStream in = CodedInputStream.newInstance(body);
      for (int tag : new int[] {0x12, 0x12, 0x0a}) {
        assertEquals(tag, in.readTag());
        in.readRawVarint32(); // a length: read on inside it
      }
      assertEquals(0x0a, in.readTag());
      assertEquals("q", in.readString());
      assertEquals(0x1a, in.readTag());
      in.readRawVarint32();
      assertEquals(0x19, in.readTag());
      assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(in.readDouble()));
    }
  }

  @Test
  void batchConditions() {
    BatchCond cond = new BatchCond.And(List.of(new BatchCond.Error(1),
        new BatchCond.Not(new BatchCond.Or(List.of(new BatchCond.IsAutocommit(), new BatchCond.Ok(2))))));
    byte[] body = codec.encodeCursorRequest(new Pipeline.CursorRequest("bt",
        new Batch(List.of(new Batch.Step(cond, Stmt.sql("x", true))))));
    Pb expectedCond = msg().msg(4, msg()
        .msg(1, msg().varint(2, 1))
        .msg(1, msg().msg(3, msg().msg(5, msg().msg(1, msg().empty(6)).msg(1, msg().varint(1, 2))))));
    assertBytes(msg().str(1, "bt").msg(2, msg().msg(1, msg().msg(1, expectedCond)
        .msg(2, msg().str(1, "x").varint(5, 1)))), body);
    assertBytes(msg().msg(2, msg()), codec.encodeCursorRequest(new Pipeline.CursorRequest(null, new Batch(List.of()))));
  }

  @Test
  void pipelineRequests() {
    Pipeline.Request req = new Pipeline.Request("bt", List.of(
        new Request.CloseStream(99),
        new Request.Execute(99, Stmt.sql("SELECT 1", true)),
        new Request.BatchReq(99, new Batch(List.of())),
        new Request.Sequence(99, null, 3),
        new Request.Describe(99, "SELECT 2", null),
        new Request.StoreSql(3, "SELECT 3"),
        new Request.CloseSql(3),
        new Request.GetAutocommit(99)));
    Pb expected = msg().str(1, "bt")
        .msg(2, msg().empty(1))
        .msg(2, msg().msg(2, msg().msg(1, msg().str(1, "SELECT 1").varint(5, 1))))
        .msg(2, msg().msg(3, msg().msg(1, msg())))
        .msg(2, msg().msg(4, msg().varint(2, 3)))
        .msg(2, msg().msg(5, msg().str(1, "SELECT 2")))
        .msg(2, msg().msg(6, msg().varint(1, 3).str(2, "SELECT 3")))
        .msg(2, msg().msg(7, msg().varint(1, 3)))
        .msg(2, msg().empty(8));
    assertBytes(expected, codec.encodePipelineRequest(req));
    assertBytes(msg(), codec.encodePipelineRequest(new Pipeline.Request(null, List.of())));
  }

  @Test
  void largeBatchesKeepNestedSizesInOrder() {
    List<Batch.Step> steps = new ArrayList<>();
    Pb batch = msg();
    for (int i = 0; i < 300; i++) {
      String sql = "INSERT INTO t VALUES (?, ?)" + "x".repeat(i);
      steps.add(new Batch.Step(i == 0 ? null : new BatchCond.Ok(i - 1), stmt(sql, (long) i, "v" + i)));
      Pb st = msg().str(1, sql).msg(3, msg().sint64(2, i)).msg(3, msg().str(4, "v" + i)).varint(5, 1);
      batch.msg(1, i == 0 ? msg().msg(2, st) : msg().msg(1, msg().varint(1, i - 1)).msg(2, st));
    }
    assertBytes(msg().msg(2, msg().msg(3, msg().msg(1, batch))),
        codec.encodePipelineRequest(new Pipeline.Request(null, List.of(new Request.BatchReq(0, new Batch(steps))))));
  }

  @Test
  void streamAndCursorRequestsAreNotPipelineRequests() {
    for (Request r : List.of(new Request.OpenStream(1), new Request.OpenCursor(1, 2, new Batch(List.of())),
        new Request.CloseCursor(2), new Request.FetchCursor(2, 10))) {
      assertThrows(IllegalArgumentException.class,
          () -> codec.encodePipelineRequest(new Pipeline.Request(null, List.of(r))));
    }
  }

  @Test
  void unpairedSurrogatesAndUnsupportedTypesAreRefused() {
    LibsqlException e = assertThrows(LibsqlException.class,
        () -> request(new Request.Execute(1, stmt("q", "ok", "a\uD800"))));
    assertEquals(ErrorCode.ARGUMENT_INVALID.name(), e.code());
    assertTrue(e.getMessage().contains("argument 2") && e.getMessage().contains("index 1"), e.getMessage());
    e = assertThrows(LibsqlException.class, () -> request(new Request.Execute(1,
        new Stmt("q", null, List.of(), List.of(new Stmt.NamedArg(":a", "\uDC00")), true))));
    assertTrue(e.getMessage().contains("argument :a"), e.getMessage());
    e = assertThrows(LibsqlException.class, () -> request(new Request.Execute(1, stmt("SELECT '\uD83D'"))));
    assertTrue(e.getMessage().contains("SQL text"), e.getMessage());
    e = assertThrows(LibsqlException.class, () -> request(new Request.Execute(1, stmt("q", 1.5f))));
    assertEquals(ErrorCode.ARGUMENT_INVALID.name(), e.code());
    assertTrue(e.getMessage().contains("argument 1") && e.getMessage().contains("java.lang.Float"), e.getMessage());
  }

  @Test
  void encodedFramesAreExactlySized() {
    ByteBuffer b = request(new Request.Execute(1, stmt("SELECT ?", "\u4e16".repeat(1000))));
    assertEquals(0, b.position());
    assertEquals(b.capacity(), b.limit());
    assertArrayEquals(b.array(), Arrays.copyOf(b.array(), b.remaining()));
  }
}
