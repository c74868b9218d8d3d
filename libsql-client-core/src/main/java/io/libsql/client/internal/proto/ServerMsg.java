package io.libsql.client.internal.proto;

/** A message from server to client over WebSocket. */
public sealed interface ServerMsg {
  record HelloOk() implements ServerMsg {}

  record HelloError(HranaError error) implements ServerMsg {}

  record ResponseOk(int requestId, Response response) implements ServerMsg {}

  record ResponseError(int requestId, HranaError error) implements ServerMsg {}
}
