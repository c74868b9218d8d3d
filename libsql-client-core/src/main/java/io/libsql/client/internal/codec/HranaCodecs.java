package io.libsql.client.internal.codec;

import io.libsql.client.Encoding;
import io.libsql.client.internal.codec.json.JsonCodec;
import io.libsql.client.internal.codec.protobuf.ProtobufCodec;

/**
 * The codec singletons. Codecs are stateless and thread-safe: share them. Not API.
 *
 * <pre>{@code
 * HranaCodec codec = HranaCodecs.forEncoding(Encoding.PROTOBUF);
 * byte[] body = codec.encodePipelineRequest(request);
 * }</pre>
 */
public final class HranaCodecs {
  private HranaCodecs() {}

  /** The JSON codec (hrana1-3 text frames, {@code /v2} and {@code /v3} HTTP bodies). */
  public static TextFrameCodec json() {
    return JsonCodec.INSTANCE;
  }

  /** The Protobuf codec (hrana3-protobuf binary frames, {@code /v3-protobuf} HTTP bodies). */
  public static BinaryFrameCodec protobuf() {
    return ProtobufCodec.INSTANCE;
  }

  /** The codec of {@code encoding}. */
  public static HranaCodec forEncoding(Encoding encoding) {
    switch (encoding) {
      case JSON:
        return json();
      case PROTOBUF:
        return protobuf();
      default:
        throw new IllegalArgumentException("unknown encoding " + encoding);
    }
  }
}
