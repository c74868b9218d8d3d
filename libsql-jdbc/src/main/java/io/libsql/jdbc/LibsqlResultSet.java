package io.libsql.jdbc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.rowset.serial.SerialBlob;
import javax.sql.rowset.serial.SerialClob;

/**
 * A result set over a complete client result (read when the statement ran). Read-only; forward-only
 * or scroll-insensitive. Values are SQLite's ({@code null}, integer, real, text, blob) converted by
 * each getter; {@code getObject} gives the storage class ({@code Integer} or {@code Long},
 * {@code Double}, {@code String}, {@code byte[]}). Not thread-safe.
 */
final class LibsqlResultSet extends ReadOnlyResultSet {
  private final LibsqlStatement statement;
  private final Result result;
  /** The number of rows visible (after maxRows). */
  private final int rowCount;
  private final int type;
  private Map<String, Integer> columnIndex;
  /** 0 before the first row, 1..n on a row, n+1 after the last. */
  private int position;
  private boolean wasNull;
  private boolean closed;
  private int fetchSize;
  private LibsqlResultSetMetaData metaData;
  private final java.util.function.Supplier<io.libsql.client.Description> describer;

  LibsqlResultSet(LibsqlStatement statement, Result result, int type, long maxRows) {
    this(statement, result, type, maxRows, () -> null);
  }

  /** {@code describer} gives the statement's description for the metadata, when first needed. */
  LibsqlResultSet(LibsqlStatement statement, Result result, int type, long maxRows,
      java.util.function.Supplier<io.libsql.client.Description> describer) {
    this.describer = describer;
    this.statement = statement;
    this.result = result;
    this.rowCount = maxRows > 0 && result.size() > maxRows ? (int) maxRows : result.size();
    this.type = type;
  }

