package io.libsql.client.internal.result;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.nio.charset.StandardCharsets;

/** Conversions of SQL values to the Java types of {@code Row}'s getters. Not API. */
final class Values {
  private Values() {}

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
