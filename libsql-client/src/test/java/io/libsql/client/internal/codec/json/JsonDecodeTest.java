package io.libsql.client.internal.codec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.codec.Canon;
import io.libsql.client.internal.codec.HranaCodec;
import io.libsql.client.internal.codec.TextFrameCodec;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.client.internal.proto.Pipeline;
import io.libsql.client.internal.proto.Response;
import io.libsql.client.internal.proto.ServerMsg;
import io.libsql.client.internal.proto.StmtResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonDecodeTest {
  private final TextFrameCodec codec = JsonCodec.INSTANCE;

  private String decode(String json) {
    ServerMsg fromText = codec.decodeServerMsgText(json);
    ServerMsg fromBuilder = codec.decodeServerMsgText(new StringBuilder(json));
    assertEquals(Canon.of(fromText), Canon.of(fromBuilder));
    return Canon.of(fromText);
  }

  /** The canonical form of the first row value of an execute response whose only value is {@code value}. */
  private String value(String value) {
    ServerMsg msg = codec.decodeServerMsgText("{\"type\":\"response_ok\",\"request_id\":1,\"response\":"
        + "{\"type\":\"execute\",\"result\":{\"cols\":[{\"name\":\"v\",\"decltype\":null}],\"rows\":[["
        + value + "]],\"affected_row_count\":0,\"last_insert_rowid\":null}}}");
    StmtResult r = ((Response.Execute) ((ServerMsg.ResponseOk) msg).response()).result();
    return Canon.of(r.rows().get(0)[0]);
  }

  private static LibsqlException assertProtoError(Runnable r) {
    LibsqlException e = assertThrows(LibsqlException.class, r::run);
    assertEquals(ErrorCode.HRANA_PROTO_ERROR.name(), e.code(), e.toString());
    assertTrue(e.getMessage().startsWith("expected "), e.getMessage());
    return e;
  }

  @Test
  void helloOkAndError() {
    assertEquals("HelloOk()", decode("{\"type\":\"hello_ok\"}"));
    assertEquals("HelloError(error=HranaError(message=\"bad jwt\", code=\"AUTH_FAILED\"))",
        decode("{\"type\":\"hello_error\",\"error\":{\"message\":\"bad jwt\",\"code\":\"AUTH_FAILED\"}}"));
    assertEquals("HelloError(error=HranaError(message=\"m\", code=null))",
        decode("{\"error\":{\"message\":\"m\"},\"type\":\"hello_error\"}"));
  }

  @Test
  void responseError() {
    assertEquals("ResponseError(requestId=-7, error=HranaError(message=\"no such table: t\", code=\"SQLITE_ERROR\"))",
        decode("{\"type\":\"response_error\",\"request_id\":-7,"
            + "\"error\":{\"message\":\"no such table: t\",\"code\":\"SQLITE_ERROR\"}}"));
  }

  @Test
  void executeResultAsSqldWritesIt() {
    String json = "{\"type\":\"response_ok\",\"request_id\":3,\"response\":{\"type\":\"execute\",\"result\":{"
        + "\"cols\":[{\"name\":\"id\",\"decltype\":\"INTEGER\"},{\"name\":\"x\",\"decltype\":null}],"
        + "\"rows\":[[{\"type\":\"integer\",\"value\":\"1\"},{\"type\":\"text\",\"value\":\"a\"}],"
        + "[{\"type\":\"integer\",\"value\":\"2\"},{\"type\":\"null\"}]],"
        + "\"affected_row_count\":0,\"last_insert_rowid\":null,\"replication_index\":\"12\","
        + "\"rows_read\":2,\"rows_written\":0,\"query_duration_ms\":0.053}}}";
    assertEquals("ResponseOk(requestId=3, response=Execute(result=StmtResult("
        + "cols=[Col(name=\"id\", decltype=\"INTEGER\"), Col(name=\"x\", decltype=null)], "
        + "rows=[[L1, \"a\"], [L2, null]], affectedRowCount=0, lastInsertRowid=null, "
        + "rowsRead=L2, rowsWritten=L0, queryDurationMs=D0.053, replicationIndex=L12)))", decode(json));
  }

  @Test
  void statisticsMayBeNullOrAbsent() {
    String json = "{\"type\":\"response_ok\",\"request_id\":0,\"response\":{\"type\":\"execute\",\"result\":{"
        + "\"cols\":[],\"rows\":[],\"affected_row_count\":0,\"last_insert_rowid\":null,\"replication_index\":null,"
        + "\"rows_read\":7,\"rows_written\":\"3\",\"query_duration_ms\":2}}}";
    assertEquals("ResponseOk(requestId=0, response=Execute(result=StmtResult(cols=[], rows=[], affectedRowCount=0, "
        + "lastInsertRowid=null, rowsRead=L7, rowsWritten=L3, queryDurationMs=D2.0)))", decode(json));
  }

  @Test
  void statisticsOfTheWrongTypeAreProtocolErrors() {
    String json = "{\"type\":\"response_ok\",\"request_id\":0,\"response\":{\"type\":\"execute\",\"result\":{"
        + "\"cols\":[],\"rows\":[],\"affected_row_count\":0,\"query_duration_ms\":\"fast\"}}}";
    LibsqlException e = assertThrows(LibsqlException.class, () -> decode(json));
    assertEquals("HRANA_PROTO_ERROR", e.code());
    assertTrue(e.getMessage().contains("query_duration_ms"), e.getMessage());
  }

  @Test
  void lastInsertRowidAndCounts() {
    String json = "{\"type\":\"response_ok\",\"request_id\":0,\"response\":{\"type\":\"execute\",\"result\":{"
        + "\"cols\":[],\"rows\":[],\"affected_row_count\":3,\"last_insert_rowid\":\"-9223372036854775808\"}}}";
    assertEquals("ResponseOk(requestId=0, response=Execute(result=StmtResult(cols=[], rows=[], "
        + "affectedRowCount=3, lastInsertRowid=L-9223372036854775808)))", decode(json));
  }

  @Test
  void integers() {
    assertEquals("L0", value("{\"type\":\"integer\",\"value\":\"0\"}"));
    assertEquals("L-1", value("{\"type\":\"integer\",\"value\":\"-1\"}"));
    assertEquals("L9223372036854775807", value("{\"type\":\"integer\",\"value\":\"9223372036854775807\"}"));
    assertEquals("L-9223372036854775808", value("{\"type\":\"integer\",\"value\":\"-9223372036854775808\"}"));
    assertEquals("L42", value("{\"type\":\"integer\",\"value\":\"+42\"}"));
    assertEquals("L7", value("{\"type\":\"integer\",\"value\":\"007\"}"));
    // numbers are accepted too
    assertEquals("L9223372036854775807", value("{\"type\":\"integer\",\"value\":9223372036854775807}"));
    assertEquals("L-9223372036854775808", value("{\"type\":\"integer\",\"value\":-9223372036854775808}"));
    assertEquals("L5", value("{\"type\":\"integer\",\"value\":5}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"integer\",\"value\":\"9223372036854775808\"}",
      "{\"type\":\"integer\",\"value\":\"-9223372036854775809\"}",
      "{\"type\":\"integer\",\"value\":\"99999999999999999999\"}",
      "{\"type\":\"integer\",\"value\":9223372036854775808}",
      "{\"type\":\"integer\",\"value\":\"\"}",
      "{\"type\":\"integer\",\"value\":\"-\"}",
      "{\"type\":\"integer\",\"value\":\"1.5\"}",
      "{\"type\":\"integer\",\"value\":\" 1\"}",
      "{\"type\":\"integer\",\"value\":1.5}",
      "{\"type\":\"integer\",\"value\":null}",
      "{\"type\":\"integer\"}",
      "{\"value\":\"1\"}",
      "{\"type\":\"bigint\",\"value\":\"1\"}",
      "{\"type\":5}",
      "{\"type\":\"float\",\"value\":\"1.5\"}",
      "{\"type\":\"text\",\"value\":5}",
      "{\"type\":\"text\"}",
      "{\"type\":\"blob\",\"base64\":\"A\"}",
      "{\"type\":\"blob\",\"base64\":\"AP8=x\"}",
      "{\"type\":\"blob\",\"base64\":\"é\"}",
      "{\"type\":\"blob\",\"base64\":7}",
      "{\"type\":\"blob\",\"value\":\"AP8\"}",
      "\"1\"",
      "null",
      "1",
      "[]",
  })
  void malformedValues(String v) {
    assertProtoError(() -> value(v));
  }

  @Test
  void floats() {
    assertEquals("D1.5", value("{\"type\":\"float\",\"value\":1.5}"));
    assertEquals("D-0.0", value("{\"type\":\"float\",\"value\":-0.0}"));
    assertEquals("D-0.0", value("{\"type\":\"float\",\"value\":-0}"));
    assertEquals("D0.0", value("{\"type\":\"float\",\"value\":0}"));
    assertEquals("D3.0", value("{\"type\":\"float\",\"value\":3}"));
    assertEquals("D1.0E300", value("{\"type\":\"float\",\"value\":1e300}"));
    assertEquals("D4.9E-324", value("{\"type\":\"float\",\"value\":5e-324}"));
    assertEquals("D1.7976931348623157E308", value("{\"type\":\"float\",\"value\":1.7976931348623157e308}"));
    assertEquals("D0.1", value("{\"type\":\"float\",\"value\":0.1}"));
    assertEquals("D1.8446744073709552E19", value("{\"type\":\"float\",\"value\":18446744073709551616}"));
    // sqld writes a stored +/-Infinity as null: decoded as SQL NULL (sign unknown)
    assertEquals("null", value("{\"type\":\"float\",\"value\":null}"));
  }

  @Test
  void textAndUnicode() {
    assertEquals("\"\"", value("{\"type\":\"text\",\"value\":\"\"}"));
    assertEquals("\"h\u00e9llo \u4e16\u754c \uD83D\uDE00\"",
        value("{\"type\":\"text\",\"value\":\"h\u00e9llo \u4e16\u754c \uD83D\uDE00\"}"));
    assertEquals("\"\uD83D\uDE00\"", value("{\"type\":\"text\",\"value\":\"\\ud83d\\ude00\"}"));
    assertEquals("\"a\"b\\c\n\u0000\"", value("{\"type\":\"text\",\"value\":\"a\\\"b\\\\c\\n\\u0000\"}"));
  }

  @Test
  void utf8BodyWithAstralCharacters() {
    String json = "{\"baton\":null,\"base_url\":null,\"results\":[{\"type\":\"ok\",\"response\":{\"type\":\"execute\","
        + "\"result\":{\"cols\":[{\"name\":\"\uD83D\uDE00\",\"decltype\":null}],\"rows\":[[{\"type\":\"text\","
        + "\"value\":\"\uD834\uDD1E \u00e9\"}]],\"affected_row_count\":0,\"last_insert_rowid\":null}}}]}";
    Pipeline.Response r = codec.decodePipelineResponse(json.getBytes(StandardCharsets.UTF_8));
    assertEquals("[Result(response=Execute(result=StmtResult(cols=[Col(name=\"\uD83D\uDE00\", decltype=null)], "
        + "rows=[[\"\uD834\uDD1E \u00e9\"]], affectedRowCount=0, lastInsertRowid=null)), error=null)]",
        Canon.of(r.results()));
  }

  @Test
  void blobs() {
    assertEquals("x''", value("{\"type\":\"blob\",\"base64\":\"\"}"));
    assertEquals("x'00ff'", value("{\"type\":\"blob\",\"base64\":\"AP8\"}"));
    assertEquals("x'00ff'", value("{\"type\":\"blob\",\"base64\":\"AP8=\"}"));
    assertEquals("x'00'", value("{\"type\":\"blob\",\"base64\":\"AA\"}"));
    assertEquals("x'00'", value("{\"type\":\"blob\",\"base64\":\"AA==\"}"));
    assertEquals("x'fbff'", value("{\"type\":\"blob\",\"base64\":\"+/8\"}"));
    assertEquals("x'000102'", value("{\"type\":\"blob\",\"base64\":\"AAEC\"}"));
  }

  @Test
  void valueFieldsInAnyOrderAndUnknownFieldsSkipped() {
    assertEquals("L12", value("{\"value\":\"12\",\"type\":\"integer\"}"));
    assertEquals("L12", value("{\"value\":12,\"type\":\"integer\"}"));
    assertEquals("D-0.0", value("{\"value\":-0.0,\"type\":\"float\"}"));
    assertEquals("D-0.0", value("{\"value\":-0,\"type\":\"float\"}"));
    assertEquals("null", value("{\"value\":null,\"type\":\"float\"}"));
    assertEquals("\"t\"", value("{\"value\":\"t\",\"type\":\"text\"}"));
    assertEquals("x'00ff'", value("{\"base64\":\"AP8\",\"type\":\"blob\"}"));
    assertEquals("x'00ff'", value("{\"value\":{\"x\":1},\"base64\":\"AP8\",\"type\":\"blob\"}"));
    assertEquals("null", value("{\"value\":[1],\"type\":\"null\",\"future\":{\"a\":[1,{}]}}"));
    assertEquals("\"t\"", value("{\"future\":[[{}]],\"type\":\"text\",\"extra\":null,\"value\":\"t\",\"z\":1.5}"));
  }

  @Test
  void responseTypeAfterResultIsStillRead() {
    String json = "{\"response\":{\"result\":{\"rows\":[[{\"value\":\"1\",\"type\":\"integer\"},"
        + "{\"type\":\"float\",\"value\":-0.0},{\"type\":\"float\",\"value\":2.5}]],\"cols\":[],"
        + "\"affected_row_count\":1,\"last_insert_rowid\":\"5\"},\"type\":\"execute\"},"
        + "\"request_id\":9,\"type\":\"response_ok\"}";
    assertEquals("ResponseOk(requestId=9, response=Execute(result=StmtResult(cols=[], rows=[[L1, D-0.0, D2.5]], "
        + "affectedRowCount=1, lastInsertRowid=L5)))", decode(json));
  }

  @Test
  void batchResult() {
    String json = "{\"type\":\"response_ok\",\"request_id\":2,\"response\":{\"type\":\"batch\",\"result\":{"
        + "\"step_results\":[{\"cols\":[],\"rows\":[],\"affected_row_count\":1,\"last_insert_rowid\":\"1\"},null,null],"
        + "\"step_errors\":[null,{\"message\":\"UNIQUE constraint failed\",\"code\":\"SQLITE_CONSTRAINT\"},null],"
        + "\"replication_index\":\"3\"}}}";
    assertEquals("ResponseOk(requestId=2, response=BatchResp(result=BatchResult(stepResults=["
        + "StmtResult(cols=[], rows=[], affectedRowCount=1, lastInsertRowid=L1), null, null], "
        + "stepErrors=[null, HranaError(message=\"UNIQUE constraint failed\", code=\"SQLITE_CONSTRAINT\"), null])))",
        decode(json));
  }

  @Test
  void otherResponses() {
    String[][] cases = {
        {"open_stream", "OpenStream()"}, {"close_stream", "CloseStream()"}, {"close", "CloseStream()"},
        {"open_cursor", "OpenCursor()"}, {"close_cursor", "CloseCursor()"}, {"sequence", "Sequence()"},
        {"store_sql", "StoreSql()"}, {"close_sql", "CloseSql()"},
    };
    for (String[] c : cases) {
      assertEquals("ResponseOk(requestId=1, response=" + c[1] + ")",
          decode("{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"" + c[0] + "\"}}"));
    }
    assertEquals("ResponseOk(requestId=1, response=GetAutocommit(isAutocommit=true))",
        decode("{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"get_autocommit\","
            + "\"is_autocommit\":true}}"));
  }

  @Test
  void describe() {
    String json = "{\"type\":\"response_ok\",\"request_id\":4,\"response\":{\"type\":\"describe\",\"result\":{"
        + "\"params\":[{\"name\":\":a\"},{\"name\":null}],\"cols\":[{\"name\":\"x\",\"decltype\":\"TEXT\"}],"
        + "\"is_explain\":false,\"is_readonly\":true}}}";
    assertEquals("ResponseOk(requestId=4, response=Describe(result=DescribeResult(params=[\":a\", null], "
        + "cols=[Col(name=\"x\", decltype=\"TEXT\")], isExplain=false, isReadonly=true)))", decode(json));
  }

  @Test
  void fetchCursor() {
    String json = "{\"type\":\"response_ok\",\"request_id\":5,\"response\":{\"type\":\"fetch_cursor\",\"entries\":["
        + "{\"type\":\"step_begin\",\"step\":0,\"cols\":[{\"name\":\"a\",\"decltype\":null}]},"
        + "{\"type\":\"row\",\"row\":[{\"type\":\"integer\",\"value\":\"1\"}]},"
        + "{\"type\":\"step_end\",\"affected_row_count\":0,\"last_insert_rowid\":null},"
        + "{\"type\":\"step_error\",\"step\":1,\"error\":{\"message\":\"m\",\"code\":\"c\"}},"
        + "{\"type\":\"replication_index\",\"replication_index\":17},"
        + "{\"type\":\"something_new\",\"x\":1},"
        + "{\"type\":\"error\",\"error\":{\"message\":\"boom\",\"code\":null}}],\"done\":true}}";
    assertEquals("ResponseOk(requestId=5, response=FetchCursor(entries=["
        + "StepBegin(step=0, cols=[Col(name=\"a\", decltype=null)]), Row(values=[L1]), "
        + "StepEnd(affectedRowCount=0, lastInsertRowid=null), "
        + "StepError(step=1, error=HranaError(message=\"m\", code=\"c\")), ReplicationIndex(index=L17), "
        + "Error(error=HranaError(message=\"boom\", code=null))], done=true))", decode(json));
  }

  @Test
  void pipelineResponse() {
    String json = "{\"baton\":\"b1\",\"base_url\":null,\"results\":["
        + "{\"type\":\"ok\",\"response\":{\"type\":\"execute\",\"result\":{\"cols\":[],\"rows\":[],"
        + "\"affected_row_count\":0,\"last_insert_rowid\":null}}},"
        + "{\"type\":\"error\",\"error\":{\"message\":\"x\",\"code\":\"SQLITE_ERROR\"}},"
        + "{\"type\":\"ok\",\"response\":{\"type\":\"close\"}}],\"future\":[1]}";
    Pipeline.Response r = codec.decodePipelineResponse(json.getBytes(StandardCharsets.UTF_8));
    assertEquals("Response(baton=\"b1\", baseUrl=null, results=["
        + "Result(response=Execute(result=StmtResult(cols=[], rows=[], affectedRowCount=0, lastInsertRowid=null)), "
        + "error=null), Result(response=null, error=HranaError(message=\"x\", code=\"SQLITE_ERROR\")), "
        + "Result(response=CloseStream(), error=null)])", Canon.of(r));
  }

  @Test
  void cursorBody() throws IOException {
    String body = "{\"baton\":\"bt\",\"base_url\":\"http://h\"}\n"
        + "{\"type\":\"step_begin\",\"step\":0,\"cols\":[{\"name\":\"a\",\"decltype\":\"INT\"}]}\n"
        + "{\"type\":\"row\",\"row\":[{\"type\":\"integer\",\"value\":\"1\"}]}\n"
        + "{\"type\":\"mystery\"}\n"
        + "{\"type\":\"row\",\"row\":[{\"type\":\"blob\",\"base64\":\"AP8\"}]}\n"
        + "{\"type\":\"step_end\",\"affected_row_count\":0,\"last_insert_rowid\":\"4\"}\n"
        + "{\"type\":\"replication_index\",\"replication_index\":null}\n";
    // one byte per read, as a slow network would deliver it
    InputStream slow = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1));
      }
    };
    try (HranaCodec.CursorReader reader = codec.cursorReader(slow)) {
      assertEquals("CursorHead(baton=\"bt\", baseUrl=\"http://h\")", Canon.of(reader.head()));
      StringBuilder sb = new StringBuilder();
      CursorEntry e;
      while ((e = reader.next()) != null) {
        sb.append(Canon.of(e)).append('\n');
      }
      assertEquals("StepBegin(step=0, cols=[Col(name=\"a\", decltype=\"INT\")])\nRow(values=[L1])\n"
          + "Row(values=[x'00ff'])\nStepEnd(affectedRowCount=0, lastInsertRowid=L4)\nReplicationIndex(index=null)\n",
          sb.toString());
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
    byte[] truncated = "{\"baton\":null,\"base_url\":null}\n{\"type\":\"row\",\"row\":[{\"type\":\"inte"
        .getBytes(StandardCharsets.UTF_8);
    try (HranaCodec.CursorReader reader = codec.cursorReader(new ByteArrayInputStream(truncated))) {
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

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      " ",
      "{",
      "{\"type\":\"hello_ok\"",
      "{\"type\":\"hello_ok\"} {}",
      "{\"type\":\"hello_ok\"} x",
      "[]",
      "null",
      "\"hello_ok\"",
      "{}",
      "{\"type\":null}",
      "{\"type\":\"hello_bad\"}",
      "{\"type\":\"hello_error\"}",
      "{\"type\":\"hello_error\",\"error\":{\"code\":\"x\"}}",
      "{\"type\":\"hello_error\",\"error\":{\"message\":5}}",
      "{\"type\":\"response_ok\",\"response\":{\"type\":\"close_stream\"}}",
      "{\"type\":\"response_ok\",\"request_id\":\"1\",\"response\":{\"type\":\"close_stream\"}}",
      "{\"type\":\"response_ok\",\"request_id\":1.5,\"response\":{\"type\":\"close_stream\"}}",
      "{\"type\":\"response_ok\",\"request_id\":99999999999,\"response\":{\"type\":\"close_stream\"}}",
      "{\"type\":\"response_ok\",\"request_id\":1}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{}}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"teleport\"}}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"execute\"}}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"execute\",\"result\":[]}}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"execute\",\"result\":{\"rows\":{}}}}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"execute\",\"result\":{\"rows\":[{}]}}}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"execute\",\"result\":{\"rows\":[[1]]}}}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"execute\",\"result\":{\"cols\":[1]}}}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"execute\",\"result\":"
          + "{\"affected_row_count\":\"x\"}}}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"execute\",\"result\":"
          + "{\"last_insert_rowid\":true}}}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"get_autocommit\",\"is_autocommit\":1}}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"fetch_cursor\",\"done\":true}}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"fetch_cursor\",\"entries\":[{}]}}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"fetch_cursor\",\"entries\":"
          + "[{\"type\":\"row\"}]}}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"batch\",\"result\":"
          + "{\"step_results\":[1]}}}",
      "{\"type\":\"response_ok\",\"request_id\":1,\"response\":{\"type\":\"batch\",\"result\":"
          + "{\"step_errors\":{}}}}",
      "{\"type\":\"hello_ok\",\"x\":\"\\ud800\"}x",
      "{\"type\":\"hello_ok\",\"x\":tru}",
      "{\"type\":\"hello_ok\",,}",
      "{'type':'hello_ok'}",
      "{\"type\":\"hello_ok\",\"x\":NaN}",
  })
  void malformedServerMessages(String json) {
    assertProtoError(() -> codec.decodeServerMsgText(json));
  }

  @Test
  void malformedPipelineBodies() {
    String[] bodies = {
        "", "{}", "{\"results\":{}}", "{\"results\":[{}]}", "{\"results\":[{\"type\":\"ok\"}]}",
        "{\"results\":[{\"type\":\"error\"}]}", "{\"results\":[{\"type\":\"maybe\"}]}", "{\"baton\":1,\"results\":[]}",
        "{\"results\":[]", "\u00ff\u00fe",
    };
    for (String b : bodies) {
      assertProtoError(() -> codec.decodePipelineResponse(b.getBytes(StandardCharsets.ISO_8859_1)));
    }
    assertProtoError(() -> codec.decodePipelineResponse(new byte[] {(byte) 0xc3, 0x28}));
    assertProtoError(() -> codec.decodePipelineResponse(
        "{\"results\":[],\"baton\":\"\u00e9".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void deepNestingInUnknownFieldsFailsCleanly() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertProtoError(() -> codec.decodeServerMsgText("{\"type\":\"hello_ok\",\"x\":" + deep + "}"));
  }

  @Test
  void manyRowsAreSizedByColumns() {
    StringBuilder sb = new StringBuilder("{\"baton\":null,\"base_url\":null,\"results\":[{\"type\":\"ok\",\"response\":"
        + "{\"type\":\"execute\",\"result\":{\"cols\":[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\":\"c\"}],\"rows\":[");
    for (int i = 0; i < 10_000; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("[{\"type\":\"integer\",\"value\":\"").append(i).append("\"},{\"type\":\"text\",\"value\":\"r")
          .append(i).append("\"},{\"type\":\"float\",\"value\":").append(i + 0.5).append("}]");
    }
    sb.append("],\"affected_row_count\":0,\"last_insert_rowid\":null}}}]}");
    Pipeline.Response r = codec.decodePipelineResponse(sb.toString().getBytes(StandardCharsets.UTF_8));
    StmtResult result = ((Response.Execute) r.results().get(0).response()).result();
    assertEquals(10_000, result.rows().size());
    Object[] last = result.rows().get(9_999);
    assertEquals(3, last.length);
    assertEquals("[L9999, \"r9999\", D9999.5]", Canon.of(last));
  }
}
