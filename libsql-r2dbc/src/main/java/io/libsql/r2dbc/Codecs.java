package io.libsql.r2dbc;

import io.r2dbc.spi.Blob;
import io.r2dbc.spi.Clob;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/**
 * Converts between Java values and the four SQLite storage classes the client returns
 * ({@code Long}, {@code Double}, {@code String}, {@code byte[]}, or null).
 *
 * <p>Dates and times are written as ISO-8601 text, which SQLite's date functions read and which
 * sorts correctly; they are read back from that text or from a number of epoch milliseconds.
 */
final class Codecs {
  private Codecs() {}

  /** True for the Java types {@link #encode} accepts (Blob and Clob are read before encoding). */
  static boolean canEncode(Class<?> type) {
    return type == Long.class || type == Integer.class || type == Short.class || type == Byte.class
        || type == Double.class || type == Float.class || type == String.class || type == Boolean.class
        || type == byte[].class || ByteBuffer.class.isAssignableFrom(type) || type == BigDecimal.class
        || type == BigInteger.class || type == LocalDate.class || type == LocalTime.class
        || type == LocalDateTime.class || type == OffsetDateTime.class || type == OffsetTime.class
        || type == ZonedDateTime.class || type == Instant.class || type == UUID.class
        || Blob.class.isAssignableFrom(type) || Clob.class.isAssignableFrom(type)
        || type == float[].class || type == double[].class || type.isEnum();
  }

