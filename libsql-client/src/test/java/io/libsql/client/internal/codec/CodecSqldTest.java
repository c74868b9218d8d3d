package io.libsql.client.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.libsql.client.Encoding;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.BatchCond;
import io.libsql.client.internal.proto.ClientMsg;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.client.internal.proto.Pipeline;
import io.libsql.client.internal.proto.Request;
import io.libsql.client.internal.proto.Stmt;
import io.libsql.testing.SqldServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both codecs against a real sqld: what we encode is what sqld parses, and what it answers decodes
 * to the exact values. Over HTTP with the JDK client; over WebSocket with a minimal hand-made
 * client, so that the frames carry exactly the codec's bytes.
 */
class CodecSqldTest {
  private static SqldServer sqld;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void startSqld() {
    sqld = SqldServer.builder().start();
  }

  @AfterAll
  static void stopSqld() {
    sqld.close();
  }

  private static byte[] post(String path, byte[] body) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(sqld.httpUrl() + path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
    return r.body();
  }

  private static String prefix(HranaCodec codec) {
    return codec.encoding() == Encoding.JSON ? "/v3" : "/v3-protobuf";
  }

  private static List<Object> edgeValues() {
    return Arrays.asList(null, Long.MIN_VALUE, Long.MAX_VALUE, -0.0, 1.5, Double.MIN_VALUE, Double.NaN,
        "h\u00e9 \uD83D\uDE00", new byte[0], new byte[] {0, (byte) 0xff});
  }

  @Test
  void valuesRoundTripOverHttp() throws Exception {
    String common = "[null, L-9223372036854775808, L9223372036854775807, D-0.0, D1.5, D4.9E-324, null, "
        + "\"h\u00e9 \uD83D\uDE00\", x'', x'00ff'";
    for (HranaCodec codec : List.of(HranaCodecs.json(), HranaCodecs.protobuf())) {
      List<Object> args = new ArrayList<>(edgeValues());
      boolean pb = codec.encoding() == Encoding.PROTOBUF;
      if (pb) {
        args.add(Double.POSITIVE_INFINITY);
        args.add(Double.NEGATIVE_INFINITY);
      }
      String sql = "SELECT " + String.join(", ", java.util.Collections.nCopies(args.size(), "?")) + ", 1e999, -1e999";
      Pipeline.Response resp = codec.decodePipelineResponse(post(prefix(codec) + "/pipeline", codec.encodePipelineRequest(
          new Pipeline.Request(null, List.of(new Request.Execute(0, new Stmt(sql, null, args, List.of(), true)),
              new Request.CloseStream(0))))));
      String rows = Canon.withoutStatistics(((io.libsql.client.internal.proto.Response.Execute) resp.results().get(0).response())
          .result().rows());
      // stored infinities come back exactly over Protobuf and as null over JSON; NaN is stored as NULL
      assertEquals("[" + common + (pb ? ", DInfinity, D-Infinity, DInfinity, D-Infinity]]" : ", null, null]]"), rows,
          codec.encoding().name());
      assertEquals("Result(response=CloseStream(), error=null)", Canon.withoutStatistics(resp.results().get(1)));
    }
  }

