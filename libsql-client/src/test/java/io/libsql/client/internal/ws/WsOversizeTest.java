package io.libsql.client.internal.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading which request an oversized (skipped) message answers, from its first bytes. */
class WsOversizeTest {
  @Test
  void jsonRequestIdFromTheHead() {
    assertEquals(17, MessageLimits.jsonRequestId(bytes("{\"type\":\"response_ok\",\"request_id\":17,\"response\":{\"type\":\"ex")));
    assertEquals(3, MessageLimits.jsonRequestId(bytes("{\"type\":\"response_error\", \"request_id\" : 3, \"error\"")));
    assertEquals(-1, MessageLimits.jsonRequestId(bytes("{\"type\":\"response_ok\",\"response\":{\"result\":{\"rows\":[[")));
    assertEquals(-1, MessageLimits.jsonRequestId(bytes("{\"type\":\"hello_ok\"}")));
  }

  @Test
  void protobufRequestIdFromTheHead() {
    // ServerMsg{response_ok(3) = {request_id(1) = 300, response(2) = ...}}, cut short.
    byte[] ok = {0x1a, (byte) 0x80, (byte) 0x80, 0x10, 0x08, (byte) 0xac, 0x02, 0x12, (byte) 0xff};
    assertEquals(300, MessageLimits.protobufRequestId(ok));
    byte[] error = {0x22, 0x05, 0x08, 0x07, 0x12, 0x01};
    assertEquals(7, MessageLimits.protobufRequestId(error));
    assertEquals(-1, MessageLimits.protobufRequestId(new byte[] {0x0a, 0x00})); // hello_ok
    assertEquals(-1, MessageLimits.protobufRequestId(new byte[] {0x1a}));
    assertEquals(-1, MessageLimits.protobufRequestId(new byte[] {0x1a, 0x03, 0x12, 0x01, 0x00})); // no id first
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
