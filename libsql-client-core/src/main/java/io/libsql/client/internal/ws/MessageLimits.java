package io.libsql.client.internal.ws;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message sizes on the WebSocket: the largest request sqld takes, and the request id of a response
 * too large to read (so that only its request fails). Stateless.
 */
final class MessageLimits {
  /**
   * The largest request message sent: sqld (its WebSocket library's default) drops the whole
   * connection on a longer one, failing every request on it.
   */
  static final long MAX_REQUEST_MESSAGE = 64L << 20;

  private static final Pattern JSON_REQUEST_ID = Pattern.compile("\"request_id\"\\s*:\\s*(\\d{1,9})");

  private MessageLimits() {}

  /** Fails a request too large for one WebSocket message with ARGUMENT_INVALID, before anything is sent. */
  static void checkRequestSize(Object frame) {
    long size;
    if (frame instanceof ByteBuffer) {
      size = ((ByteBuffer) frame).remaining();
    } else {
      String text = (String) frame;
      size = text.length() * 3L <= MAX_REQUEST_MESSAGE ? text.length() : utf8Length(text);
    }
    if (size > MAX_REQUEST_MESSAGE) {
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID, "the request is " + size + " bytes as a WebSocket message,"
          + " and sqld accepts at most " + MAX_REQUEST_MESSAGE + " (64 MiB), dropping the connection beyond; nothing was"
          + " sent. Send smaller arguments (sqld stores values of at most about 5 MB), or use an http: URL");
    }
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** The request id at the start of a JSON server message, or -1. */
  static int jsonRequestId(byte[] head) {
    Matcher m = JSON_REQUEST_ID.matcher(new String(head, StandardCharsets.ISO_8859_1));
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** The request id at the start of a Protobuf ServerMsg (response_ok = 3, response_error = 4; request_id = 1), or -1. */
  static int protobufRequestId(byte[] head) {
    try {
      com.google.protobuf.CodedInputStream in = com.google.protobuf.CodedInputStream.newInstance(head);
      int tag = in.readTag();
      if (tag != ((3 << 3) | 2) && tag != ((4 << 3) | 2)) {
        return -1;
      }
      in.readRawVarint32(); // the message's length
      if (in.readTag() != (1 << 3)) {
        return -1;
      }
      int id = in.readInt32();
      return id >= 0 ? id : -1;
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }
}
