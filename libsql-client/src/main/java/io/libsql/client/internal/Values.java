package io.libsql.client.internal;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/** Conversions between Java values and SQL values. Not API. */
public final class Values {
  private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

  private Values() {}

  /**
   * Converts an argument to its SQL value: null, Long, Double, String or byte[].
   *
   * @param what names the argument in error messages ("argument 2")
   */
  public static Object toSqlValue(Object v, String what) {
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
      return vectorToBlob((float[]) v);
    }
    throw new LibsqlException(ErrorCode.ARGUMENT_INVALID,
        what + " has unsupported type " + v.getClass().getName()
            + "; use null, Long, Integer, Double, String, byte[], ByteBuffer, Boolean, BigInteger, Instant, Date or float[]");
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

  /** A float32 vector as libSQL's {@code F32_BLOB}: little-endian IEEE 754 singles. */
  public static byte[] vectorToBlob(float[] vector) {
    ByteBuffer b = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : vector) {
      b.putFloat(f);
    }
    return b.array();
  }

  /** Decodes an {@code F32_BLOB}. */
  public static float[] blobToVector(byte[] blob) {
    if (blob.length % 4 != 0) {
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID,
          "a blob of " + blob.length + " bytes is not a float32 vector (its length must be a multiple of 4)");
    }
    ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[blob.length / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getFloat();
    }
    return out;
  }

  static long asLong(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof Double) {
      return (long) (double) (Double) v;
    }
    if (v instanceof String) {
      try {
        return Long.parseLong(((String) v).trim());
      } catch (NumberFormatException e) {
        throw conversion(v, "long");
      }
    }
    throw conversion(v, "long");
  }

  static double asDouble(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof Double) {
      return (Double) v;
    }
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof String) {
      try {
        return Double.parseDouble(((String) v).trim());
      } catch (NumberFormatException e) {
        throw conversion(v, "double");
      }
    }
    throw conversion(v, "double");
  }

  static String asString(Object v) {
    if (v == null || v instanceof String) {
      return (String) v;
    }
    if (v instanceof byte[]) {
      return new String((byte[]) v, StandardCharsets.UTF_8);
    }
    return v.toString();
  }

  static byte[] asBytes(Object v) {
    if (v == null || v instanceof byte[]) {
      return (byte[]) v;
    }
    if (v instanceof String) {
      return ((String) v).getBytes(StandardCharsets.UTF_8);
    }
    throw conversion(v, "byte[]");
  }

  private static LibsqlException conversion(Object v, String target) {
    String type = v instanceof byte[] ? "blob" : v instanceof String ? "text" : v.getClass().getSimpleName();
    return new LibsqlException(ErrorCode.ARGUMENT_INVALID, "cannot convert a " + type + " value to " + target);
  }
}
