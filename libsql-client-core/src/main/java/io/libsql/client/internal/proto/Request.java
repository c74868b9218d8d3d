package io.libsql.client.internal.proto;

/**
 * A request on a stream. Over WebSocket each is wrapped in {@link ClientMsg.RequestMsg}; over HTTP
 * the same records are the pipeline's stream requests, where {@code streamId} is ignored and
 * {@link CloseStream} is encoded as {@code close}. Cursor requests exist only over WebSocket.
 */
public sealed interface Request {
  record OpenStream(int streamId) implements Request {}

  record CloseStream(int streamId) implements Request {}

  record Execute(int streamId, Stmt stmt) implements Request {}

  record BatchReq(int streamId, Batch batch) implements Request {}

  record OpenCursor(int streamId, int cursorId, Batch batch) implements Request {}

  record CloseCursor(int cursorId) implements Request {}

  record FetchCursor(int cursorId, int maxCount) implements Request {}

  record Sequence(int streamId, String sql, Integer sqlId) implements Request {}

  record Describe(int streamId, String sql, Integer sqlId) implements Request {}

  record StoreSql(int sqlId, String sql) implements Request {}

  record CloseSql(int sqlId) implements Request {}

  record GetAutocommit(int streamId) implements Request {}
}
