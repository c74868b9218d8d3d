package io.libsql.client.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.libsql.client.Encoding;
import io.libsql.client.internal.proto.ClientMsg;
import java.nio.ByteBuffer;
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
  void frameKindOfTheOtherEncodingIsUnsupported() {
    ClientMsg hello = new ClientMsg.Hello(null);
    assertThrows(UnsupportedOperationException.class, () -> HranaCodecs.json().encodeClientMsgBinary(hello));
    assertThrows(UnsupportedOperationException.class,
        () -> HranaCodecs.json().decodeServerMsgBinary(ByteBuffer.allocate(0)));
    assertThrows(UnsupportedOperationException.class, () -> HranaCodecs.protobuf().encodeClientMsgText(hello));
    assertThrows(UnsupportedOperationException.class, () -> HranaCodecs.protobuf().decodeServerMsgText("{}"));
  }
}
