package io.libsql.client.internal.codec;

import io.libsql.client.internal.proto.ClientMsg;
import io.libsql.client.internal.proto.ServerMsg;
import java.nio.ByteBuffer;

/** A codec whose WebSocket messages are binary frames (Protobuf). Not API. */
public interface BinaryFrameCodec extends HranaCodec {
  /** The Protobuf bytes of a WebSocket client message. */
  ByteBuffer encodeClientMsgBinary(ClientMsg msg);

  /** Decodes a WebSocket binary frame. */
  ServerMsg decodeServerMsgBinary(ByteBuffer data);
}
