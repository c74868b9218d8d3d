package io.libsql.client.internal.codec.protobuf;

import static io.libsql.client.internal.codec.CodecSupport.protoError;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the server messages of the Hrana 3 Protobuf schema. Methods whose name ends in
 * {@code Field} read a length-delimited embedded message at the stream's position; the others read
 * fields up to the current limit. Unknown fields, and known fields of an unexpected wire type, are
 * skipped, as generated Protobuf code does; the last value of a repeated singular field wins.
 */
final class ProtobufDecoder {
  private ProtobufDecoder() {}

  /**
   * Step indexes of a batch result arrive as map keys; a key above this fails instead of allocating
   * a list of that length.
   */
  static final int MAX_STEP_INDEX = 1 << 20;

  private static final ServerMsg HELLO_OK = new ServerMsg.HelloOk();
  private static final Response OPEN_STREAM = new Response.OpenStream();
  private static final Response CLOSE_STREAM = new Response.CloseStream();
  private static final Response OPEN_CURSOR = new Response.OpenCursor();
  private static final Response CLOSE_CURSOR = new Response.CloseCursor();
  private static final Response SEQUENCE = new Response.Sequence();
  private static final Response STORE_SQL = new Response.StoreSql();
  private static final Response CLOSE_SQL = new Response.CloseSql();

  private static int varint(int field) {
    return field << 3;
  }

  private static int fixed64(int field) {
    return (field << 3) | 1;
  }

  private static int ld(int field) {
    return (field << 3) | 2;
  }

  private static final int V1 = varint(1);
  private static final int V2 = varint(2);
  private static final int V3 = varint(3);
  private static final int V4 = varint(4);
  private static final int V5 = varint(5);
  private static final int V6 = varint(6);
  private static final int V7 = varint(7);
  private static final int D3 = fixed64(3);
  private static final int D8 = fixed64(8);
  private static final int L1 = ld(1);
  private static final int L2 = ld(2);
  private static final int L3 = ld(3);
  private static final int L4 = ld(4);
  private static final int L5 = ld(5);
  private static final int L6 = ld(6);
  private static final int L7 = ld(7);
  private static final int L8 = ld(8);
  private static final int L9 = ld(9);
  private static final int L10 = ld(10);
  private static final int L11 = ld(11);
  private static final int L12 = ld(12);
  private static final int L13 = ld(13);

  /** Enters a length-delimited message: returns the limit to restore with {@link #leave}. */
  private static int enter(CodedInputStream in) throws IOException {
    return in.pushLimit(in.readRawVarint32());
  }

  private static void leave(CodedInputStream in, int oldLimit) {
    in.popLimit(oldLimit);
  }

  private static void skip(CodedInputStream in, int tag) throws IOException {
    if (!in.skipField(tag)) {
      throw protoError("a field", "an end-group tag outside a group");
    }
  }

  // ---------------------------------------------------------------- hrana.ws

