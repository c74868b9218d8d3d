package io.libsql.client.internal.codec.protobuf;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.libsql.client.Encoding;
import io.libsql.client.internal.codec.CodecSupport;
import io.libsql.client.internal.codec.BinaryFrameCodec;
import io.libsql.client.internal.proto.ClientMsg;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.client.internal.proto.Pipeline;
import io.libsql.client.internal.proto.ServerMsg;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The Protobuf encoding of Hrana 3 (hrana3-protobuf binary frames, {@code /v3-protobuf} HTTP
 * bodies), read and written with protobuf-java's {@link CodedInputStream} and
 * {@link com.google.protobuf.CodedOutputStream} against field numbers written by hand from the
 * schema in the Hrana 3 specification's appendix (no generated code). Stateless and thread-safe:
 * use {@link #INSTANCE}. Not API.
 *
 * <p>Doubles travel exactly, NaN and +/-Infinity included (sqld stores NaN as NULL). Text is UTF-8:
 * invalid UTF-8 from the server is a {@code HRANA_PROTO_ERROR}, and a string with an unpaired
 * surrogate is refused with {@code ARGUMENT_INVALID} before anything is sent. Unknown fields are
 * skipped, and so are cursor entries with no known content.
 *
 * <p>A {@code BatchResult} arrives as two maps keyed by step index; it decodes to two lists of the
 * same length, one past the highest step present, padded with nulls. Steps after that one did not
 * run and are missing: readers treat an index past the end as null.
 */
public final class ProtobufCodec implements BinaryFrameCodec {
  /** The one instance. */
  public static final ProtobufCodec INSTANCE = new ProtobufCodec();

  private ProtobufCodec() {}

  @Override
  public Encoding encoding() {
    return Encoding.PROTOBUF;
  }

  @Override
  public ByteBuffer encodeClientMsgBinary(ClientMsg msg) {
    return ByteBuffer.wrap(ProtoWriter.encode(msg, ProtobufEncoder::clientMsg));
  }

  /** Decodes a binary frame without moving {@code data}'s position. */
  @Override
  public ServerMsg decodeServerMsgBinary(ByteBuffer data) {
    try {
      return ProtobufDecoder.serverMsg(CodedInputStream.newInstance(data));
    } catch (IOException | RuntimeException e) {
      throw ProtobufDecoder.wrap(e);
    }
  }

  @Override
  public byte[] encodePipelineRequest(Pipeline.Request request) {
    return ProtoWriter.encode(request, ProtobufEncoder::pipelineRequest);
  }

  @Override
  public Pipeline.Response decodePipelineResponse(byte[] body) {
    try {
      return ProtobufDecoder.pipelineResponse(CodedInputStream.newInstance(body));
    } catch (IOException | RuntimeException e) {
      throw ProtobufDecoder.wrap(e);
    }
  }

  @Override
  public byte[] encodeCursorRequest(Pipeline.CursorRequest request) {
    return ProtoWriter.encode(request, ProtobufEncoder::cursorRequest);
  }

  /**
   * Reads a {@code /v3-protobuf/cursor} body: varint-length-prefixed messages, a CursorRespBody
   * then CursorEntry messages. The reader owns {@code body} and closes it.
   */
  @Override
  public CursorReader cursorReader(InputStream body) {
    return new ProtobufCursorReader(body);
  }

  /** Reads one length-prefixed message at a time as it arrives; not thread-safe. */
  private static final class ProtobufCursorReader implements CursorReader {
    private final InputStream body;
    private final CodedInputStream in;
    private final int[] colsHint = {-1};
    private Pipeline.CursorHead head;

    ProtobufCursorReader(InputStream body) {
      this.body = body;
      this.in = CodedInputStream.newInstance(body);
    }

    @Override
    public Pipeline.CursorHead head() throws IOException {
      if (head == null) {
        try {
          if (in.isAtEnd()) {
            throw CodecSupport.protoError("a cursor response head", "an empty body");
          }
          int old = in.pushLimit(in.readRawVarint32());
          head = ProtobufDecoder.cursorHead(in);
          in.popLimit(old);
          in.resetSizeCounter();
        } catch (InvalidProtocolBufferException | RuntimeException e) {
          throw ProtobufDecoder.wrap(e);
        }
      }
      return head;
    }

    @Override
    public CursorEntry next() throws IOException {
      head();
      try {
        while (!in.isAtEnd()) {
          CursorEntry entry = ProtobufDecoder.cursorEntryField(in, colsHint);
          in.resetSizeCounter();
          if (entry != null) {
            return entry;
          }
        }
        return null;
      } catch (InvalidProtocolBufferException | RuntimeException e) {
        throw ProtobufDecoder.wrap(e);
      }
    }

    @Override
    public void close() throws IOException {
      body.close();
    }
  }
}
