package io.libsql.client.internal.codec.protobuf;

import static io.libsql.client.internal.codec.protobuf.Pb.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.codec.Canon;
import io.libsql.client.internal.codec.HranaCodec;
import io.libsql.client.internal.codec.BinaryFrameCodec;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.client.internal.proto.Pipeline;
import io.libsql.client.internal.proto.Response;
import io.libsql.client.internal.proto.ServerMsg;
import io.libsql.client.internal.proto.StmtResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ProtobufDecodeTest {
  private final BinaryFrameCodec codec = ProtobufCodec.INSTANCE;

  private String decode(Pb serverMsg) {
    byte[] bytes = serverMsg.toBytes();
    ByteBuffer heap = ByteBuffer.wrap(bytes);
    String fromHeap = Canon.of(codec.decodeServerMsgBinary(heap));
    assertEquals(0, heap.position());
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 3);
    direct.put(new byte[] {9, 9, 9}).put(bytes).flip().position(3);
    assertEquals(fromHeap, Canon.of(codec.decodeServerMsgBinary(direct)));
    assertEquals(3, direct.position());
    return fromHeap;
  }

  private static Pb responseOk(int requestId, int responseField, Pb response) {
    return msg().msg(3, msg().varint(1, requestId).msg(responseField, response));
  }

  private static Pb execute(Pb stmtResult) {
    return responseOk(1, 4, msg().msg(1, stmtResult));
  }

  private StmtResult stmtResult(Pb stmtResult) {
    ServerMsg m = codec.decodeServerMsgBinary(ByteBuffer.wrap(execute(stmtResult).toBytes()));
    return ((Response.Execute) ((ServerMsg.ResponseOk) m).response()).result();
  }

  /** The canonical form of a row's only value, {@code value} a Value message. */
  private String value(Pb value) {
    return Canon.of(stmtResult(msg().msg(2, msg().msg(1, value))).rows().get(0)[0]);
  }

  private static LibsqlException assertProtoError(Runnable r) {
    LibsqlException e = assertThrows(LibsqlException.class, r::run);
    assertEquals(ErrorCode.HRANA_PROTO_ERROR.name(), e.code(), e.toString());
    assertTrue(e.getMessage().startsWith("expected "), e.getMessage());
    return e;
  }

  @Test
  void hello() {
    assertEquals("HelloOk()", decode(msg().empty(1)));
    assertEquals("HelloOk()", decode(msg().msg(1, msg().unknowns(1))));
    assertEquals("HelloError(error=HranaError(message=\"bad\", code=\"AUTH\"))",
        decode(msg().msg(2, msg().msg(1, msg().str(1, "bad").str(2, "AUTH")))));
    assertEquals("HelloError(error=HranaError(message=\"\", code=null))", decode(msg().msg(2, msg())));
  }

  @Test
  void responseError() {
    assertEquals("ResponseError(requestId=-3, error=HranaError(message=\"no such table\", code=\"SQLITE_ERROR\"))",
        decode(msg().msg(4, msg().varint(1, -3L).msg(2, msg().str(1, "no such table").str(2, "SQLITE_ERROR")
            .unknowns(3)))));
  }

  @Test
  void executeResultAsSqldWritesIt() {
    Pb result = msg()
        .msg(1, msg().str(1, "id").str(2, "INTEGER"))
        .msg(1, msg().str(1, "x"))
        .msg(2, msg().msg(1, msg().sint64(2, 1)).msg(1, msg().str(4, "a")))
        .msg(2, msg().msg(1, msg().sint64(2, 2)).msg(1, msg().empty(1)))
        .varint(3, 0)
        .varint(5, 12).varint(6, 2).varint(7, 0).dbl(8, 0.053);
    assertEquals("ResponseOk(requestId=1, response=Execute(result=StmtResult(cols=[Col(name=\"id\", decltype=\"INTEGER\"), "
        + "Col(name=\"x\", decltype=null)], rows=[[L1, \"a\"], [L2, null]], affectedRowCount=0, lastInsertRowid=null, "
        + "rowsRead=L2, rowsWritten=L0, queryDurationMs=D0.053, replicationIndex=L12)))",
        decode(execute(result)));
  }

  @Test
  void statisticsLeftOutAsZerosAreZeros() {
    // proto3 leaves zero values out: one statistic present means the others are 0.
    assertEquals("StmtResult(cols=[], rows=[], affectedRowCount=0, lastInsertRowid=null, rowsRead=L0, rowsWritten=L0, "
        + "queryDurationMs=D0.25)", Canon.of(stmtResult(msg().dbl(8, 0.25))));
    assertEquals("StmtResult(cols=[], rows=[], affectedRowCount=0, lastInsertRowid=null, rowsRead=L3, rowsWritten=L0, "
        + "queryDurationMs=D0.0)", Canon.of(stmtResult(msg().varint(6, 3))));
  }

  @Test
  void noStatisticsAreNull() {
    StmtResult r = stmtResult(msg().varint(3, 1));
    assertNull(r.rowsRead());
    assertNull(r.rowsWritten());
    assertNull(r.queryDurationMs());
    assertNull(r.replicationIndex());
    assertEquals(Long.valueOf(0), stmtResult(msg().varint(5, 0)).replicationIndex());
  }

  @Test
  void countsAndRowid() {
    StmtResult r = stmtResult(msg().varint(3, 5).sint64(4, Long.MIN_VALUE));
    assertEquals("StmtResult(cols=[], rows=[], affectedRowCount=5, lastInsertRowid=L-9223372036854775808)",
        Canon.of(r));
    assertEquals("StmtResult(cols=[], rows=[], affectedRowCount=0, lastInsertRowid=L0)",
        Canon.of(stmtResult(msg().sint64(4, 0))));
    assertEquals("StmtResult(cols=[], rows=[], affectedRowCount=0, lastInsertRowid=null)",
        Canon.of(codecExecuteWithoutResult()));
  }

  private StmtResult codecExecuteWithoutResult() {
    ServerMsg m = codec.decodeServerMsgBinary(ByteBuffer.wrap(responseOk(1, 4, msg()).toBytes()));
    return ((Response.Execute) ((ServerMsg.ResponseOk) m).response()).result();
  }

  @Test
  void values() {
    assertEquals("null", value(msg().empty(1)));
    assertEquals("L0", value(msg().sint64(2, 0)));
    assertEquals("L-1", value(msg().sint64(2, -1)));
    assertEquals("L9223372036854775807", value(msg().sint64(2, Long.MAX_VALUE)));
    assertEquals("L-9223372036854775808", value(msg().sint64(2, Long.MIN_VALUE)));
    assertEquals("D1.5", value(msg().dbl(3, 1.5)));
    assertEquals("D-0.0", value(msg().dbl(3, -0.0)));
    assertEquals("DNaN", value(msg().dbl(3, Double.NaN)));
    assertEquals("DInfinity", value(msg().dbl(3, Double.POSITIVE_INFINITY)));
    assertEquals("D-Infinity", value(msg().dbl(3, Double.NEGATIVE_INFINITY)));
    assertEquals("D4.9E-324", value(msg().dbl(3, Double.MIN_VALUE)));
    assertEquals("\"\"", value(msg().str(4, "")));
    assertEquals("\"h\u00e9llo \u4e16\u754c \uD83D\uDE00 \uD834\uDD1E\"",
        value(msg().str(4, "h\u00e9llo \u4e16\u754c \uD83D\uDE00 \uD834\uDD1E")));
    assertEquals("x''", value(msg().bytes(5, new byte[0])));
    assertEquals("x'00ff80'", value(msg().bytes(5, new byte[] {0, (byte) 0xff, (byte) 0x80})));
    // the last field of a oneof wins, unknown fields are skipped
    assertEquals("L7", value(msg().str(4, "x").unknowns(6).sint64(2, 7)));
  }

  @Test
  void nanPayloadBitsAreKept() {
    long bits = 0x7ff8_0000_0000_1234L;
    Object v = stmtResult(msg().msg(2, msg().msg(1, msg().dbl(3, Double.longBitsToDouble(bits))))).rows().get(0)[0];
    assertEquals(bits, Double.doubleToRawLongBits((Double) v));
  }

  @Test
  void unknownFieldsEverywhereAreSkipped() {
    Pb result = msg().unknowns(9)
        .msg(1, msg().unknowns(3).str(1, "a"))
        .msg(2, msg().unknowns(2).msg(1, msg().sint64(2, 1).unknowns(6)))
        .varint(3, 1);
    Pb server = msg().unknowns(5).msg(3, msg().unknowns(14).varint(1, 4).msg(4, msg().unknowns(2).msg(1, result)));
    assertEquals("ResponseOk(requestId=4, response=Execute(result=StmtResult(cols=[Col(name=\"a\", decltype=null)], "
        + "rows=[[L1]], affectedRowCount=1, lastInsertRowid=null)))", decode(server));
  }

  @Test
  void knownFieldWithWrongWireTypeIsSkipped() {
    // request_id as a string and cols as a varint are skipped as unknown fields, as generated code does
    Pb server = msg().msg(3, msg().str(1, "x").msg(4, msg().msg(1, msg().varint(1, 5).varint(3, 2))));
    assertEquals("ResponseOk(requestId=0, response=Execute(result=StmtResult(cols=[], rows=[], affectedRowCount=2, "
        + "lastInsertRowid=null)))", decode(server));
  }

  @Test
  void batchResultMapsBecomeLists() {
    Pb batch = msg()
        .msg(1, msg().varint(1, 2).msg(2, msg().varint(3, 2)))
        .msg(1, msg().msg(2, msg().varint(3, 1))) // key 0 omitted: proto3 default
        .msg(2, msg().varint(1, 1).msg(2, msg().str(1, "constraint").str(2, "SQLITE_CONSTRAINT")))
        .unknowns(4);
    assertEquals("ResponseOk(requestId=1, response=BatchResp(result=BatchResult(stepResults=["
        + "StmtResult(cols=[], rows=[], affectedRowCount=1, lastInsertRowid=null), null, "
        + "StmtResult(cols=[], rows=[], affectedRowCount=2, lastInsertRowid=null)], stepErrors=[null, "
        + "HranaError(message=\"constraint\", code=\"SQLITE_CONSTRAINT\"), null])))",
        decode(responseOk(1, 5, msg().msg(1, batch))));
    // only an error, at step 3: both lists have 4 entries
    Pb onlyError = msg().msg(2, msg().varint(1, 3).msg(2, msg().str(1, "e")));
    assertEquals("ResponseOk(requestId=1, response=BatchResp(result=BatchResult(stepResults=[null, null, null, null], "
        + "stepErrors=[null, null, null, HranaError(message=\"e\", code=null)])))",
        decode(responseOk(1, 5, msg().msg(1, onlyError))));
    assertEquals("ResponseOk(requestId=1, response=BatchResp(result=BatchResult(stepResults=[], stepErrors=[])))",
        decode(responseOk(1, 5, msg())));
  }

  @Test
  void hugeStepIndexFails() {
    assertProtoError(() -> decode(responseOk(1, 5, msg().msg(1,
        msg().msg(1, msg().varint(1, 0xffff_ffffL).msg(2, msg()))))));
    assertProtoError(() -> decode(responseOk(1, 5, msg().msg(1,
        msg().msg(2, msg().varint(1, ProtobufDecoder.MAX_STEP_INDEX).msg(2, msg()))))));
  }

  @Test
  void otherResponses() {
    String[] names = {null, null, "OpenStream()", "CloseStream()", null, null, "OpenCursor()", "CloseCursor()", null,
        "Sequence()", null, "StoreSql()", "CloseSql()"};
    for (int field = 2; field <= 12; field++) {
      if (names[field] != null) {
        assertEquals("ResponseOk(requestId=1, response=" + names[field] + ")", decode(responseOk(1, field, msg())));
      }
    }
    assertEquals("ResponseOk(requestId=1, response=GetAutocommit(isAutocommit=true))",
        decode(responseOk(1, 13, msg().varint(1, 1))));
    assertEquals("ResponseOk(requestId=1, response=GetAutocommit(isAutocommit=false))",
        decode(responseOk(1, 13, msg())));
  }

  @Test
  void describe() {
    Pb result = msg().msg(1, msg().str(1, ":a")).msg(1, msg()).msg(2, msg().str(1, "x").str(2, "TEXT"))
        .msg(2, msg()).varint(4, 1);
    assertEquals("ResponseOk(requestId=1, response=Describe(result=DescribeResult(params=[\":a\", null], "
        + "cols=[Col(name=\"x\", decltype=\"TEXT\"), Col(name=\"\", decltype=null)], isExplain=false, isReadonly=true)))",
        decode(responseOk(1, 10, msg().msg(1, result))));
  }

  @Test
  void fetchCursor() {
    Pb resp = msg()
        .msg(1, msg().msg(1, msg().varint(1, 0).msg(2, msg().str(1, "a"))))
        .msg(1, msg().msg(4, msg().msg(1, msg().sint64(2, 1))))
        .msg(1, msg().msg(2, msg().varint(1, 1).sint64(2, 9)))
        .msg(1, msg().msg(3, msg().varint(1, 1).msg(2, msg().str(1, "m").str(2, "c"))))
        .msg(1, msg().msg(6, msg().varint(1, 17)))
        .msg(1, msg()) // an empty entry: sqld's replication index of None
        .msg(1, msg().unknowns(7))
        .msg(1, msg().msg(5, msg().str(1, "boom")))
        .varint(2, 1);
    assertEquals("ResponseOk(requestId=1, response=FetchCursor(entries=["
        + "StepBegin(step=0, cols=[Col(name=\"a\", decltype=null)]), Row(values=[L1]), "
        + "StepEnd(affectedRowCount=1, lastInsertRowid=L9), StepError(step=1, error=HranaError(message=\"m\", code=\"c\")), "
        + "ReplicationIndex(index=L17), Error(error=HranaError(message=\"boom\", code=null))], done=true))",
        decode(responseOk(1, 8, resp)));
  }

  @Test
  void pipelineResponse() {
    Pb body = msg().str(1, "bt").unknowns(4)
        .msg(3, msg().msg(1, msg().msg(2, msg().msg(1, msg().varint(3, 1)))))
        .msg(3, msg().msg(2, msg().str(1, "x").str(2, "SQLITE_ERROR")))
        .msg(3, msg().msg(1, msg().empty(1)))
        .msg(3, msg().msg(1, msg().msg(3, msg().msg(1, msg()))))
        .msg(3, msg().msg(1, msg().empty(4)))
        .msg(3, msg().msg(1, msg().msg(5, msg().msg(1, msg()))))
        .msg(3, msg().msg(1, msg().empty(6)))
        .msg(3, msg().msg(1, msg().empty(7)))
        .msg(3, msg().msg(1, msg().msg(8, msg().varint(1, 1))));
    Pipeline.Response r = codec.decodePipelineResponse(body.toBytes());
    assertEquals("Response(baton=\"bt\", baseUrl=null, results=["
        + "Result(response=Execute(result=StmtResult(cols=[], rows=[], affectedRowCount=1, lastInsertRowid=null)), error=null), "
        + "Result(response=null, error=HranaError(message=\"x\", code=\"SQLITE_ERROR\")), "
        + "Result(response=CloseStream(), error=null), "
        + "Result(response=BatchResp(result=BatchResult(stepResults=[], stepErrors=[])), error=null), "
        + "Result(response=Sequence(), error=null), "
        + "Result(response=Describe(result=DescribeResult(params=[], cols=[], isExplain=false, isReadonly=false)), error=null), "
        + "Result(response=StoreSql(), error=null), Result(response=CloseSql(), error=null), "
        + "Result(response=GetAutocommit(isAutocommit=true), error=null)])", Canon.of(r));
    assertEquals("Response(baton=null, baseUrl=\"http://x\", results=[])",
        Canon.of(codec.decodePipelineResponse(msg().str(2, "http://x").toBytes())));
    assertEquals("Response(baton=null, baseUrl=null, results=[])", Canon.of(codec.decodePipelineResponse(new byte[0])));
  }

  @Test
  void cursorBody() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(msg().str(1, "bt").unknowns(3).delimited());
    body.write(msg().msg(1, msg().varint(1, 0).msg(2, msg().str(1, "a")).msg(2, msg().str(1, "b"))).delimited());
    body.write(msg().msg(4, msg().msg(1, msg().sint64(2, 1)).msg(1, msg().str(4, "\uD83D\uDE00"))).delimited());
    body.write(msg().delimited());
    body.write(msg().msg(2, msg().varint(1, 0)).delimited());
    body.write(msg().msg(6, msg().varint(1, 42)).delimited());
    // one byte per read, as a slow network would deliver it
    InputStream slow = new ByteArrayInputStream(body.toByteArray()) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1));
      }
    };
    try (HranaCodec.CursorReader reader = codec.cursorReader(slow)) {
      assertEquals("CursorHead(baton=\"bt\", baseUrl=null)", Canon.of(reader.head()));
      StringBuilder sb = new StringBuilder();
      CursorEntry e;
      while ((e = reader.next()) != null) {
        sb.append(Canon.of(e)).append('\n');
      }
      assertEquals("StepBegin(step=0, cols=[Col(name=\"a\", decltype=null), Col(name=\"b\", decltype=null)])\n"
          + "Row(values=[L1, \"\uD83D\uDE00\"])\nStepEnd(affectedRowCount=0, lastInsertRowid=null)\n"
          + "ReplicationIndex(index=L42)\n", sb.toString());
      assertNull(reader.next());
    }
  }

  @Test
  void cursorBodyErrors() throws IOException {
    try (HranaCodec.CursorReader reader = codec.cursorReader(new ByteArrayInputStream(new byte[0]))) {
      assertProtoError(() -> {
        try {
          reader.head();
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      });
    }
    byte[] entry = msg().msg(4, msg().msg(1, msg().sint64(2, 1))).delimited();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(msg().delimited());
    body.write(entry, 0, entry.length - 1);
    try (HranaCodec.CursorReader reader = codec.cursorReader(new ByteArrayInputStream(body.toByteArray()))) {
      reader.head();
      assertProtoError(() -> {
        try {
          reader.next();
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      });
    }
  }

  @Test
  void cursorBodyIoErrorsStayIoErrors() {
    InputStream failing = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        throw new IOException("connection reset");
      }
    };
    HranaCodec.CursorReader reader = codec.cursorReader(failing);
    IOException e = assertThrows(IOException.class, reader::head);
    assertEquals("connection reset", e.getMessage());
  }

  @Test
  void malformedMessages() {
    byte[] good = execute(msg().msg(2, msg().msg(1, msg().str(4, "hello")))).toBytes();
    for (int cut = 1; cut < good.length; cut++) {
      byte[] truncated = java.util.Arrays.copyOf(good, cut);
      assertProtoError(() -> codec.decodeServerMsgBinary(ByteBuffer.wrap(truncated)));
    }
    Pb[] bad = {
        msg(), // no message at all
        msg().unknowns(5),
        msg().msg(3, msg().varint(1, 1)), // response_ok without a response
        msg().msg(3, msg().varint(1, 1).varint(4, 1)), // execute with the wrong wire type: skipped, so none
        execute(msg().msg(2, msg().msg(1, msg()))), // an empty Value
        execute(msg().msg(2, msg().msg(1, msg().unknowns(9)))), // a Value of an unknown kind
        execute(msg().msg(2, msg().msg(1, msg().raw(4, new byte[] {(byte) 0xc3, 0x28})))), // invalid UTF-8
        execute(msg().msg(1, msg().raw(1, new byte[] {(byte) 0xff}))),
    };
    for (Pb b : bad) {
      assertProtoError(() -> codec.decodeServerMsgBinary(ByteBuffer.wrap(b.toBytes())));
    }
    byte[][] raw = {
        {0x00}, // tag 0
        {0x1a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}, // length -1
        {0x1a, 0x7f}, // length past the end
        {0x0c}, // end-group outside a group
        {0x0b, 0x08, 0x01}, // unterminated group
        {0x08, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, (byte) 0x80, 0x01}, // varint of 11 bytes
        {0x0f}, // wire type 7
    };
    for (byte[] r : raw) {
      assertProtoError(() -> codec.decodeServerMsgBinary(ByteBuffer.wrap(r)));
    }
    assertProtoError(() -> codec.decodePipelineResponse(msg().msg(3, msg()).toBytes()));
    assertProtoError(() -> codec.decodePipelineResponse(msg().msg(3, msg().msg(1, msg())).toBytes()));
    assertProtoError(() -> codec.decodePipelineResponse(new byte[] {0x0a, 0x05, 'a'}));
  }

  @Test
  void deeplyNestedGroupsFailCleanly() {
    byte[] open = new byte[20_000];
    java.util.Arrays.fill(open, (byte) 0x0b); // start group 1, over and over
    assertProtoError(() -> codec.decodeServerMsgBinary(ByteBuffer.wrap(open)));
  }

  @Test
  void manyRowsAreSizedByColumns() {
    Pb result = msg().msg(1, msg().str(1, "a")).msg(1, msg().str(1, "b")).msg(1, msg().str(1, "c"));
    for (int i = 0; i < 10_000; i++) {
      result.msg(2, msg().msg(1, msg().sint64(2, i)).msg(1, msg().str(4, "r" + i)).msg(1, msg().dbl(3, i + 0.5)));
    }
    StmtResult r = stmtResult(result);
    assertEquals(10_000, r.rows().size());
    assertEquals(3, r.rows().get(9_999).length);
    assertEquals("[L9999, \"r9999\", D9999.5]", Canon.of(r.rows().get(9_999)));
  }
}
