package io.libsql.client.internal.proto;

/** A message from client to server over WebSocket. */
public sealed interface ClientMsg {
  /** Authenticates the connection; {@code jwt} may be null. Hrana 3 allows repeating it. */
  record Hello(String jwt) implements ClientMsg {}

  record RequestMsg(int requestId, Request request) implements ClientMsg {}
}
