package io.libsql.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Properties;

/**
 * How {@code java.sql} dates and times are stored, as sqlite-jdbc's {@code date_class},
 * {@code date_precision} and {@code date_string_format} say: by default epoch milliseconds
 * (INTEGER); TEXT in the format; REAL as a Julian day. {@code java.time} values are always ISO
 * text, as in sqlite-jdbc. Reading, integers are epoch milliseconds (seconds with
 * {@code date_precision=SECONDS}), text in the format or any ISO-8601 form, reals Julian days, and
 * an empty string is null. Immutable.
 */
final class DateStyle {
  enum DateClass {
    INTEGER, TEXT, REAL
  }

  static final String DEFAULT_FORMAT = "yyyy-MM-dd HH:mm:ss.SSS";
  static final DateStyle DEFAULT = new DateStyle(DateClass.INTEGER, false, DEFAULT_FORMAT);
  private static final double JULIAN_DAY_OF_EPOCH = 2440587.5;
  private static final double MILLIS_PER_DAY = 86_400_000.0;

  private final DateClass dateClass;
  private final boolean seconds;
  private final String format;
  private final DateTimeFormatter formatter;

  private DateStyle(DateClass dateClass, boolean seconds, String format) {
    this.dateClass = dateClass;
    this.seconds = seconds;
    this.format = format;
    this.formatter = DateTimeFormatter.ofPattern(format, Locale.ROOT);
  }

  /** The style the connection properties choose; a bad value fails with 08001. */
  static DateStyle of(Properties props) throws SQLException {
    String cls = LibsqlProperty.DATE_CLASS.get(props).trim().toUpperCase(Locale.ROOT);
    String precision = LibsqlProperty.DATE_PRECISION.get(props).trim().toUpperCase(Locale.ROOT);
    String format = LibsqlProperty.DATE_STRING_FORMAT.get(props);
    DateClass dateClass;
    try {
      dateClass = DateClass.valueOf(cls);
    } catch (IllegalArgumentException e) {
      throw bad("date_class must be INTEGER, TEXT or REAL, not '" + cls + "'");
    }
    if (!precision.equals("MILLISECONDS") && !precision.equals("SECONDS")) {
      throw bad("date_precision must be MILLISECONDS or SECONDS, not '" + precision + "'");
    }
    try {
      return new DateStyle(dateClass, precision.equals("SECONDS"), format);
    } catch (IllegalArgumentException e) {
      throw bad("date_string_format is not a date pattern (" + e.getMessage() + "): '" + format + "'");
    }
  }

  private static SQLException bad(String message) {
    return new SQLNonTransientConnectionException(message, SqlState.CONNECTION_UNABLE_TO_CONNECT.state());
  }

  /** The SQL value for a {@code java.sql} date, time or timestamp at {@code epochMillis}; text in {@code zone}. */
  Object write(long epochMillis, ZoneId zone) {
    switch (dateClass) {
      case TEXT:
        return formatter.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
      case REAL:
        return epochMillis / MILLIS_PER_DAY + JULIAN_DAY_OF_EPOCH;
      default:
        return seconds ? Math.floorDiv(epochMillis, 1000L) : epochMillis;
    }
  }

  /**
   * A stored value made ready for the date getters: "" is null, integers in seconds become
   * milliseconds, text in a custom format becomes epoch milliseconds (in {@code zone}).
   */
  Object read(Object v, ZoneId zone) {
    if (v instanceof String) {
      String s = (String) v;
      if (s.isEmpty()) {
        return null;
      }
      if (!format.equals(DEFAULT_FORMAT)) {
        try {
          return LocalDateTime.parse(s, formatter).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException notDateTime) {
          try {
            return LocalDate.parse(s, formatter).atStartOfDay(zone).toInstant().toEpochMilli();
          } catch (DateTimeParseException notDate) {
            return v; // ISO text, read as usual
          }
        }
      }
      return v;
    }
    if (v instanceof Long && seconds) {
      return (Long) v * 1000L;
    }
    return v;
  }
}
