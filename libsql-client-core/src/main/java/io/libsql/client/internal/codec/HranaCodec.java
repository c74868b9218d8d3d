package io.libsql.client.internal.codec;

import io.libsql.client.Encoding;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.client.internal.proto.Pipeline;
import java.io.IOException;
import java.io.InputStream;

/**
 * Encodes and decodes Hrana messages in one encoding; stateless and thread-safe. Decoders throw
 * {@code LibsqlException(HRANA_PROTO_ERROR)} on malformed input, never another runtime exception.
 * Not API.
 *
 * <p>Over WebSocket, JSON travels in text frames and Protobuf in binary frames: each codec is also a
 * {@link TextFrameCodec} or a {@link BinaryFrameCodec}, and promises only the frames it speaks.
 */
public interface HranaCodec {
  Encoding encoding();

  /** The body of {@code POST .../pipeline}. */
  byte[] encodePipelineRequest(Pipeline.Request request);

  Pipeline.Response decodePipelineResponse(byte[] body);

  /** The body of {@code POST .../cursor}. */
  byte[] encodeCursorRequest(Pipeline.CursorRequest request);

  /** Reads a cursor response body incrementally: the head first, then entries until null. */
  CursorReader cursorReader(InputStream body);

  /** Reads a streamed cursor body; not thread-safe. */
  interface CursorReader extends AutoCloseable {
    Pipeline.CursorHead head() throws IOException;

    /** The next entry, or null at the end of the body. */
    CursorEntry next() throws IOException;

    @Override
    void close() throws IOException;
  }
}
