package io.libsql.client.internal.http;

import io.libsql.client.Encoding;
import io.libsql.client.internal.codec.HranaCodec;
import io.libsql.client.internal.codec.HranaCodecs;

/**
 * What the server speaks, found once per transport.
 *
 * @param version the Hrana version (2 or 3)
 * @param codec the body encoding
 * @param pipelinePath e.g. {@code /v3/pipeline}
 * @param cursorPath e.g. {@code /v3/cursor}, or null when the server has no cursors (v2)
 * @param minimal true for servers that answer {@code /v2/pipeline} but know only {@code execute} and
 *     {@code batch} and keep no streams (the Turso CLI's sync server): no {@code close}, no
 *     {@code sequence}, no batons
 */
record Endpoint(int version, HranaCodec codec, String pipelinePath, String cursorPath, boolean minimal) {

  static Endpoint v3(Encoding encoding) {
    return encoding == Encoding.PROTOBUF
        ? new Endpoint(3, HranaCodecs.protobuf(), "/v3-protobuf/pipeline", "/v3-protobuf/cursor", false)
        : new Endpoint(3, HranaCodecs.json(), "/v3/pipeline", "/v3/cursor", false);
  }

  static Endpoint v2(boolean minimal) {
    return new Endpoint(2, HranaCodecs.json(), "/v2/pipeline", null, minimal);
  }

  String contentType() {
    return codec.encoding() == Encoding.PROTOBUF ? "application/x-protobuf" : "application/json";
  }

  String describe() {
    return minimal ? "a minimal Hrana-over-HTTP server (/v2/pipeline with execute and batch only)"
        : "Hrana " + version + " over HTTP (" + pipelinePath + ")";
  }
}
