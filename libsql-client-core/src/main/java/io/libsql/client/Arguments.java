package io.libsql.client;

import io.libsql.client.internal.result.Vectors;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;

/** Turns a {@link Statement}'s Java arguments into SQL values, checking them as it goes. */
final class Arguments {
  private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

  private Arguments() {}

  /**
   * Converts an argument to its SQL value: null, Long, Double, String or byte[].
   *
   * @param what names the argument in error messages ("argument 2")
   */
  static Object toSqlValue(Object v, String what) {
    if (v == null || v instanceof Long || v instanceof Double) {
      return v;
    }
    if (v instanceof String) {
      String s = (String) v;
      int bad = unpairedSurrogate(s);
      if (bad >= 0) {
        throw new LibsqlException(ErrorCode.ARGUMENT_INVALID,
            what + " is a string with an unpaired UTF-16 surrogate at index " + bad + "; it cannot be encoded as UTF-8");
      }
      return s;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float) {
      return ((Float) v).doubleValue();
    }
    if (v instanceof byte[]) {
      return v;
    }
    if (v instanceof Boolean) {
      return ((Boolean) v) ? 1L : 0L;
    }
    if (v instanceof ByteBuffer) {
      ByteBuffer b = ((ByteBuffer) v).duplicate();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      return bytes;
    }
    if (v instanceof BigInteger) {
      BigInteger bi = (BigInteger) v;
      if (bi.compareTo(MIN_LONG) < 0 || bi.compareTo(MAX_LONG) > 0) {
        throw new LibsqlException(ErrorCode.ARGUMENT_INVALID, what + " is a BigInteger outside the 64-bit range SQLite stores");
      }
      return bi.longValue();
    }
    if (v instanceof Instant) {
      return ((Instant) v).toEpochMilli();
    }
    if (v instanceof Date) {
      return ((Date) v).getTime();
    }
    if (v instanceof float[]) {
      return Vectors.f32Blob((float[]) v, what);
    }
    if (v instanceof double[]) {
      return Vectors.f64Blob((double[]) v, what);
    }
    throw new LibsqlException(ErrorCode.ARGUMENT_INVALID,
        what + " has unsupported type " + v.getClass().getName()
            + "; use null, Long, Integer, Double, String, byte[], ByteBuffer, Boolean, BigInteger, Instant, Date,"
            + " float[] or double[]");
  }

  /** The index of the first unpaired surrogate in {@code s}, or -1. */
  static int unpairedSurrogate(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }
}
