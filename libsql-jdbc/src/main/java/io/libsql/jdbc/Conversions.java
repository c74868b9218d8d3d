package io.libsql.jdbc;

import io.libsql.client.LibsqlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.Locale;
import java.util.UUID;

/**
 * Conversions between JDBC values and SQLite values ({@code null}, {@code Long}, {@code Double},
 * {@code String}, {@code byte[]}).
 *
 * <p>Dates follow sqlite-jdbc (xerial) in its text mode: they are written as ISO-8601 text that
 * SQLite's date functions understand ({@code 2024-05-01}, {@code 2024-05-01 13:45:00.123},
 * {@code 13:45:00}); they are read from such text (with a {@code T} or a space, optional fraction,
 * optional {@code Z}/{@code +hh:mm}), from integers as epoch milliseconds, and from reals as Julian
 * day numbers. Zone-less text means local time for {@code java.sql} types (or the given
 * {@link Calendar}'s zone) and UTC for {@link Instant} and {@link OffsetDateTime}, as in SQLite's
 * own {@code datetime()}.
 */
final class Conversions {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);
  private static final long JULIAN_EPOCH_DAY_MILLIS = 210866760000000L;
  private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

  private Conversions() {}

  // ---- writing ----

  /** A JDBC argument as a SQL value for the client (which also takes {@code float[]} vectors). */
  static Object toSql(Object x) throws SQLException {
    if (x == null || x instanceof Long || x instanceof Double || x instanceof String || x instanceof byte[]) {
      return x;
    }
    if (x instanceof Integer || x instanceof Short || x instanceof Byte) {
      return ((Number) x).longValue();
    }
    if (x instanceof Boolean) {
      return ((Boolean) x) ? 1L : 0L;
    }
    if (x instanceof Float) {
      return floatToDouble((Float) x);
    }
    if (x instanceof BigDecimal) {
      return ((BigDecimal) x).toPlainString();
    }
    if (x instanceof BigInteger) {
      BigInteger b = (BigInteger) x;
      return b.compareTo(MIN_LONG) >= 0 && b.compareTo(MAX_LONG) <= 0 ? (Object) b.longValue() : b.toString();
    }
    if (x instanceof Character) {
      return x.toString();
    }
    if (x instanceof Timestamp) {
      return formatTimestamp((Timestamp) x, null);
    }
    if (x instanceof Date) {
      return formatDate((Date) x, null);
    }
    if (x instanceof Time) {
      return formatTime((Time) x, null);
    }
    if (x instanceof java.util.Date) {
      return formatTimestamp(new Timestamp(((java.util.Date) x).getTime()), null);
    }
    if (x instanceof Calendar) {
      Calendar c = (Calendar) x;
      return formatTimestamp(new Timestamp(c.getTimeInMillis()), c);
    }
    // java.time values as ISO-8601 text, their toString(), as sqlite-jdbc stores them
    if (x instanceof LocalDate || x instanceof LocalTime || x instanceof LocalDateTime || x instanceof OffsetDateTime
        || x instanceof Instant || x instanceof OffsetTime) {
      return x.toString();
    }
    if (x instanceof ZonedDateTime) {
      return ((ZonedDateTime) x).toOffsetDateTime().toString(); // without the [region], which SQLite cannot read
    }
    if (x instanceof UUID || x instanceof URL || x instanceof Enum) {
      return x.toString();
    }
    if (x instanceof float[] || x instanceof double[]) {
      // Vectors pass through: the client stores float32 (vector32) and float64 (vector64) blobs.
      return x;
    }
    if (x instanceof ByteBuffer) {
      ByteBuffer b = ((ByteBuffer) x).duplicate();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      return bytes;
    }
    if (x instanceof Blob) {
      Blob b = (Blob) x;
      return b.getBytes(1, (int) b.length());
    }
    if (x instanceof Clob) {
      Clob c = (Clob) x;
      return c.getSubString(1, (int) c.length());
    }
    if (x instanceof InputStream) {
      return readAll((InputStream) x, -1);
    }
    if (x instanceof Reader) {
      return readAll((Reader) x, -1);
    }
    throw Errors.error(SqlState.INVALID_DATA_TYPE, "cannot bind a value of type " + x.getClass().getName()
        + "; use a number, String, byte[], Boolean, BigDecimal, a java.sql or java.time date/time, UUID, float[] or double[]");
  }

  /** A value for {@code setObject(index, x, targetSqlType)}: converted to what the target type stores. */
  static Object toSql(Object x, int targetSqlType) throws SQLException {
    if (x == null) {
      return null;
    }
    switch (targetSqlType) {
      case Types.CHAR:
      case Types.VARCHAR:
      case Types.LONGVARCHAR:
      case Types.NCHAR:
      case Types.NVARCHAR:
      case Types.LONGNVARCHAR:
      case Types.CLOB:
      case Types.NCLOB: {
        Object v = toSql(x);
        if (v instanceof float[]) {
          return java.util.Arrays.toString((float[]) v); // libSQL's vector text, as vector32('[1.0, 2.0]') reads it
        }
        if (v instanceof double[]) {
          return java.util.Arrays.toString((double[]) v);
        }
        return v instanceof byte[] ? new String((byte[]) v, StandardCharsets.UTF_8) : String.valueOf(v);
      }
      case Types.BIT:
      case Types.BOOLEAN:
        return toBoolean(toSql(x)) ? 1L : 0L;
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
        return x instanceof Boolean ? toSql(x) : (Object) toLong(toSql(x));
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
        return toDouble(toSql(x));
      case Types.DATE:
        if (x instanceof java.util.Date && !(x instanceof Date)) {
          return formatDate(new Date(((java.util.Date) x).getTime()), null);
        }
        return toSql(x);
      default:
        return toSql(x);
    }
  }

  static Double floatToDouble(float f) {
    // 1.1f becomes 1.1, not 1.100000023841858: the decimal the caller wrote.
    return Float.isFinite(f) ? Double.valueOf(Float.toString(f)) : Double.valueOf(f);
  }

  static String formatTimestamp(Timestamp ts, Calendar cal) {
    LocalDateTime ldt = cal == null ? ts.toLocalDateTime()
        : LocalDateTime.ofInstant(ts.toInstant(), cal.getTimeZone().toZoneId());
    return formatLocalDateTime(ldt);
  }

  static String formatDate(Date d, Calendar cal) {
    LocalDate ld = cal == null ? d.toLocalDate()
        : Instant.ofEpochMilli(d.getTime()).atZone(cal.getTimeZone().toZoneId()).toLocalDate();
    return ld.format(DATE);
  }

  static String formatTime(Time t, Calendar cal) {
    ZoneId zone = cal == null ? ZoneId.systemDefault() : cal.getTimeZone().toZoneId();
    return formatLocalTime(Instant.ofEpochMilli(t.getTime()).atZone(zone).toLocalTime());
  }

  static String formatLocalDateTime(LocalDateTime ldt) {
    return ldt.toLocalDate().format(DATE) + " " + formatClock(ldt.toLocalTime(), true);
  }

  static String formatLocalTime(LocalTime t) {
    return formatClock(t, false);
  }

  /** {@code HH:mm:ss} plus the fraction: always 3 digits for timestamps, only when non-zero for times. */
  private static String formatClock(LocalTime t, boolean millisAlways) {
    StringBuilder sb = new StringBuilder(18);
    two(sb, t.getHour()).append(':');
    two(sb, t.getMinute()).append(':');
    two(sb, t.getSecond());
    int nanos = t.getNano();
    if (nanos != 0 || millisAlways) {
      String f = String.format(Locale.ROOT, "%09d", nanos);
      int len = 9;
      while (len > 3 && f.charAt(len - 1) == '0') {
        len--;
      }
      sb.append('.').append(f, 0, len);
    }
    return sb.toString();
  }

  private static StringBuilder two(StringBuilder sb, int v) {
    return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  private static String formatOffset(ZoneOffset offset) {
    if (offset.getTotalSeconds() == 0) {
      return "Z";
    }
    String id = offset.getId();
    return id.length() > 6 ? id.substring(0, 6) : id;
  }

  static byte[] readAll(InputStream in, long length) throws SQLException {
    if (in == null) {
      return null;
    }
    try {
      byte[] all = in.readAllBytes();
      if (length >= 0 && length < all.length) {
        byte[] cut = new byte[(int) length];
        System.arraycopy(all, 0, cut, 0, cut.length);
        return cut;
      }
      return all;
    } catch (IOException e) {
      throw new SQLException("could not read the stream: " + e.getMessage(), SqlState.GENERAL_ERROR.state(), e);
    }
  }

  static String readAll(Reader in, long length) throws SQLException {
    if (in == null) {
      return null;
    }
    try {
      StringBuilder sb = new StringBuilder();
      char[] buf = new char[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        sb.append(buf, 0, n);
        if (length >= 0 && sb.length() >= length) {
          sb.setLength((int) length);
          break;
        }
      }
      return sb.toString();
    } catch (IOException e) {
      throw new SQLException("could not read the reader: " + e.getMessage(), SqlState.GENERAL_ERROR.state(), e);
    }
  }

  // ---- reading ----

  private static SQLException cannot(Object v, String target) {
    String type = v instanceof byte[] ? "blob" : v instanceof String ? "text '" + abbreviate((String) v) + "'"
        : v instanceof Long ? "integer " + v : "real " + v;
    return Errors.data(SqlState.INVALID_CHARACTER_VALUE_FOR_CAST, "cannot read the " + type + " as " + target);
  }

  static SQLException notAVector(Object v, LibsqlException cause) {
    SQLException e = cannot(v, "a libSQL vector");
    e.initCause(cause);
    return e;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  static String toStringValue(Object v) {
    if (v == null || v instanceof String) {
      return (String) v;
    }
    if (v instanceof byte[]) {
      return new String((byte[]) v, StandardCharsets.UTF_8);
    }
    if (v instanceof Double) {
      double d = (Double) v;
      // SQLite prints integral reals with ".0" and without an exponent up to 15 digits.
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return BigDecimal.valueOf(d).setScale(1).toPlainString();
      }
    }
    return v.toString();
  }

  static long toLong(Object v) throws SQLException {
    if (v == null) {
      return 0;
    }
    if (v instanceof Boolean) {
      return ((Boolean) v) ? 1 : 0;
    }
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof Double) {
      double d = (Double) v;
      if (Double.isNaN(d) || d < -9.223372036854776E18 || d >= 9.223372036854776E18) {
        throw Errors.data(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "the real " + d + " is out of the range of a long");
      }
      return (long) d;
    }
    if (v instanceof String) {
      String s = ((String) v).trim();
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        try {
          return toLong(Double.parseDouble(s));
        } catch (NumberFormatException e2) {
          throw cannot(v, "a number");
        }
      }
    }
    throw cannot(v, "a number");
  }

  static long toLongInRange(Object v, long min, long max, String type) throws SQLException {
    long l = toLong(v);
    if (l < min || l > max) {
      throw Errors.data(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "the value " + l + " is out of the range of " + type);
    }
    return l;
  }

  static double toDouble(Object v) throws SQLException {
    if (v == null) {
      return 0;
    }
    if (v instanceof Boolean) {
      return ((Boolean) v) ? 1 : 0;
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
        throw cannot(v, "a number");
      }
    }
    throw cannot(v, "a number");
  }

  static BigDecimal toBigDecimal(Object v) throws SQLException {
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean) {
      return ((Boolean) v) ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (v instanceof Long) {
      return BigDecimal.valueOf((Long) v);
    }
    if (v instanceof Double) {
      double d = (Double) v;
      if (!Double.isFinite(d)) {
        throw cannot(v, "a BigDecimal");
      }
      return BigDecimal.valueOf(d);
    }
    if (v instanceof String) {
      try {
        return new BigDecimal(((String) v).trim());
      } catch (NumberFormatException e) {
        throw cannot(v, "a BigDecimal");
      }
    }
    throw cannot(v, "a BigDecimal");
  }

  static boolean toBoolean(Object v) throws SQLException {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    if (v instanceof Long) {
      return (Long) v != 0;
    }
    if (v instanceof Double) {
      return (Double) v != 0;
    }
    if (v instanceof String) {
      String s = ((String) v).trim().toLowerCase(Locale.ROOT);
      switch (s) {
        case "true":
        case "t":
        case "yes":
        case "y":
        case "on":
          return true;
        case "false":
        case "f":
        case "no":
        case "n":
        case "off":
        case "":
          return false;
        default:
          return toDouble(v) != 0;
      }
    }
    throw cannot(v, "a boolean");
  }

  static byte[] toBytes(Object v) {
    if (v == null || v instanceof byte[]) {
      return (byte[]) v;
    }
    return toStringValue(v).getBytes(StandardCharsets.UTF_8);
  }

  /** A parsed date/time text: the local date-time and its offset, if the text had one. */
  private static final class Parsed {
    final LocalDateTime local;
    final ZoneOffset offset;
    final boolean hasDate;

    Parsed(LocalDateTime local, ZoneOffset offset, boolean hasDate) {
      this.local = local;
      this.offset = offset;
      this.hasDate = hasDate;
    }
  }

  /** Parses SQLite's time-value text formats; null if the text is not one. */
  private static Parsed parse(String text) {
    String s = text.trim();
    int n = s.length();
    int i = 0;
    LocalDate date = LocalDate.of(1970, 1, 1);
    boolean hasDate = false;
    try {
      if (n >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
        date = LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(5, 7)),
            Integer.parseInt(s.substring(8, 10)));
        hasDate = true;
        i = 10;
        if (i == n) {
          return new Parsed(date.atStartOfDay(), null, true);
        }
        if (s.charAt(i) != 'T' && s.charAt(i) != 't' && s.charAt(i) != ' ') {
          return null;
        }
        i++;
      }
      if (i + 5 > n || s.charAt(i + 2) != ':') {
        return null;
      }
      int hour = Integer.parseInt(s.substring(i, i + 2));
      int minute = Integer.parseInt(s.substring(i + 3, i + 5));
      i += 5;
      int second = 0;
      int nanos = 0;
      if (i < n && s.charAt(i) == ':') {
        second = Integer.parseInt(s.substring(i + 1, i + 3));
        i += 3;
        if (i < n && s.charAt(i) == '.') {
          int start = ++i;
          while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
          }
          String frac = s.substring(start, Math.min(i, start + 9));
          nanos = Integer.parseInt((frac + "000000000").substring(0, 9));
        }
      }
      while (i < n && s.charAt(i) == ' ') {
        i++;
      }
      ZoneOffset offset = null;
      if (i < n) {
        String z = s.substring(i);
        if (z.equalsIgnoreCase("Z")) {
          offset = ZoneOffset.UTC;
        } else if (z.charAt(0) == '+' || z.charAt(0) == '-') {
          String digits = z.substring(1).replace(":", "");
          if (digits.length() != 4 && digits.length() != 2) {
            return null;
          }
          int hours = Integer.parseInt(digits.substring(0, 2));
          int minutes = digits.length() == 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
          int sign = z.charAt(0) == '-' ? -1 : 1;
          offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        } else {
          return null;
        }
      }
      return new Parsed(LocalDateTime.of(date, LocalTime.of(hour, minute, second, nanos)), offset, hasDate);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** An instant from a value; {@code zone} applies to zone-less text. */
  private static Instant toInstant(Object v, ZoneId zone, String target) throws SQLException {
    if (v instanceof Long) {
      return Instant.ofEpochMilli((Long) v);
    }
    if (v instanceof Double) {
      return Instant.ofEpochMilli(Math.round((Double) v * 86400000.0) - JULIAN_EPOCH_DAY_MILLIS);
    }
    if (v instanceof String) {
      String s = ((String) v).trim();
      Parsed p = parse(s);
      if (p != null) {
        return p.offset != null ? p.local.toInstant(p.offset) : p.local.atZone(zone).toInstant();
      }
      if (!s.isEmpty() && s.chars().allMatch(c -> Character.isDigit(c) || c == '-')) {
        try {
          return Instant.ofEpochMilli(Long.parseLong(s));
        } catch (NumberFormatException ignored) {
          // fall through to the error below
        }
      }
    }
    throw cannot(v, target);
  }

  private static ZoneId zone(Calendar cal) {
    return cal == null ? ZoneId.systemDefault() : cal.getTimeZone().toZoneId();
  }

  static Timestamp toTimestamp(Object v, Calendar cal) throws SQLException {
    if (v == null) {
      return null;
    }
    if (v instanceof String) {
      Parsed p = parse((String) v);
      if (p != null && p.offset == null && cal == null) {
        return Timestamp.valueOf(p.local);
      }
    }
    Instant i = toInstant(v, zone(cal), "a timestamp");
    return Timestamp.from(i);
  }

  static Date toDate(Object v, Calendar cal) throws SQLException {
    if (v == null) {
      return null;
    }
    if (v instanceof String) {
      Parsed p = parse((String) v);
      if (p != null && p.offset == null) {
        return new Date(p.local.toLocalDate().atStartOfDay(zone(cal)).toInstant().toEpochMilli());
      }
    }
    Instant i = toInstant(v, zone(cal), "a date");
    LocalDate d = i.atZone(zone(cal)).toLocalDate();
    return new Date(d.atStartOfDay(zone(cal)).toInstant().toEpochMilli());
  }

  static Time toTime(Object v, Calendar cal) throws SQLException {
    if (v == null) {
      return null;
    }
    if (v instanceof String) {
      Parsed p = parse((String) v);
      if (p != null && p.offset == null) {
        LocalDateTime at = LocalDate.of(1970, 1, 1).atTime(p.local.toLocalTime());
        return new Time(at.atZone(zone(cal)).toInstant().toEpochMilli());
      }
    }
    return new Time(toInstant(v, zone(cal), "a time").toEpochMilli());
  }

  static LocalDateTime toLocalDateTime(Object v) throws SQLException {
    if (v instanceof String) {
      Parsed p = parse((String) v);
      if (p != null) {
        return p.offset == null ? p.local : p.local.atOffset(p.offset).atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
      }
    }
    return LocalDateTime.ofInstant(toInstant(v, ZoneId.systemDefault(), "a LocalDateTime"), ZoneId.systemDefault());
  }

  static OffsetDateTime toOffsetDateTime(Object v) throws SQLException {
    if (v instanceof String) {
      Parsed p = parse((String) v);
      if (p != null) {
        return p.local.atOffset(p.offset == null ? ZoneOffset.UTC : p.offset);
      }
    }
    return toInstant(v, ZoneOffset.UTC, "an OffsetDateTime").atOffset(ZoneOffset.UTC);
  }

  static Instant toInstant(Object v) throws SQLException {
    return toInstant(v, ZoneOffset.UTC, "an Instant");
  }

  static LocalDate toLocalDate(Object v) throws SQLException {
    if (v instanceof String) {
      Parsed p = parse((String) v);
      if (p != null && p.offset == null) {
        return p.local.toLocalDate();
      }
    }
    return toLocalDateTime(v).toLocalDate();
  }

  static LocalTime toLocalTime(Object v) throws SQLException {
    if (v instanceof String) {
      Parsed p = parse((String) v);
      if (p != null && p.offset == null) {
        return p.local.toLocalTime();
      }
    }
    return toLocalDateTime(v).toLocalTime();
  }

  /** {@code ResultSet.getObject(column, type)}. */
  @SuppressWarnings("unchecked")
  static <T> T toObject(Object v, Class<T> type) throws SQLException {
    if (type == null) {
      throw Errors.error(SqlState.INVALID_ARGUMENT, "the type must not be null");
    }
    if (v == null) {
      return null;
    }
    Object out;
    if (type == String.class) {
      out = toStringValue(v);
    } else if (type == Long.class || type == long.class) {
      out = toLong(v);
    } else if (type == Integer.class || type == int.class) {
      out = (int) toLongInRange(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "an int");
    } else if (type == Short.class || type == short.class) {
      out = (short) toLongInRange(v, Short.MIN_VALUE, Short.MAX_VALUE, "a short");
    } else if (type == Byte.class || type == byte.class) {
      out = (byte) toLongInRange(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "a byte");
    } else if (type == Double.class || type == double.class) {
      out = toDouble(v);
    } else if (type == Float.class || type == float.class) {
      out = (float) toDouble(v);
    } else if (type == Boolean.class || type == boolean.class) {
      out = toBoolean(v);
    } else if (type == BigDecimal.class) {
      out = toBigDecimal(v);
    } else if (type == BigInteger.class) {
      out = v instanceof Long ? BigInteger.valueOf((Long) v) : toBigDecimal(v).toBigInteger();
    } else if (type == byte[].class) {
      out = toBytes(v);
    } else if (type == Timestamp.class) {
      out = toTimestamp(v, null);
    } else if (type == Date.class) {
      out = toDate(v, null);
    } else if (type == Time.class) {
      out = toTime(v, null);
    } else if (type == java.util.Date.class) {
      out = new java.util.Date(toTimestamp(v, null).getTime());
    } else if (type == LocalDate.class) {
      out = toLocalDate(v);
    } else if (type == LocalTime.class) {
      out = toLocalTime(v);
    } else if (type == LocalDateTime.class) {
      out = toLocalDateTime(v);
    } else if (type == OffsetDateTime.class) {
      out = toOffsetDateTime(v);
    } else if (type == ZonedDateTime.class) {
      out = toOffsetDateTime(v).toZonedDateTime();
    } else if (type == Instant.class) {
      out = toInstant(v);
    } else if (type == UUID.class) {
      out = toUuid(v);
    } else if (type == URL.class) {
      try {
        out = new URL(toStringValue(v));
      } catch (MalformedURLException e) {
        throw cannot(v, "a URL");
      }
    } else if (type == float[].class) {
      out = toVector(v);
    } else if (type == Object.class) {
      out = v;
    } else if (type.isInstance(v)) {
      out = v;
    } else {
      throw Errors.error(SqlState.INVALID_DATA_TYPE, "cannot convert a column value to " + type.getName());
    }
    return (T) out;
  }

  private static UUID toUuid(Object v) throws SQLException {
    if (v instanceof byte[] && ((byte[]) v).length == 16) {
      ByteBuffer b = ByteBuffer.wrap((byte[]) v);
      return new UUID(b.getLong(), b.getLong());
    }
    try {
      return UUID.fromString(toStringValue(v).trim());
    } catch (IllegalArgumentException e) {
      throw cannot(v, "a UUID");
    }
  }

  /** A float32 vector blob (no layout trailer) as floats; results read through the client use {@code Row.getVector}. */
  static float[] toVector(Object v) throws SQLException {
    if (v == null) {
      return null;
    }
    if (!(v instanceof byte[]) || ((byte[]) v).length % 4 != 0) {
      throw cannot(v, "a float32 vector");
    }
    ByteBuffer b = ByteBuffer.wrap((byte[]) v).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[((byte[]) v).length / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getFloat();
    }
    return out;
  }
}
