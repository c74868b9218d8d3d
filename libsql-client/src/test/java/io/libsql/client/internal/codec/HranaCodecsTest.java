package io.libsql.client.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Encoding;
import org.junit.jupiter.api.Test;

class HranaCodecsTest {
  @Test
  void singletonsPerEncoding() {
    assertSame(HranaCodecs.json(), HranaCodecs.forEncoding(Encoding.JSON));
    assertSame(HranaCodecs.protobuf(), HranaCodecs.forEncoding(Encoding.PROTOBUF));
    assertEquals(Encoding.JSON, HranaCodecs.json().encoding());
    assertEquals(Encoding.PROTOBUF, HranaCodecs.protobuf().encoding());
  }

  @Test
  void eachCodecSpeaksOneFrameKind() {
    HranaCodec json = HranaCodecs.forEncoding(Encoding.JSON);
    HranaCodec protobuf = HranaCodecs.forEncoding(Encoding.PROTOBUF);
    assertTrue(json instanceof TextFrameCodec);
    assertFalse(json instanceof BinaryFrameCodec);
    assertTrue(protobuf instanceof BinaryFrameCodec);
    assertFalse(protobuf instanceof TextFrameCodec);
  }
}