  @Test
  void requestsAndBatchesOverHttp() throws Exception {
    for (HranaCodec codec : List.of(HranaCodecs.json(), HranaCodecs.protobuf())) {
      String t = "t_" + codec.encoding();
      Batch batch = new Batch(List.of(
          new Batch.Step(null, Stmt.sql("CREATE TABLE " + t + " (a INTEGER PRIMARY KEY, b TEXT)", false)),
          new Batch.Step(new BatchCond.Ok(0), new Stmt("INSERT INTO " + t + "(b) VALUES (:b)", null, List.of(),
              List.of(new Stmt.NamedArg(":b", "x")), false)),
          new Batch.Step(new BatchCond.Not(new BatchCond.Ok(0)), Stmt.sql("SELECT 'skipped'", true)),
          new Batch.Step(new BatchCond.And(List.of(new BatchCond.IsAutocommit(), new BatchCond.Ok(1))),
              Stmt.sql("SELECT nosuchfn()", true)),
          new Batch.Step(new BatchCond.Or(List.of(new BatchCond.Error(3), new BatchCond.Ok(0))),
              Stmt.sql("SELECT a, b FROM " + t, true))));
      Pipeline.Response resp = codec.decodePipelineResponse(post(prefix(codec) + "/pipeline",
          codec.encodePipelineRequest(new Pipeline.Request(null, List.of(
              new Request.BatchReq(0, batch),
              new Request.StoreSql(5, "SELECT 7"),
              new Request.Execute(0, new Stmt(null, 5, List.of(), List.of(), true)),
              new Request.Describe(0, "SELECT :a, ? AS x", null),
              new Request.Sequence(0, "SELECT 1; SELECT 2", null),
              new Request.CloseSql(5),
              new Request.GetAutocommit(0))))));
      assertNotNull(resp.baton());
      List<String> results = new ArrayList<>();
      for (Pipeline.Result r : resp.results()) {
        results.add(Canon.withoutStatistics(r));
      }
      assertEquals(List.of(
          "Result(response=BatchResp(result=BatchResult(stepResults=[StmtResult(cols=[], rows=[], affectedRowCount=0, "
              + "lastInsertRowid=null), StmtResult(cols=[], rows=[], affectedRowCount=1, lastInsertRowid=L1), null, null, "
              + "StmtResult(cols=[Col(name=\"a\", decltype=\"INTEGER\"), Col(name=\"b\", decltype=\"TEXT\")], "
              + "rows=[[L1, \"x\"]], affectedRowCount=0, lastInsertRowid=null)], stepErrors=[null, null, null, "
              + "HranaError(message=\"SQL input error: no such function: nosuchfn (at offset 7)\", "
              + "code=\"SQL_INPUT_ERROR\"), null])), error=null)",
          "Result(response=StoreSql(), error=null)",
          "Result(response=Execute(result=StmtResult(cols=[Col(name=\"7\", decltype=null)], rows=[[L7]], "
              + "affectedRowCount=0, lastInsertRowid=null)), error=null)",
          "Result(response=Describe(result=DescribeResult(params=[\":a\", null], cols=[Col(name=\":a\", decltype=null), "
              + "Col(name=\"x\", decltype=null)], isExplain=false, isReadonly=true)), error=null)",
          "Result(response=Sequence(), error=null)",
          "Result(response=CloseSql(), error=null)",
          "Result(response=GetAutocommit(isAutocommit=true), error=null)"), results, codec.encoding().name());
      Pipeline.Response closed = codec.decodePipelineResponse(post(prefix(codec) + "/pipeline",
          codec.encodePipelineRequest(new Pipeline.Request(resp.baton(), List.of(new Request.CloseStream(0))))));
      assertEquals("Response(baton=null, baseUrl=null, results=[Result(response=CloseStream(), error=null)])",
          Canon.withoutStatistics(closed));
    }
  }

  @Test
  void cursorOverHttp() throws Exception {
    for (HranaCodec codec : List.of(HranaCodecs.json(), HranaCodecs.protobuf())) {
      Batch batch = new Batch(List.of(
          new Batch.Step(null, Stmt.sql("SELECT 1 AS a UNION ALL SELECT 2", true)),
          new Batch.Step(null, Stmt.sql("SELECT nosuchfn()", true))));
      byte[] body = post(prefix(codec) + "/cursor", codec.encodeCursorRequest(new Pipeline.CursorRequest(null, batch)));
      StringBuilder sb = new StringBuilder();
      try (HranaCodec.CursorReader reader = codec.cursorReader(new ByteArrayInputStream(body))) {
        assertNotNull(reader.head().baton());
        CursorEntry e;
        while ((e = reader.next()) != null) {
          if (!(e instanceof CursorEntry.ReplicationIndex)) {
            sb.append(Canon.withoutStatistics(e)).append('\n');
          }
        }
      }
      assertEquals("StepBegin(step=0, cols=[Col(name=\"a\", decltype=null)])\nRow(values=[L1])\nRow(values=[L2])\n"
          + "StepEnd(affectedRowCount=0, lastInsertRowid=null)\nStepError(step=1, error=HranaError(message=\"SQL input "
          + "error: no such function: nosuchfn (at offset 7)\", code=\"SQL_INPUT_ERROR\"))\n", sb.toString(),
          codec.encoding().name());
    }
  }