  /** ServerMsg: hello_ok = 1, hello_error = 2, response_ok = 3, response_error = 4. */
  static ServerMsg serverMsg(CodedInputStream in) throws IOException {
    ServerMsg msg = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == L1) {
        skip(in, tag);
        msg = HELLO_OK;
      } else if (tag == L2) {
        msg = new ServerMsg.HelloError(errorWrapperField(in, 1));
      } else if (tag == L3) {
        msg = responseOkField(in);
      } else if (tag == L4) {
        msg = responseErrorField(in);
      } else {
        skip(in, tag);
      }
    }
    if (msg == null) {
      throw protoError("a server message (hello_ok, hello_error, response_ok or response_error)", "none");
    }
    return msg;
  }

  /** A message whose field {@code field} is an Error (HelloErrorMsg, ResponseErrorMsg without its id). */
  private static HranaError errorWrapperField(CodedInputStream in, int field) throws IOException {
    int old = enter(in);
    HranaError error = null;
    int errorTag = ld(field);
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == errorTag) {
        error = errorField(in);
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    return error != null ? error : new HranaError("", null);
  }

  /** ResponseErrorMsg: request_id = 1, error = 2. */
  private static ServerMsg responseErrorField(CodedInputStream in) throws IOException {
    int old = enter(in);
    int requestId = 0;
    HranaError error = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == V1) {
        requestId = in.readInt32();
      } else if (tag == L2) {
        error = errorField(in);
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    return new ServerMsg.ResponseError(requestId, error != null ? error : new HranaError("", null));
  }

  /** ResponseOkMsg: request_id = 1, then one of the responses 2..13. */
  private static ServerMsg responseOkField(CodedInputStream in) throws IOException {
    int old = enter(in);
    int requestId = 0;
    Response response = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == V1) {
        requestId = in.readInt32();
      } else if (tag == L2) {
        skip(in, tag);
        response = OPEN_STREAM;
      } else if (tag == L3) {
        skip(in, tag);
        response = CLOSE_STREAM;
      } else if (tag == L4) {
        response = new Response.Execute(stmtResultWrapperField(in));
      } else if (tag == L5) {
        response = new Response.BatchResp(batchResultWrapperField(in));
      } else if (tag == L6) {
        skip(in, tag);
        response = OPEN_CURSOR;
      } else if (tag == L7) {
        skip(in, tag);
        response = CLOSE_CURSOR;
      } else if (tag == L8) {
        response = fetchCursorField(in);
      } else if (tag == L9) {
        skip(in, tag);
        response = SEQUENCE;
      } else if (tag == L10) {
        response = new Response.Describe(describeWrapperField(in));
      } else if (tag == L11) {
        skip(in, tag);
        response = STORE_SQL;
      } else if (tag == L12) {
        skip(in, tag);
        response = CLOSE_SQL;
      } else if (tag == L13) {
        response = getAutocommitField(in);
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    if (response == null) {
      throw protoError("a known response in response_ok", "none");
    }
    return new ServerMsg.ResponseOk(requestId, response);
  }

  /** FetchCursorResp: repeated CursorEntry entries = 1, done = 2. */
  private static Response fetchCursorField(CodedInputStream in) throws IOException {
    int old = enter(in);
    List<CursorEntry> entries = new ArrayList<>();
    boolean done = false;
    int[] colsHint = {-1};
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == L1) {
        CursorEntry entry = cursorEntryField(in, colsHint);
        if (entry != null) {
          entries.add(entry);
        }
      } else if (tag == V2) {
        done = in.readBool();
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    return new Response.FetchCursor(entries, done);
  }

  /** GetAutocommitResp / GetAutocommitStreamResp: is_autocommit = 1. */
  private static Response getAutocommitField(CodedInputStream in) throws IOException {
    int old = enter(in);
    boolean isAutocommit = false;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == V1) {
        isAutocommit = in.readBool();
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    return new Response.GetAutocommit(isAutocommit);
  }

  // ---------------------------------------------------------------- hrana.http

  /** PipelineRespBody: baton = 1, base_url = 2, repeated StreamResult results = 3. */
  static Pipeline.Response pipelineResponse(CodedInputStream in) throws IOException {
    String baton = null;
    String baseUrl = null;
    List<Pipeline.Result> results = new ArrayList<>();
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == L1) {
        baton = in.readStringRequireUtf8();
      } else if (tag == L2) {
        baseUrl = in.readStringRequireUtf8();
      } else if (tag == L3) {
        results.add(streamResultField(in));
      } else {
        skip(in, tag);
      }
    }
    return new Pipeline.Response(baton, baseUrl, results);
  }

  /** StreamResult: StreamResponse ok = 1, Error error = 2. */
  private static Pipeline.Result streamResultField(CodedInputStream in) throws IOException {
    int old = enter(in);
    Pipeline.Result result = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == L1) {
        result = new Pipeline.Result(streamResponseField(in), null);
      } else if (tag == L2) {
        result = new Pipeline.Result(null, errorField(in));
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    if (result == null) {
      throw protoError("ok or error in a pipeline result", "neither");
    }
    return result;
  }

  /** StreamResponse: close = 1, execute = 2, batch = 3, sequence = 4, describe = 5, store_sql = 6, close_sql = 7, get_autocommit = 8. */
  private static Response streamResponseField(CodedInputStream in) throws IOException {
    int old = enter(in);
    Response response = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == L1) {
        skip(in, tag);
        response = CLOSE_STREAM;
      } else if (tag == L2) {
        response = new Response.Execute(stmtResultWrapperField(in));
      } else if (tag == L3) {
        response = new Response.BatchResp(batchResultWrapperField(in));
      } else if (tag == L4) {
        skip(in, tag);
        response = SEQUENCE;
      } else if (tag == L5) {
        response = new Response.Describe(describeWrapperField(in));
      } else if (tag == L6) {
        skip(in, tag);
        response = STORE_SQL;
      } else if (tag == L7) {
        skip(in, tag);
        response = CLOSE_SQL;
      } else if (tag == L8) {
        response = getAutocommitField(in);
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    if (response == null) {
      throw protoError("a known response in an ok pipeline result", "none");
    }
    return response;
  }

  /** CursorRespBody: baton = 1, base_url = 2. */
  static Pipeline.CursorHead cursorHead(CodedInputStream in) throws IOException {
    String baton = null;
    String baseUrl = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == L1) {
        baton = in.readStringRequireUtf8();
      } else if (tag == L2) {
        baseUrl = in.readStringRequireUtf8();
      } else {
        skip(in, tag);
      }
    }
    return new Pipeline.CursorHead(baton, baseUrl);
  }

  // ---------------------------------------------------------------- hrana

  /**
   * CursorEntry: step_begin = 1, step_end = 2, step_error = 3, row = 4, error = 5,
   * replication_index = 6 (sqld's extension: a message whose field 1 is a uint64). Null for an
   * entry with none of them (sqld sends an empty entry for an absent replication index).
   */
  static CursorEntry cursorEntry(CodedInputStream in, int[] colsHint) throws IOException {
    CursorEntry entry = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == L1) {
        CursorEntry.StepBegin begin = stepBeginField(in);
        colsHint[0] = begin.cols().size();
        entry = begin;
      } else if (tag == L2) {
        entry = stepEndField(in);
      } else if (tag == L3) {
        entry = stepErrorField(in);
      } else if (tag == L4) {
        entry = new CursorEntry.Row(rowField(in, colsHint[0]));
      } else if (tag == L5) {
        entry = new CursorEntry.Error(errorField(in));
      } else if (tag == L6) {
        entry = replicationIndexField(in);
      } else {
        skip(in, tag);
      }
    }
    return entry;
  }

  static CursorEntry cursorEntryField(CodedInputStream in, int[] colsHint) throws IOException {
    int old = enter(in);
    CursorEntry entry = cursorEntry(in, colsHint);
    leave(in, old);
    return entry;
  }

  /** StepBeginEntry: step = 1, repeated Col cols = 2. */
  private static CursorEntry.StepBegin stepBeginField(CodedInputStream in) throws IOException {
    int old = enter(in);
    int step = 0;
    List<Col> cols = new ArrayList<>();
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == V1) {
        step = in.readUInt32();
      } else if (tag == L2) {
        cols.add(colField(in));
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    return new CursorEntry.StepBegin(step, cols);
  }

  /** StepEndEntry: affected_row_count = 1, optional sint64 last_insert_rowid = 2. */
  private static CursorEntry stepEndField(CodedInputStream in) throws IOException {
    int old = enter(in);
    long affected = 0;
    Long lastInsertRowid = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == V1) {
        affected = in.readUInt64();
      } else if (tag == V2) {
        lastInsertRowid = in.readSInt64();
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    return new CursorEntry.StepEnd(affected, lastInsertRowid);
  }

  /** StepErrorEntry: step = 1, Error error = 2. */
  private static CursorEntry stepErrorField(CodedInputStream in) throws IOException {
    int old = enter(in);
    int step = 0;
    HranaError error = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == V1) {
        step = in.readUInt32();
      } else if (tag == L2) {
        error = errorField(in);
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    return new CursorEntry.StepError(step, error != null ? error : new HranaError("", null));
  }

  private static CursorEntry replicationIndexField(CodedInputStream in) throws IOException {
    int old = enter(in);
    long index = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == V1) {
        index = in.readUInt64();
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    return new CursorEntry.ReplicationIndex(index);
  }

  /** ExecuteResp / ExecuteStreamResp: StmtResult result = 1. */
  private static StmtResult stmtResultWrapperField(CodedInputStream in) throws IOException {
    int old = enter(in);
    StmtResult result = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == L1) {
        result = stmtResultField(in);
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    return result != null ? result : new StmtResult(List.of(), List.of(), 0, null);
  }

  /**
   * StmtResult: repeated Col cols = 1, repeated Row rows = 2, affected_row_count = 3, optional sint64
   * last_insert_rowid = 4; sqld's statistics: optional uint64 replication_index = 5, uint64
   * rows_read = 6, uint64 rows_written = 7, double query_duration_ms = 8 (checked against sqld
   * 0.24.32). Proto3 leaves zeros out, so when any of 6 to 8 is present the absent ones are 0; when
   * none is, the server sent no statistics and all three stay null.
   */
  static StmtResult stmtResultField(CodedInputStream in) throws IOException {
    int old = enter(in);
    List<Col> cols = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    long affected = 0;
    Long lastInsertRowid = null;
    Long replicationIndex = null;
    long rowsRead = 0;
    long rowsWritten = 0;
    double duration = 0;
    boolean stats = false;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == L2) {
        rows.add(rowField(in, cols.isEmpty() ? -1 : cols.size()));
      } else if (tag == L1) {
        cols.add(colField(in));
      } else if (tag == V3) {
        affected = in.readUInt64();
      } else if (tag == V4) {
        lastInsertRowid = in.readSInt64();
      } else if (tag == V5) {
        replicationIndex = in.readUInt64();
      } else if (tag == V6) {
        rowsRead = in.readUInt64();
        stats = true;
      } else if (tag == V7) {
        rowsWritten = in.readUInt64();
        stats = true;
      } else if (tag == D8) {
        duration = in.readDouble();
        stats = true;
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    if (!stats) {
      return new StmtResult(cols, rows, affected, lastInsertRowid, null, null, null, replicationIndex);
    }
    return new StmtResult(cols, rows, affected, lastInsertRowid, rowsRead, rowsWritten, duration, replicationIndex);
  }

  /** Col: optional name = 1, optional decltype = 2. */
  private static Col colField(CodedInputStream in) throws IOException {
    int old = enter(in);
    String name = null;
    String decltype = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == L1) {
        name = in.readStringRequireUtf8();
      } else if (tag == L2) {
        decltype = in.readStringRequireUtf8();
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    return new Col(name, decltype);
  }

  /** Row: repeated Value values = 1; sized by the column count when known. */
  private static Object[] rowField(CodedInputStream in, int colsHint) throws IOException {
    int old = enter(in);
    Object[] values = new Object[colsHint >= 0 ? colsHint : 8];
    int n = 0;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == L1) {
        Object v = valueField(in);
        if (n == values.length) {
          values = Arrays.copyOf(values, n * 2 + 1);
        }
        values[n++] = v;
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    return n == values.length ? values : Arrays.copyOf(values, n);
  }

  /** Value: Null null = 1, sint64 integer = 2, double float = 3, string text = 4, bytes blob = 5. */
  private static Object valueField(CodedInputStream in) throws IOException {
    int old = enter(in);
    Object value = null;
    boolean set = false;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == V2) {
        value = in.readSInt64();
        set = true;
      } else if (tag == L4) {
        value = in.readStringRequireUtf8();
        set = true;
      } else if (tag == D3) {
        value = in.readDouble();
        set = true;
      } else if (tag == L5) {
        value = in.readByteArray();
        set = true;
      } else if (tag == L1) {
        skip(in, tag);
        value = null;
        set = true;
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    if (!set) {
      throw protoError("a value (null, integer, float, text or blob)", "an empty Value");
    }
    return value;
  }

  /** BatchResp / BatchStreamResp: BatchResult result = 1. */
  private static BatchResult batchResultWrapperField(CodedInputStream in) throws IOException {
    int old = enter(in);
    BatchResult result = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == L1) {
        result = batchResultField(in);
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    return result != null ? result : new BatchResult(new ArrayList<>(), new ArrayList<>());
  }

  /**
   * BatchResult: map&lt;uint32, StmtResult&gt; step_results = 1, map&lt;uint32, Error&gt; step_errors = 2
   * (map entries: key = 1, value = 2). Both lists come out padded with nulls to the same length, one
   * past the highest step present: steps after it that did not run are not in the lists at all.
   */
  static BatchResult batchResultField(CodedInputStream in) throws IOException {
    int old = enter(in);
    List<StmtResult> results = new ArrayList<>();
    List<HranaError> errors = new ArrayList<>();
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == L1 || tag == L2) {
        boolean isResult = tag == L1;
        int entryOld = enter(in);
        int key = 0;
        Object value = null;
        int t;
        while ((t = in.readTag()) != 0) {
          if (t == V1) {
            key = in.readUInt32();
          } else if (t == L2) {
            value = isResult ? stmtResultField(in) : errorField(in);
          } else {
            skip(in, t);
          }
        }
        leave(in, entryOld);
        if (key < 0 || key >= MAX_STEP_INDEX) {
          throw protoError("a batch step index below " + MAX_STEP_INDEX, Integer.toUnsignedString(key));
        }
        if (isResult) {
          pad(results, key + 1);
          results.set(key, value != null ? (StmtResult) value : new StmtResult(List.of(), List.of(), 0, null));
        } else {
          pad(errors, key + 1);
          errors.set(key, value != null ? (HranaError) value : new HranaError("", null));
        }
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    int n = Math.max(results.size(), errors.size());
    pad(results, n);
    pad(errors, n);
    return new BatchResult(results, errors);
  }

  private static void pad(List<?> list, int size) {
    while (list.size() < size) {
      list.add(null);
    }
  }

  /** DescribeResp / DescribeStreamResp: DescribeResult result = 1. */
  private static DescribeResult describeWrapperField(CodedInputStream in) throws IOException {
    int old = enter(in);
    DescribeResult result = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == L1) {
        result = describeResultField(in);
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    return result != null ? result : new DescribeResult(new ArrayList<>(), new ArrayList<>(), false, false);
  }

  /**
   * DescribeResult: repeated DescribeParam params = 1 (optional name = 1), repeated DescribeCol cols
   * = 2 (name = 1, optional decltype = 2), is_explain = 3, is_readonly = 4.
   */
  private static DescribeResult describeResultField(CodedInputStream in) throws IOException {
    int old = enter(in);
    List<String> params = new ArrayList<>();
    List<Col> cols = new ArrayList<>();
    boolean isExplain = false;
    boolean isReadonly = false;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == L1) {
        params.add(colField(in).name());
      } else if (tag == L2) {
        Col col = colField(in);
        cols.add(col.name() == null ? new Col("", col.decltype()) : col);
      } else if (tag == V3) {
        isExplain = in.readBool();
      } else if (tag == V4) {
        isReadonly = in.readBool();
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    return new DescribeResult(params, cols, isExplain, isReadonly);
  }

  /** Error: message = 1, optional code = 2. */
  private static HranaError errorField(CodedInputStream in) throws IOException {
    int old = enter(in);
    String message = "";
    String code = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (tag == L1) {
        message = in.readStringRequireUtf8();
      } else if (tag == L2) {
        code = in.readStringRequireUtf8();
      } else {
        skip(in, tag);
      }
    }
    leave(in, old);
    return new HranaError(message, code);
  }

  /** Rethrows our own error, and turns anything else into HRANA_PROTO_ERROR. */
  static LibsqlException wrap(Exception e) {
    if (e instanceof LibsqlException) {
      return (LibsqlException) e;
    }
    String detail = e instanceof InvalidProtocolBufferException ? e.getMessage() : e.toString();
    return protoError("valid Hrana Protobuf", "invalid Protobuf (" + detail + ")", e);
  }
}