  /** A value the client accepts as an argument. */
  static Object encode(Object v) {
    if (v == null || v instanceof Long || v instanceof Double || v instanceof String || v instanceof byte[]) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float) {
      return ((Float) v).doubleValue();
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
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).toPlainString();
    }
    if (v instanceof OffsetDateTime) {
      return ((OffsetDateTime) v).toString();
    }
    if (v instanceof ZonedDateTime) {
      return ((ZonedDateTime) v).toOffsetDateTime().toString();
    }
    if (v instanceof Instant || v instanceof LocalDate || v instanceof LocalTime || v instanceof LocalDateTime
        || v instanceof OffsetTime || v instanceof UUID) {
      return v.toString();
    }
    if (v instanceof Enum) {
      return ((Enum<?>) v).name();
    }
    return v; // BigInteger, float[], double[]: the client checks and converts them
  }

  /** The value of a column read as {@code type}. */
  @SuppressWarnings("unchecked")
  static <T> T decode(Object v, Class<T> type, String column) {
    if (v == null) {
      return null;
    }
    if (type == Object.class || type.isInstance(v) && !(v instanceof byte[])) {
      return (T) v;
    }
    Object r = convert(v, type, column);
    return (T) r;
  }

  private static Object convert(Object v, Class<?> type, String column) {
    try {
      if (type == Long.class || type == long.class) {
        return asLong(v, column);
      }
      if (type == Integer.class || type == int.class) {
        return Math.toIntExact(asLong(v, column));
      }
      if (type == Short.class || type == short.class) {
        long l = asLong(v, column);
        if (l != (short) l) {
          throw new ArithmeticException("overflow");
        }
        return (short) l;
      }
      if (type == Byte.class || type == byte.class) {
        long l = asLong(v, column);
        if (l != (byte) l) {
          throw new ArithmeticException("overflow");
        }
        return (byte) l;
      }
      if (type == Double.class || type == double.class) {
        return v instanceof Number ? ((Number) v).doubleValue() : Double.parseDouble(text(v, column));
      }
      if (type == Float.class || type == float.class) {
        return v instanceof Number ? ((Number) v).floatValue() : Float.parseFloat(text(v, column));
      }
      if (type == Boolean.class || type == boolean.class) {
        if (v instanceof Number) {
          return ((Number) v).doubleValue() != 0;
        }
        String s = text(v, column).trim().toLowerCase(Locale.ROOT);
        return s.equals("true") || s.equals("1");
      }
      if (type == BigDecimal.class) {
        return v instanceof Long ? BigDecimal.valueOf((Long) v)
            : v instanceof Double ? BigDecimal.valueOf((Double) v) : new BigDecimal(text(v, column).trim());
      }
      if (type == BigInteger.class) {
        return v instanceof Long ? BigInteger.valueOf((Long) v) : new BigInteger(text(v, column).trim());
      }
      if (type == String.class) {
        return v instanceof byte[] ? new String((byte[]) v, StandardCharsets.UTF_8) : String.valueOf(v);
      }
      if (type == byte[].class) {
        return v instanceof byte[] ? ((byte[]) v).clone() : String.valueOf(v).getBytes(StandardCharsets.UTF_8);
      }
      if (type == ByteBuffer.class) {
        return ByteBuffer.wrap((byte[]) convert(v, byte[].class, column));
      }
      if (type == Blob.class) {
        return Lobs.blob((byte[]) convert(v, byte[].class, column));
      }
      if (type == Clob.class) {
        return Lobs.clob((String) convert(v, String.class, column));
      }
      if (type == UUID.class) {
        return UUID.fromString(text(v, column));
      }
      if (type == Instant.class) {
        return v instanceof Number ? Instant.ofEpochMilli(((Number) v).longValue()) : parseInstant(text(v, column));
      }
      if (type == LocalDateTime.class) {
        return v instanceof Number ? LocalDateTime.ofInstant(Instant.ofEpochMilli(((Number) v).longValue()), ZoneOffset.UTC)
            : LocalDateTime.parse(isoText(v, column));
      }
      if (type == LocalDate.class) {
        if (v instanceof Number) {
          return LocalDate.ofInstant(Instant.ofEpochMilli(((Number) v).longValue()), ZoneOffset.UTC);
        }
        String s = text(v, column);
        return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
      }
      if (type == LocalTime.class) {
        return LocalTime.parse(text(v, column));
      }
      if (type == OffsetDateTime.class) {
        return v instanceof Number ? Instant.ofEpochMilli(((Number) v).longValue()).atOffset(ZoneOffset.UTC)
            : parseInstantOrOffset(text(v, column));
      }
      if (type == ZonedDateTime.class) {
        return ((OffsetDateTime) convert(v, OffsetDateTime.class, column)).toZonedDateTime();
      }
      if (type == OffsetTime.class) {
        return OffsetTime.parse(text(v, column));
      }
      if (type.isEnum()) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object e = Enum.valueOf((Class) type, text(v, column));
        return e;
      }
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("column '" + column + "' holds " + describe(v) + ", which cannot be read as "
          + type.getSimpleName(), e);
    }
    throw new IllegalArgumentException("column '" + column + "' cannot be read as " + type.getName()
        + "; the driver reads Long, Integer, Short, Byte, Double, Float, Boolean, BigDecimal, BigInteger, String,"
        + " byte[], ByteBuffer, Blob, Clob, UUID, enums and java.time types");
  }

  private static long asLong(Object v, String column) {
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof Double) {
      double d = (Double) v;
      if (d != Math.rint(d) || d < Long.MIN_VALUE || d >= 0x1p63) {
        throw new ArithmeticException("not an integer");
      }
      return (long) d;
    }
    return Long.parseLong(text(v, column).trim());
  }

  private static String text(Object v, String column) {
    if (v instanceof byte[]) {
      throw new IllegalArgumentException("column '" + column + "' holds a blob; read it as byte[], ByteBuffer or Blob");
    }
    return v.toString();
  }

  /** SQLite's "YYYY-MM-DD HH:MM:SS" as ISO-8601. */
  private static String isoText(Object v, String column) {
    String s = text(v, column);
    return s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
  }

  private static Instant parseInstant(String s) {
    return parseInstantOrOffset(s).toInstant();
  }

  private static OffsetDateTime parseInstantOrOffset(String s) {
    String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    try {
      return OffsetDateTime.parse(iso);
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC); // SQLite's datetime() is UTC
    }
  }

  private static String describe(Object v) {
    return v instanceof byte[] ? "a blob" : v instanceof String ? "text" : v instanceof Double ? "a real" : "an integer";
  }

  /**
   * The Java type a column's values are read as by default: {@code Integer} for columns declared
   * {@code INT}, {@code INTEGER}, {@code SMALLINT}, {@code TINYINT} or {@code MEDIUMINT} (as JDBC
   * does; a value beyond the int range comes as {@code Long}), otherwise by SQLite affinity.
   *
   * @return the type, or null when the column has no declared type (then each value's own)
   */
  static Class<?> javaType(String declared) {
    if (declared == null || declared.isBlank()) {
      return null;
    }
    String t = declared.trim().toUpperCase(Locale.ROOT);
    int paren = t.indexOf('(');
    String base = (paren < 0 ? t : t.substring(0, paren)).trim();
    if (base.equals("INT") || base.equals("INTEGER") || base.equals("SMALLINT") || base.equals("TINYINT")
        || base.equals("MEDIUMINT")) {
      return Integer.class;
    }
    if (base.equals("BOOLEAN") || base.equals("BOOL")) {
      return Boolean.class;
    }
    if (t.contains("INT")) {
      return Long.class;
    }
    if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) {
      return String.class;
    }
    if (t.contains("BLOB")) {
      return ByteBuffer.class;
    }
    if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) {
      return Double.class;
    }
    return null; // NUMERIC affinity: each value's own type
  }

  /** The value read with no type asked: by the declared type, else as stored (a blob as ByteBuffer). */
  static Object decodeDefault(Object v, Class<?> declared, String column) {
    if (v == null) {
      return null;
    }
    if (declared == Integer.class && v instanceof Long) {
      long l = (Long) v;
      return l == (int) l ? (Object) (int) l : v;
    }
    if (declared == Boolean.class && v instanceof Long) {
      return ((Long) v) != 0;
    }
    if (v instanceof byte[]) {
      return ByteBuffer.wrap(((byte[]) v).clone());
    }
    if (declared == null || declared == Integer.class || declared == Boolean.class) {
      return v;
    }
    try {
      return decode(v, declared, column);
    } catch (IllegalArgumentException e) {
      return v; // SQLite stored a value of another class in this column: give it as it is
    }
  }
}