  @Test
  void webSocketSubprotocols() throws Exception {
    for (String subprotocol : List.of("hrana3-protobuf", "hrana3", "hrana2", "hrana1")) {
      HranaCodec codec = subprotocol.endsWith("protobuf") ? HranaCodecs.protobuf() : HranaCodecs.json();
      List<ClientMsg> msgs = new ArrayList<>(List.of(new ClientMsg.Hello(null),
          new ClientMsg.RequestMsg(1, new Request.OpenStream(1)),
          new ClientMsg.RequestMsg(2, new Request.Execute(1, new Stmt("SELECT ?, ?, ?, ?, ?", null,
              Arrays.asList(-0.0, Long.MIN_VALUE, "\uD83D\uDE00", new byte[] {1, 2, 3}, null), List.of(), true)))));
      List<String> expected = new ArrayList<>(List.of("HelloOk()", "ResponseOk(requestId=1, response=OpenStream())",
          "ResponseOk(requestId=2, response=Execute(result=StmtResult(cols=[Col(name=\"?\", decltype=null), "
              + "Col(name=\"?\", decltype=null), Col(name=\"?\", decltype=null), Col(name=\"?\", decltype=null), "
              + "Col(name=\"?\", decltype=null)], rows=[[D-0.0, L-9223372036854775808, \"\uD83D\uDE00\", x'010203', "
              + "null]], affectedRowCount=0, lastInsertRowid=null)))"));
      if (subprotocol.startsWith("hrana3")) {
        msgs.add(new ClientMsg.RequestMsg(3, new Request.GetAutocommit(1)));
        msgs.add(new ClientMsg.RequestMsg(4, new Request.OpenCursor(1, 9,
            new Batch(List.of(new Batch.Step(null, Stmt.sql("SELECT 1 UNION ALL SELECT 2", true)))))));
        msgs.add(new ClientMsg.RequestMsg(5, new Request.FetchCursor(9, 100)));
        msgs.add(new ClientMsg.RequestMsg(6, new Request.CloseCursor(9)));
        expected.addAll(List.of("ResponseOk(requestId=3, response=GetAutocommit(isAutocommit=true))",
            "ResponseOk(requestId=4, response=OpenCursor())",
            FETCHED,
            "ResponseOk(requestId=6, response=CloseCursor())"));
      }
      msgs.add(new ClientMsg.RequestMsg(7, new Request.CloseStream(1)));
      expected.add("ResponseOk(requestId=7, response=CloseStream())");
      List<String> received = exchange(codec, subprotocol, msgs);
      // sqld may answer out of order, and a fetch may return before the cursor has run to the end
      received.sort(java.util.Comparator.comparingInt(CodecSqldTest::requestId));
      for (int i = 0; i < received.size(); i++) {
        if (received.get(i).startsWith(FETCHED)) {
          received.set(i, FETCHED);
        }
      }
      assertEquals(expected, received, subprotocol);
    }
  }

  private static final String FETCHED = "ResponseOk(requestId=5, response=FetchCursor(entries=[StepBegin(step=0, "
      + "cols=[Col(name=\"1\", decltype=null)])";

  private static int requestId(String msg) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^ResponseOk\\(requestId=(\\d+)").matcher(msg);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** Sends {@code msgs} in masked frames on a raw WebSocket and reads one message per message sent. */
  private static List<String> exchange(HranaCodec codec, String subprotocol, List<ClientMsg> msgs) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", sqld.httpPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
          + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Protocol: " + subprotocol + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        head.append((char) in.readUnsignedByte());
      }
      assertEquals("HTTP/1.1 101 Switching Protocols", head.substring(0, head.indexOf("\r\n")));
      for (ClientMsg m : msgs) {
        byte[] payload;
        int opcode;
        if (codec.encoding() == Encoding.PROTOBUF) {
          ByteBuffer b = ((BinaryFrameCodec) codec).encodeClientMsgBinary(m);
          payload = new byte[b.remaining()];
          b.get(payload);
          opcode = 2;
        } else {
          payload = ((TextFrameCodec) codec).encodeClientMsgText(m).getBytes(StandardCharsets.UTF_8);
          opcode = 1;
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
          frame.write(0x80 | payload.length);
        } else {
          frame.write(0x80 | 126);
          frame.write(payload.length >> 8);
          frame.write(payload.length & 0xff);
        }
        frame.write(new byte[4]); // a zero mask leaves the payload as is
        frame.write(payload);
        out.write(frame.toByteArray());
      }
      List<String> received = new ArrayList<>();
      for (int i = 0; i < msgs.size(); i++) {
        int b0 = in.readUnsignedByte();
        int len = in.readUnsignedByte() & 0x7f;
        if (len == 126) {
          len = in.readUnsignedShort();
        } else if (len == 127) {
          len = (int) in.readLong();
        }
        byte[] payload = new byte[len];
        in.readFully(payload);
        int opcode = b0 & 0x0f;
        assertEquals(codec.encoding() == Encoding.PROTOBUF ? 2 : 1, opcode,
            () -> "frame " + opcode + ": " + new String(payload, StandardCharsets.UTF_8));
        received.add(Canon.withoutStatistics(opcode == 2 ? ((BinaryFrameCodec) codec).decodeServerMsgBinary(ByteBuffer.wrap(payload))
            : ((TextFrameCodec) codec).decodeServerMsgText(new String(payload, StandardCharsets.UTF_8))));
      }
      return received;
    }
  }
}
