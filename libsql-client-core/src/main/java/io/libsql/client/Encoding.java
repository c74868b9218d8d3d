package io.libsql.client;

/** The wire encoding of Hrana messages for remote databases. */
public enum Encoding {
  /** JSON text (hrana1-3 over WebSocket, {@code /v2} and {@code /v3} pipelines over HTTP). */
  JSON,
  /** Protocol Buffers (hrana3-protobuf over WebSocket, {@code /v3-protobuf} over HTTP). */
  PROTOBUF
}
