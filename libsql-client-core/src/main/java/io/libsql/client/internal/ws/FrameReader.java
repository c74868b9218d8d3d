package io.libsql.client.internal.ws;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.codec.BinaryFrameCodec;
import io.libsql.client.internal.codec.HranaCodec;
import io.libsql.client.internal.codec.TextFrameCodec;
import io.libsql.client.internal.proto.ServerMsg;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * The receiving side of one connection, as the socket's listener: reassembles messages delivered in
 * parts, enforces {@code maxResponseSize}, decodes server messages and hands them to the
 * connection. Runs on the socket's reader thread only (the socket calls a listener sequentially),
 * so its buffers need no lock.
 */
final class FrameReader implements WebSocket.Listener, SocketWebSocket.SizeLimited {
  private final WsConnection conn;
  private final Liveness liveness;
  private final LongSupplier maxResponseSize;
  private final String redactedUrl;

  private StringBuilder textParts;
  private byte[] binaryParts;
  private int binaryLength;

  FrameReader(WsConnection conn, Liveness liveness, LongSupplier maxResponseSize, String redactedUrl) {
    this.conn = conn;
    this.liveness = liveness;
    this.maxResponseSize = maxResponseSize;
    this.redactedUrl = redactedUrl;
  }

  @Override
  public void onOpen(WebSocket socket) {
    conn.opened(socket);
  }

  @Override
  public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
    conn.closedByServer(statusCode, reason);
    return null;
  }

  @Override
  public void onError(WebSocket socket, Throwable error) {
    conn.lost(error);
  }

  @Override
  public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
    liveness.received();
    socket.request(1);
    return null;
  }

  // ---------------------------------------------------------------- oversized messages

  @Override
  public long maxMessageSize() {
    return maxResponseSize.getAsLong();
  }

  /**
   * A message larger than {@code maxResponseSize} was skipped by the socket: the request it answers
   * (its id is near the start: sqld writes {@code request_id} before the response) fails with
   * RESPONSE_TOO_LARGE and the connection goes on. If the id cannot be read, the connection is
   * dropped and everything in flight fails with RESPONSE_TOO_LARGE.
   */
  @Override
  public void onMessageTooLarge(WebSocket socket, boolean text, byte[] head, long length) {
    liveness.received();
    long max = maxMessageSize();
    int id = conn.binary() ? MessageLimits.protobufRequestId(head) : MessageLimits.jsonRequestId(head);
    String what = "a response of " + length + " bytes from " + redactedUrl + " is more than maxResponseSize (" + max
        + " bytes)";
    String advice = "; raise Config.Builder.maxResponseSize, or read large results with stream()";
    if (id < 0 || !conn.completeWith(id, null, new LibsqlException(ErrorCode.RESPONSE_TOO_LARGE,
        what + "; the statement may have run on the server" + advice))) {
      conn.fail(new LibsqlException(ErrorCode.RESPONSE_TOO_LARGE, what + ", and the connection was dropped; requests in flight"
          + " on it may or may not have been executed" + advice), true);
      return;
    }
    socket.request(1);
  }

  /**
   * For the JDK's WebSocket, which delivers messages in parts and cannot skip one: drops the
   * connection once a message grows past the limit.
   */
  private boolean partsTooLarge(long size) {
    long max = maxMessageSize();
    if (size <= max) {
      return false;
    }
    conn.fail(new LibsqlException(ErrorCode.RESPONSE_TOO_LARGE, "a response from " + redactedUrl + " is more than"
        + " maxResponseSize (" + max + " bytes), and the connection was dropped; requests in flight on it may or may not"
        + " have been executed; raise Config.Builder.maxResponseSize, or read large results with stream()"), true);
    return true;
  }

  // ---------------------------------------------------------------- receiving

  @Override
  public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
    liveness.received();
    if (partsTooLarge((textParts == null ? 0 : textParts.length()) + (long) data.length())) {
      textParts = null;
      return null;
    }
    if (!last) {
      if (textParts == null) {
        textParts = new StringBuilder(Math.max(1024, data.length() * 2));
      }
      textParts.append(data);
      socket.request(1);
      return null;
    }
    CharSequence text = data;
    if (textParts != null && textParts.length() > 0) {
      textParts.append(data);
      text = textParts;
    }
    ServerMsg msg = null;
    try {
      if (conn.binary()) {
        conn.protocolViolation("the server sent a text frame on a protobuf connection", null);
        return null;
      }
      msg = ((TextFrameCodec) codec()).decodeServerMsgText(text);
    } catch (RuntimeException e) {
      conn.protocolViolation("the server sent a frame that cannot be decoded: " + e.getMessage(), e);
      return null;
    } finally {
      if (textParts != null) {
        if (textParts.capacity() > (1 << 20)) {
          textParts = null;
        } else {
          textParts.setLength(0);
        }
      }
    }
    conn.dispatch(msg);
    socket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
    liveness.received();
    if (partsTooLarge((long) binaryLength + data.remaining())) {
      binaryParts = null;
      binaryLength = 0;
      return null;
    }
    if (!last || binaryLength > 0) {
      int n = data.remaining();
      if (binaryParts == null || binaryParts.length - binaryLength < n) {
        int want = Math.max(binaryLength + n, binaryParts == null ? 4096 : binaryParts.length * 2);
        binaryParts = binaryParts == null ? new byte[want] : Arrays.copyOf(binaryParts, want);
      }
      data.get(binaryParts, binaryLength, n);
      binaryLength += n;
      if (!last) {
        socket.request(1);
        return null;
      }
      data = ByteBuffer.wrap(binaryParts, 0, binaryLength);
    }
    ServerMsg msg;
    try {
      if (!conn.binary()) {
        conn.protocolViolation("the server sent a binary frame on a JSON connection", null);
        return null;
      }
      msg = ((BinaryFrameCodec) codec()).decodeServerMsgBinary(data);
    } catch (RuntimeException e) {
      conn.protocolViolation("the server sent a frame that cannot be decoded: " + e.getMessage(), e);
      return null;
    } finally {
      binaryLength = 0;
      if (binaryParts != null && binaryParts.length > (1 << 20)) {
        binaryParts = null;
      }
    }
    conn.dispatch(msg);
    socket.request(1);
    return null;
  }

  private HranaCodec codec() {
    return conn.codec();
  }
}
