package io.libsql.bench;

import com.google.protobuf.CodedOutputStream;
import io.libsql.client.internal.codec.BinaryFrameCodec;
import io.libsql.client.internal.codec.HranaCodecs;
import io.libsql.client.internal.codec.TextFrameCodec;
import io.libsql.client.internal.proto.Pipeline;
import io.libsql.client.internal.proto.Response;
import io.libsql.client.internal.proto.ServerMsg;
import io.libsql.client.internal.proto.StmtResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Decoding a 1,000-row, 5-column result (int, 30-char text, real, 16-byte blob, null: the W3 row)
 * with our Hrana codecs, without a server: a WebSocket server message ({@code response_ok} of an
 * {@code execute}) and an HTTP pipeline response ({@code execute} then {@code close}), each in
 * JSON and in Protobuf. The encoded bytes are built once, by hand from the spec, in
 * {@link #encode()}. Time per decode of the whole message.
 *
 * <pre>{@code
 * java -jar libsql-bench/target/benchmarks.jar CodecBenchmark
 * java -cp libsql-bench/target/benchmarks.jar io.libsql.bench.CodecBenchmark   # same, via main
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  static final int ROWS = 1000;

  private final TextFrameCodec json = HranaCodecs.json();
  private final BinaryFrameCodec protobuf = HranaCodecs.protobuf();

  String jsonServerMsg;
  byte[] jsonPipeline;
  byte[] protobufServerMsg;
  byte[] protobufPipeline;

  @Setup
  public void encode() throws IOException {
    String result = jsonStmtResult();
    jsonServerMsg = "{\"type\":\"response_ok\",\"request_id\":7,\"response\":{\"type\":\"execute\",\"result\":"
        + result + "}}";
    jsonPipeline = ("{\"baton\":\"b0a7c5\",\"base_url\":null,\"results\":[{\"type\":\"ok\",\"response\":"
        + "{\"type\":\"execute\",\"result\":" + result + "}},{\"type\":\"ok\",\"response\":{\"type\":\"close\"}}]}")
        .getBytes(StandardCharsets.UTF_8);

    byte[] stmtResult = protobufStmtResult();
    // ServerMsg { response_ok = 3: ResponseOkMsg { request_id = 1; execute = 4: ExecuteResp { result = 1 } } }
    byte[] executeResp = message(out -> out.writeByteArray(1, stmtResult));
    byte[] responseOk = message(out -> {
      out.writeInt32(1, 7);
      out.writeByteArray(4, executeResp);
    });
    protobufServerMsg = message(out -> out.writeByteArray(3, responseOk));
    // PipelineRespBody { baton = 1; results = 3: StreamResult { ok = 1: StreamResponse { execute = 2 | close = 1 } } }
    byte[] executeOk = message(out -> out.writeByteArray(1, message(r -> r.writeByteArray(2, executeResp))));
    byte[] closeOk = message(out -> out.writeByteArray(1, message(r -> r.writeByteArray(1, new byte[0]))));
    protobufPipeline = message(out -> {
      out.writeString(1, "b0a7c5");
      out.writeByteArray(3, executeOk);
      out.writeByteArray(3, closeOk);
    });

    check(decodeJsonServerMsg());
    check(decodeJsonPipeline());
    check(decodeProtobufServerMsg());
    check(decodeProtobufPipeline());
  }

  @Benchmark
  public ServerMsg decodeJsonServerMsg() {
    return json.decodeServerMsgText(jsonServerMsg);
  }

  @Benchmark
  public Pipeline.Response decodeJsonPipeline() {
    return json.decodePipelineResponse(jsonPipeline);
  }

  @Benchmark
  public ServerMsg decodeProtobufServerMsg() {
    return protobuf.decodeServerMsgBinary(ByteBuffer.wrap(protobufServerMsg));
  }

  @Benchmark
  public Pipeline.Response decodeProtobufPipeline() {
    return protobuf.decodePipelineResponse(protobufPipeline);
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(new OptionsBuilder().include(CodecBenchmark.class.getSimpleName()).build()).run();
  }

  // ------------------------------------------------------------------ the encoded result

  static String text(int i) {
    return String.format(java.util.Locale.ROOT, "row-%026d", i);
  }

  static byte[] blob(int i) {
    byte[] b = new byte[16];
    for (int k = 0; k < b.length; k++) {
      b[k] = (byte) (i * 31 + k);
    }
    return b;
  }

  private static String jsonStmtResult() {
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    StringBuilder s = new StringBuilder(ROWS * 200);
    s.append("{\"cols\":[{\"name\":\"i\",\"decltype\":\"INTEGER\"},{\"name\":\"s\",\"decltype\":\"TEXT\"},"
        + "{\"name\":\"r\",\"decltype\":\"REAL\"},{\"name\":\"b\",\"decltype\":\"BLOB\"},"
        + "{\"name\":\"n\",\"decltype\":\"TEXT\"}],\"rows\":[");
    for (int i = 1; i <= ROWS; i++) {
      s.append(i == 1 ? "" : ",")
          .append("[{\"type\":\"integer\",\"value\":\"").append(i).append("\"},")
          .append("{\"type\":\"text\",\"value\":\"").append(text(i)).append("\"},")
          .append("{\"type\":\"float\",\"value\":").append(i * 1.5).append("},")
          .append("{\"type\":\"blob\",\"base64\":\"").append(base64.encodeToString(blob(i))).append("\"},")
          .append("{\"type\":\"null\"}]");
    }
    s.append("],\"affected_row_count\":0,\"last_insert_rowid\":null,\"replication_index\":\"164\","
        + "\"rows_read\":1000,\"rows_written\":0,\"query_duration_ms\":0.9}");
    return s.toString();
  }

  private static byte[] protobufStmtResult() throws IOException {
    String[][] cols = {{"i", "INTEGER"}, {"s", "TEXT"}, {"r", "REAL"}, {"b", "BLOB"}, {"n", "TEXT"}};
    byte[] nullValue = message(v -> v.writeByteArray(1, new byte[0]));
    return message(out -> {
      for (String[] col : cols) {
        out.writeByteArray(1, message(c -> {
          c.writeString(1, col[0]);
          c.writeString(2, col[1]);
        }));
      }
      for (int i = 1; i <= ROWS; i++) {
        int n = i;
        out.writeByteArray(2, message(row -> {
          row.writeByteArray(1, message(v -> v.writeSInt64(2, n)));
          row.writeByteArray(1, message(v -> v.writeString(4, text(n))));
          row.writeByteArray(1, message(v -> v.writeDouble(3, n * 1.5)));
          row.writeByteArray(1, message(v -> v.writeByteArray(5, blob(n))));
          row.writeByteArray(1, nullValue);
        }));
      }
      out.writeUInt64(3, 0);
    });
  }

  private interface Body {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] message(Body body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    body.write(out);
    out.flush();
    return bytes.toByteArray();
  }

  // ------------------------------------------------------------------ sanity checks of the setup

  private static void check(ServerMsg msg) {
    if (!(msg instanceof ServerMsg.ResponseOk ok) || !(ok.response() instanceof Response.Execute execute)) {
      throw new IllegalStateException("decoded " + msg);
    }
    check(execute.result());
  }

  private static void check(Pipeline.Response response) {
    if (response.results().size() != 2
        || !(response.results().get(0).response() instanceof Response.Execute execute)) {
      throw new IllegalStateException("decoded " + response);
    }
    check(execute.result());
  }

  private static void check(StmtResult result) {
    if (result.cols().size() != 5 || result.rows().size() != ROWS) {
      throw new IllegalStateException("decoded " + result.cols().size() + " columns and " + result.rows().size() + " rows");
    }
    Object[] last = result.rows().get(ROWS - 1);
    Object integer = last[0];
    if (!(integer instanceof Number number) || number.longValue() != ROWS || !text(ROWS).equals(last[1])
        || !Double.valueOf(ROWS * 1.5).equals(last[2]) || !(last[3] instanceof byte[]) || last[4] != null) {
      throw new IllegalStateException("decoded the last row as " + java.util.Arrays.toString(last));
    }
  }
}