  /** A forward-only result set not tied to a statement (metadata). */
  static LibsqlResultSet of(Result result) {
    return new LibsqlResultSet(null, result, TYPE_FORWARD_ONLY, 0);
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw Errors.resultSetClosed();
    }
  }

  private Object value(int column) throws SQLException {
    checkOpen();
    if (position < 1 || position > rowCount) {
      throw Errors.error(SqlState.INVALID_CURSOR_STATE,
          position < 1 ? "the result set is before its first row: call next()" : "the result set is after its last row");
    }
    int n = result.columns().size();
    if (column < 1 || column > n) {
      throw Errors.error(SqlState.INVALID_PARAMETER_INDEX, "column index " + column + " is out of range 1.." + n);
    }
    Object v = result.value(position - 1, column - 1);
    wasNull = v == null;
    return v;
  }

  private Object value(String label) throws SQLException {
    return value(findColumn(label));
  }

  @Override
  public int findColumn(String label) throws SQLException {
    checkOpen();
    if (label == null) {
      throw Errors.error(SqlState.COLUMN_NOT_FOUND, "the column label must not be null");
    }
    if (columnIndex == null) {
      Map<String, Integer> m = new HashMap<>();
      List<String> names = result.columns();
      for (int i = 0; i < names.size(); i++) {
        m.putIfAbsent(names.get(i).toLowerCase(Locale.ROOT), i + 1);
      }
      columnIndex = m;
    }
    Integer i = columnIndex.get(label.toLowerCase(Locale.ROOT));
    if (i == null) {
      throw Errors.error(SqlState.COLUMN_NOT_FOUND, "the result has no column named '" + label + "' (columns: "
          + String.join(", ", result.columns()) + ")");
    }
    return i;
  }

  // ---- navigation ----

  @Override
  public boolean next() throws SQLException {
    checkOpen();
    if (position <= rowCount) {
      position++;
    }
    return position <= rowCount;
  }

  private void checkScrollable() throws SQLException {
    checkOpen();
    if (type == TYPE_FORWARD_ONLY) {
      throw Errors.error(SqlState.FETCH_TYPE_OUT_OF_RANGE,
          "the result set is TYPE_FORWARD_ONLY; create the statement with TYPE_SCROLL_INSENSITIVE to scroll");
    }
  }

  @Override
  public boolean previous() throws SQLException {
    checkScrollable();
    if (position > 0) {
      position--;
    }
    return position >= 1 && position <= rowCount;
  }

  @Override
  public boolean absolute(int row) throws SQLException {
    checkScrollable();
    int n = rowCount;
    int target = row >= 0 ? row : n + 1 + row;
    position = Math.max(0, Math.min(n + 1, target));
    return position >= 1 && position <= n;
  }

  @Override
  public boolean relative(int rows) throws SQLException {
    checkScrollable();
    return absolute(Math.max(0, position + rows));
  }

  @Override
  public boolean first() throws SQLException {
    return absolute(1);
  }

  @Override
  public boolean last() throws SQLException {
    return absolute(-1);
  }

  @Override
  public void beforeFirst() throws SQLException {
    checkScrollable();
    position = 0;
  }

  @Override
  public void afterLast() throws SQLException {
    checkScrollable();
    position = rowCount + 1;
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    checkOpen();
    return position == 0 && rowCount > 0;
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    checkOpen();
    return position > rowCount && rowCount > 0;
  }

  @Override
  public boolean isFirst() throws SQLException {
    checkOpen();
    return position == 1 && rowCount > 0;
  }

  @Override
  public boolean isLast() throws SQLException {
    checkOpen();
    return position == rowCount && rowCount > 0;
  }

  @Override
  public int getRow() throws SQLException {
    checkOpen();
    return position >= 1 && position <= rowCount ? position : 0;
  }

  // ---- getters ----

  @Override
  public boolean wasNull() throws SQLException {
    checkOpen();
    return wasNull;
  }

  @Override
  public String getString(int column) throws SQLException {
    return Conversions.toStringValue(value(column));
  }

  @Override
  public boolean getBoolean(int column) throws SQLException {
    return Conversions.toBoolean(value(column));
  }

  @Override
  public byte getByte(int column) throws SQLException {
    return (byte) Conversions.toLongInRange(value(column), Byte.MIN_VALUE, Byte.MAX_VALUE, "a byte");
  }

  @Override
  public short getShort(int column) throws SQLException {
    return (short) Conversions.toLongInRange(value(column), Short.MIN_VALUE, Short.MAX_VALUE, "a short");
  }

  @Override
  public int getInt(int column) throws SQLException {
    return (int) Conversions.toLongInRange(value(column), Integer.MIN_VALUE, Integer.MAX_VALUE, "an int");
  }

  @Override
  public long getLong(int column) throws SQLException {
    return Conversions.toLong(value(column));
  }

  @Override
  public float getFloat(int column) throws SQLException {
    return (float) Conversions.toDouble(value(column));
  }

  @Override
  public double getDouble(int column) throws SQLException {
    return Conversions.toDouble(value(column));
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
    BigDecimal d = getBigDecimal(column);
    return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
  }

  @Override
  public byte[] getBytes(int column) throws SQLException {
    return Conversions.toBytes(value(column));
  }

  @Override
  public Date getDate(int column) throws SQLException {
    return Conversions.toDate(dateValue(column, null), null);
  }

  @Override
  public Time getTime(int column) throws SQLException {
    return Conversions.toTime(dateValue(column, null), null);
  }

  @Override
  public Timestamp getTimestamp(int column) throws SQLException {
    return Conversions.toTimestamp(dateValue(column, null), null);
  }

  @Override
  public InputStream getAsciiStream(int column) throws SQLException {
    String s = getString(column);
    return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  @Deprecated
  public InputStream getUnicodeStream(int column) throws SQLException {
    String s = getString(column);
    return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_16BE));
  }

  @Override
  public InputStream getBinaryStream(int column) throws SQLException {
    byte[] b = getBytes(column);
    return b == null ? null : new ByteArrayInputStream(b);
  }

  @Override
  public String getString(String label) throws SQLException {
    return getString(findColumn(label));
  }

  @Override
  public boolean getBoolean(String label) throws SQLException {
    return getBoolean(findColumn(label));
  }

  @Override
  public byte getByte(String label) throws SQLException {
    return getByte(findColumn(label));
  }

  @Override
  public short getShort(String label) throws SQLException {
    return getShort(findColumn(label));
  }

  @Override
  public int getInt(String label) throws SQLException {
    return getInt(findColumn(label));
  }

  @Override
  public long getLong(String label) throws SQLException {
    return getLong(findColumn(label));
  }

  @Override
  public float getFloat(String label) throws SQLException {
    return getFloat(findColumn(label));
  }

  @Override
  public double getDouble(String label) throws SQLException {
    return getDouble(findColumn(label));
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
    return getBigDecimal(findColumn(label), scale);
  }

  @Override
  public byte[] getBytes(String label) throws SQLException {
    return getBytes(findColumn(label));
  }

  @Override
  public Date getDate(String label) throws SQLException {
    return getDate(findColumn(label));
  }

  @Override
  public Time getTime(String label) throws SQLException {
    return getTime(findColumn(label));
  }

  @Override
  public Timestamp getTimestamp(String label) throws SQLException {
    return getTimestamp(findColumn(label));
  }

  @Override
  public InputStream getAsciiStream(String label) throws SQLException {
    return getAsciiStream(findColumn(label));
  }

  @Override
  @Deprecated
  public InputStream getUnicodeStream(String label) throws SQLException {
    return getUnicodeStream(findColumn(label));
  }

  @Override
  public InputStream getBinaryStream(String label) throws SQLException {
    return getBinaryStream(findColumn(label));
  }

  @Override
  public Object getObject(int column) throws SQLException {
    Object v = value(column);
    if (v instanceof Long && !SqliteTypes.isLongType(result.columnTypes().get(column - 1))) {
      long l = (Long) v;
      if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
        return (int) l;
      }
    }
    return v;
  }

  @Override
  public Object getObject(String label) throws SQLException {
    return getObject(findColumn(label));
  }

  @Override
  public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
    return getObject(column);
  }

  @Override
  public Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
    return getObject(findColumn(label));
  }

  @Override
  public <T> T getObject(int column, Class<T> type) throws SQLException {
    Object v = value(column);
    if (type == float[].class && v != null) {
      // Row.getVector: any libSQL vector layout (vector32, vector64, vector16, ...) as float32.
      return type.cast(result.vector(position - 1, column - 1));
    }
    if (type != null && DATE_TYPES.contains(type)) {
      v = dateValue(column, null);
    }
    return Conversions.toObject(v, type);
  }

  private static final java.util.Set<Class<?>> DATE_TYPES = java.util.Set.of(java.sql.Timestamp.class, java.sql.Date.class,
      java.sql.Time.class, java.util.Date.class, java.time.LocalDate.class, java.time.LocalTime.class,
      java.time.LocalDateTime.class, java.time.OffsetDateTime.class, java.time.ZonedDateTime.class, java.time.Instant.class);

  /** A value for a date getter, read in the connection's date style (an empty string is null). */
  private Object dateValue(int column, java.util.Calendar cal) throws SQLException {
    DateStyle style = statement == null ? DateStyle.DEFAULT : statement.connection.dateStyle();
    return style.read(value(column), cal == null ? java.time.ZoneId.systemDefault() : cal.getTimeZone().toZoneId());
  }

  @Override
  public <T> T getObject(String label, Class<T> type) throws SQLException {
    return getObject(findColumn(label), type);
  }

  @Override
  public Reader getCharacterStream(int column) throws SQLException {
    String s = getString(column);
    return s == null ? null : new StringReader(s);
  }

  @Override
  public Reader getCharacterStream(String label) throws SQLException {
    return getCharacterStream(findColumn(label));
  }

  @Override
  public BigDecimal getBigDecimal(int column) throws SQLException {
    return Conversions.toBigDecimal(value(column));
  }

  @Override
  public BigDecimal getBigDecimal(String label) throws SQLException {
    return getBigDecimal(findColumn(label));
  }

  @Override
  public Date getDate(int column, Calendar cal) throws SQLException {
    return Conversions.toDate(dateValue(column, cal), cal);
  }

  @Override
  public Date getDate(String label, Calendar cal) throws SQLException {
    return getDate(findColumn(label), cal);
  }

  @Override
  public Time getTime(int column, Calendar cal) throws SQLException {
    return Conversions.toTime(dateValue(column, cal), cal);
  }

  @Override
  public Time getTime(String label, Calendar cal) throws SQLException {
    return getTime(findColumn(label), cal);
  }

  @Override
  public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
    return Conversions.toTimestamp(dateValue(column, cal), cal);
  }

  @Override
  public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
    return getTimestamp(findColumn(label), cal);
  }

  @Override
  public URL getURL(int column) throws SQLException {
    return Conversions.toObject(value(column), URL.class);
  }

  @Override
  public URL getURL(String label) throws SQLException {
    return getURL(findColumn(label));
  }

  @Override
  public Blob getBlob(int column) throws SQLException {
    byte[] b = getBytes(column);
    return b == null ? null : new SerialBlob(b);
  }

  @Override
  public Blob getBlob(String label) throws SQLException {
    return getBlob(findColumn(label));
  }

  @Override
  public Clob getClob(int column) throws SQLException {
    String s = getString(column);
    return s == null ? null : new SerialClob(s.toCharArray());
  }

  @Override
  public Clob getClob(String label) throws SQLException {
    return getClob(findColumn(label));
  }

  @Override
  public NClob getNClob(int column) throws SQLException {
    throw Errors.unsupported("NClob (use getString)");
  }

  @Override
  public NClob getNClob(String label) throws SQLException {
    throw Errors.unsupported("NClob (use getString)");
  }

  @Override
  public String getNString(int column) throws SQLException {
    return getString(column);
  }

  @Override
  public String getNString(String label) throws SQLException {
    return getString(findColumn(label));
  }

  @Override
  public Reader getNCharacterStream(int column) throws SQLException {
    return getCharacterStream(column);
  }

  @Override
  public Reader getNCharacterStream(String label) throws SQLException {
    return getCharacterStream(findColumn(label));
  }

  @Override
  public Ref getRef(int column) throws SQLException {
    throw Errors.unsupported("REF values");
  }

  @Override
  public Ref getRef(String label) throws SQLException {
    throw Errors.unsupported("REF values");
  }

  @Override
  public Array getArray(int column) throws SQLException {
    throw Errors.unsupported("SQL arrays");
  }

  @Override
  public Array getArray(String label) throws SQLException {
    throw Errors.unsupported("SQL arrays");
  }

  @Override
  public RowId getRowId(int column) throws SQLException {
    throw Errors.unsupported("RowId values (select rowid as an integer)");
  }

  @Override
  public RowId getRowId(String label) throws SQLException {
    throw Errors.unsupported("RowId values (select rowid as an integer)");
  }

  @Override
  public SQLXML getSQLXML(int column) throws SQLException {
    throw Errors.unsupported("SQLXML");
  }

  @Override
  public SQLXML getSQLXML(String label) throws SQLException {
    throw Errors.unsupported("SQLXML");
  }

  // ---- the rest ----

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    if (metaData == null) {
      metaData = new LibsqlResultSetMetaData(result, describer);
    }
    return metaData;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
  }

  @Override
  public String getCursorName() throws SQLException {
    throw Errors.unsupported("named cursors");
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    if (direction != FETCH_FORWARD && (type == TYPE_FORWARD_ONLY
        || direction != FETCH_REVERSE && direction != FETCH_UNKNOWN)) {
      throw Errors.error(SqlState.INVALID_ARGUMENT, "fetch direction " + direction + " is not valid for this result set");
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    return FETCH_FORWARD;
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    if (rows < 0) {
      throw Errors.error(SqlState.INVALID_ARGUMENT, "fetch size must not be negative");
    }
    fetchSize = rows;
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    return fetchSize;
  }

  @Override
  public int getType() throws SQLException {
    checkOpen();
    return type;
  }

  @Override
  public int getConcurrency() throws SQLException {
    checkOpen();
    return CONCUR_READ_ONLY;
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public Statement getStatement() throws SQLException {
    checkOpen();
    return statement;
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    if (statement != null) {
      statement.resultSetClosed(this);
    }
  }

  /** Closes without notifying the statement (the statement is closing it). */
  void closeSilently() {
    closed = true;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw Errors.error(SqlState.INVALID_ARGUMENT, "not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
