package io.libsql.client.internal.codec;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;

/** Checks and errors shared by the codecs. Not API. */
public final class CodecSupport {
  private CodecSupport() {}

  /** A {@code HRANA_PROTO_ERROR} saying what was expected and what arrived instead. */
  public static LibsqlException protoError(String expected, String received) {
    return new LibsqlException(ErrorCode.HRANA_PROTO_ERROR, "expected " + expected + ", received " + received);
  }

  /** A {@code HRANA_PROTO_ERROR} wrapping a failure of the underlying parser. */
  public static LibsqlException protoError(String expected, String received, Throwable cause) {
    return new LibsqlException(ErrorCode.HRANA_PROTO_ERROR, "expected " + expected + ", received " + received, cause);
  }

  /**
   * Returns the number of UTF-8 bytes of {@code s}, or throws {@code ARGUMENT_INVALID} if it holds an
   * unpaired UTF-16 surrogate: sqld rejects the whole message (WebSocket close 1007, HTTP 400), and
   * Protobuf would silently replace it, so no such string is ever encoded.
   *
   * @param what names the string in the error message ("argument 2", "the SQL text"); its
   *     {@code toString()} is called only on failure
   */
  public static int utf8Length(String s, Object what) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (c < 0x800) {
        bytes += 1;
      } else if (!Character.isSurrogate(c)) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 2; // 4 bytes for the pair of 2 chars
        i++;
      } else {
        throw new LibsqlException(ErrorCode.ARGUMENT_INVALID,
            what + " has an unpaired UTF-16 surrogate at index " + i + "; it cannot be encoded as UTF-8");
      }
    }
    return bytes;
  }

  /** Throws {@code ARGUMENT_INVALID} if {@code s} holds an unpaired UTF-16 surrogate. */
  public static void checkText(String s, Object what) {
    utf8Length(s, what);
  }

  /** Throws {@code ARGUMENT_INVALID} if the text of argument {@code index} (or {@code name}) holds an unpaired surrogate. */
  public static void checkArgText(String s, int index, String name) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        checkText(s, name != null ? "argument " + name : argName(index));
        return;
      }
    }
  }

  /** The {@code ARGUMENT_INVALID} error for a value of a type no codec can send. */
  public static LibsqlException unsupportedValue(Object v, Object what) {
    return new LibsqlException(ErrorCode.ARGUMENT_INVALID, what + " has unsupported type " + v.getClass().getName()
        + "; SQL values are null, Long, Double, String or byte[]");
  }

  /** Names an argument for error messages: positional args count from 1, as SQLite does. */
  public static String argName(int index) {
    return "argument " + (index + 1);
  }
}
