package io.libsql.client.internal.codec;

import io.libsql.client.internal.proto.ClientMsg;
import io.libsql.client.internal.proto.ServerMsg;

/** A codec whose WebSocket messages are text frames (JSON). Not API. */
public interface TextFrameCodec extends HranaCodec {
  /** The JSON text of a WebSocket client message. */
  String encodeClientMsgText(ClientMsg msg);

  /** Decodes a WebSocket text frame. */
  ServerMsg decodeServerMsgText(CharSequence text);
}
