package io.libsql.jdbc;

import io.libsql.client.Description;
import io.libsql.client.ResultSet;
import io.libsql.client.Statement;
import io.libsql.client.internal.sql.SqlParameters;
import io.libsql.client.internal.sql.SqlText;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.BatchUpdateException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * A prepared statement: the SQL is analysed once (kind, parameter count), parameters are kept as
 * SQLite values, and each execution sends the SQL with its arguments. Text with several statements
 * and no parameters runs as a script. {@code ?NNN}, {@code :name},
 * {@code @name} and {@code $name} parameters are bound by their SQLite index. A batch runs as one
 * client batch (one round trip, atomic in auto-commit mode). Not thread-safe.
 */
final class LibsqlPreparedStatement extends LibsqlStatement implements PreparedStatement {
  private final SqlText text;
  private final boolean rowidKeys;
  private final String[] keyColumns;
  /**
   * Several statements and no parameters: executes as a script, as {@code Statement.execute} does
   * (Flyway drops SQLite tables with {@code PRAGMA foreign_keys = OFF; DROP TABLE ...; PRAGMA
   * foreign_keys = ON} in one prepared statement).
   */
  private final boolean script;
  private Object[] params;
  private final List<Object[]> batchArgs = new ArrayList<>();
  private LibsqlResultSetMetaData lastMetaData;
  /** What SQLite said when the statement was prepared; null for scripts, or where the server cannot describe. */
  private final Description description;

  LibsqlPreparedStatement(LibsqlConnection connection, int resultSetType, String sql, boolean rowidKeys, String[] keyColumns)
      throws SQLException {
    super(connection, resultSetType);
    this.text = SqlText.of(sql);
    this.script = text.statementCount() > 1;
    if (script && text.parameterCount() > 0) {
      throw new SQLSyntaxErrorException("a prepared statement with parameters holds one SQL statement, but this text has "
          + text.statementCount() + "; run scripts without parameters", SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.state());
    }
    if (text.parameterCount() > SqlParameters.MAX_PARAMETERS) {
      throw new SQLSyntaxErrorException("the statement has " + text.parameterCount() + " parameters; SQLite takes at most "
          + SqlParameters.MAX_PARAMETERS, SqlState.PROGRAM_LIMIT_EXCEEDED.state());
    }
    this.rowidKeys = rowidKeys;
    this.keyColumns = keyColumns;
    this.params = new Object[text.parameterCount()];
    // Prepared now, as sqlite-jdbc does: a missing table or column fails here, not at execution.
    this.description = script || text.statementCount() == 0 ? null : connection.describe(sql);
  }

  private Object[] args() {
    return params.clone();
  }

  private void set(int index, Object sqlValue) throws SQLException {
    checkOpen();
    if (index < 1) {
      throw Errors.error(SqlState.INVALID_PARAMETER_INDEX, "parameter index " + index + " is out of range (they start at 1)");
    }
    if (index > params.length) {
      // Parameters the scanner did not see (SQLite reports an out-of-range index itself).
      params = Arrays.copyOf(params, index);
    }
    params[index - 1] = sqlValue;
  }

  private boolean execute(boolean scriptsAllowed) throws SQLException {
    boolean hasResults = run(text, args(), rowidKeys, keyColumns, scriptsAllowed || script);
    java.sql.ResultSet rs = getResultSet();
    if (rs != null) {
      lastMetaData = (LibsqlResultSetMetaData) rs.getMetaData();
    }
    return hasResults;
  }

  @Override
  public java.sql.ResultSet executeQuery() throws SQLException {
    execute(false);
    return resultSetOrEmpty();
  }

  @Override
  public int executeUpdate() throws SQLException {
    return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate());
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    execute(false);
    return lastRowsAffected();
  }

  @Override
  public boolean execute() throws SQLException {
    return execute(false);
  }

  private static SQLException notOnPrepared() {
    return Errors.error(SqlState.FUNCTION_SEQUENCE_ERROR,
        "a PreparedStatement runs its own SQL: call the method without a SQL argument");
  }

  @Override
  public java.sql.ResultSet executeQuery(String sql) throws SQLException {
    throw notOnPrepared();
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    throw notOnPrepared();
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    throw notOnPrepared();
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    throw notOnPrepared();
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    throw notOnPrepared();
  }

  @Override
  public void addBatch() throws SQLException {
    checkOpen();
    if (script) {
      throw new SQLSyntaxErrorException("a batch entry holds one SQL statement, but this text has " + text.statementCount(),
          SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.state());
    }
    batchArgs.add(args());
  }

  @Override
  public void clearBatch() throws SQLException {
    checkOpen();
    batchArgs.clear();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    try {
      return toInts(executeLargeBatch());
    } catch (BatchUpdateException e) {
      long[] large = e.getLargeUpdateCounts();
      BatchUpdateException b = new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(),
          toInts(large == null ? new long[0] : large), e.getCause());
      b.setNextException(e.getNextException());
      throw b;
    }
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    checkOpen();
    boolean appendReturning = keyColumns != null && text.kind().isDml() && !text.hasReturning();
    String sql = appendReturning ? text.withReturning(keyColumns) : text.sql();
    List<Statement> statements = new ArrayList<>(batchArgs.size());
    for (Object[] args : batchArgs) {
      statements.add(statement(text, sql, args));
    }
    batchArgs.clear();
    return runBatch(statements, java.util.Collections.nCopies(statements.size(), text), (keyColumns != null || rowidKeys) && text.kind().isDml());
  }

  @Override
  void batchDone(List<ResultSet> results) {
    if (keyColumns != null && text.kind().isDml() && !results.isEmpty()) {
      ResultSet first = results.get(0);
      MemoryResult keys = new MemoryResult(first.columns(), first.columnTypes());
      for (ResultSet r : results) {
        keys.addAll(Result.of(r));
      }
      setGeneratedKeys(keys);
    } else if (rowidKeys) {
      setGeneratedKeys(rowidKeys(text.kind(), results));
    }
  }

  @Override
  public void clearParameters() throws SQLException {
    checkOpen();
    Arrays.fill(params, null);
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    if (lastMetaData != null) {
      return lastMetaData;
    }
    // Before the first execution: the columns SQLite prepared (null for a statement without rows).
    if (description == null || description.columns().isEmpty()) {
      return null;
    }
    return new LibsqlResultSetMetaData(new MemoryResult(description.columns(), description.columnTypes()), () -> description);
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    checkOpen();
    return new LibsqlParameterMetaData(description != null ? description.parameterCount() : params.length);
  }

  // ---- setters ----

  @Override
  public void setNull(int index, int sqlType) throws SQLException {
    set(index, null);
  }

  @Override
  public void setNull(int index, int sqlType, String typeName) throws SQLException {
    set(index, null);
  }

  @Override
  public void setBoolean(int index, boolean x) throws SQLException {
    set(index, x ? 1L : 0L);
  }

  @Override
  public void setByte(int index, byte x) throws SQLException {
    set(index, (long) x);
  }

  @Override
  public void setShort(int index, short x) throws SQLException {
    set(index, (long) x);
  }

  @Override
  public void setInt(int index, int x) throws SQLException {
    set(index, (long) x);
  }

  @Override
  public void setLong(int index, long x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setFloat(int index, float x) throws SQLException {
    set(index, Conversions.floatToDouble(x));
  }

  @Override
  public void setDouble(int index, double x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setBigDecimal(int index, BigDecimal x) throws SQLException {
    set(index, Conversions.toSql(x));
  }

  @Override
  public void setString(int index, String x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setNString(int index, String value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setBytes(int index, byte[] x) throws SQLException {
    set(index, x == null ? null : x.clone());
  }

  /** A java.sql date, time or timestamp as the connection's date_class stores it (text in {@code cal}'s zone). */
  private Object date(java.util.Date x, Calendar cal) {
    if (x == null) {
      return null;
    }
    return connection.dateStyle().write(x.getTime(), cal == null ? ZoneId.systemDefault() : cal.getTimeZone().toZoneId());
  }

  @Override
  public void setDate(int index, Date x) throws SQLException {
    set(index, date(x, null));
  }

  @Override
  public void setDate(int index, Date x, Calendar cal) throws SQLException {
    set(index, date(x, cal));
  }

  @Override
  public void setTime(int index, Time x) throws SQLException {
    set(index, date(x, null));
  }

  @Override
  public void setTime(int index, Time x, Calendar cal) throws SQLException {
    set(index, date(x, cal));
  }

  @Override
  public void setTimestamp(int index, Timestamp x) throws SQLException {
    set(index, date(x, null));
  }

  @Override
  public void setTimestamp(int index, Timestamp x, Calendar cal) throws SQLException {
    set(index, date(x, cal));
  }

  @Override
  public void setObject(int index, Object x) throws SQLException {
    // java.util.Date and its java.sql kinds as setTimestamp stores them (sqlite-jdbc's rule)
    set(index, x instanceof java.util.Date ? date((java.util.Date) x, null) : Conversions.toSql(x));
  }

  @Override
  public void setObject(int index, Object x, int targetSqlType) throws SQLException {
    set(index, Conversions.toSql(x, targetSqlType));
  }

  @Override
  public void setObject(int index, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
    set(index, Conversions.toSql(x, targetSqlType));
  }

  @Override
  public void setObject(int index, Object x, SQLType targetSqlType) throws SQLException {
    setObject(index, x, targetSqlType == null || targetSqlType.getVendorTypeNumber() == null
        ? java.sql.Types.OTHER : targetSqlType.getVendorTypeNumber());
  }

  @Override
  public void setObject(int index, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
    setObject(index, x, targetSqlType);
  }

  @Override
  public void setAsciiStream(int index, InputStream x, int length) throws SQLException {
    setAsciiStream(index, x, (long) length);
  }

  @Override
  public void setAsciiStream(int index, InputStream x, long length) throws SQLException {
    byte[] b = Conversions.readAll(x, length);
    set(index, b == null ? null : new String(b, java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Override
  public void setAsciiStream(int index, InputStream x) throws SQLException {
    setAsciiStream(index, x, -1L);
  }

  @Override
  @Deprecated
  public void setUnicodeStream(int index, InputStream x, int length) throws SQLException {
    byte[] b = Conversions.readAll(x, length);
    set(index, b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_16BE));
  }

  @Override
  public void setBinaryStream(int index, InputStream x, int length) throws SQLException {
    set(index, Conversions.readAll(x, length));
  }

  @Override
  public void setBinaryStream(int index, InputStream x, long length) throws SQLException {
    set(index, Conversions.readAll(x, length));
  }

  @Override
  public void setBinaryStream(int index, InputStream x) throws SQLException {
    set(index, Conversions.readAll(x, -1));
  }

  @Override
  public void setCharacterStream(int index, Reader reader, int length) throws SQLException {
    set(index, Conversions.readAll(reader, length));
  }

  @Override
  public void setCharacterStream(int index, Reader reader, long length) throws SQLException {
    set(index, Conversions.readAll(reader, length));
  }

  @Override
  public void setCharacterStream(int index, Reader reader) throws SQLException {
    set(index, Conversions.readAll(reader, -1));
  }

  @Override
  public void setNCharacterStream(int index, Reader value, long length) throws SQLException {
    set(index, Conversions.readAll(value, length));
  }

  @Override
  public void setNCharacterStream(int index, Reader value) throws SQLException {
    set(index, Conversions.readAll(value, -1));
  }

  @Override
  public void setBlob(int index, Blob x) throws SQLException {
    set(index, Conversions.toSql(x));
  }

  @Override
  public void setBlob(int index, InputStream inputStream, long length) throws SQLException {
    set(index, Conversions.readAll(inputStream, length));
  }

  @Override
  public void setBlob(int index, InputStream inputStream) throws SQLException {
    set(index, Conversions.readAll(inputStream, -1));
  }

  @Override
  public void setClob(int index, Clob x) throws SQLException {
    set(index, Conversions.toSql(x));
  }

  @Override
  public void setClob(int index, Reader reader, long length) throws SQLException {
    set(index, Conversions.readAll(reader, length));
  }

  @Override
  public void setClob(int index, Reader reader) throws SQLException {
    set(index, Conversions.readAll(reader, -1));
  }

  @Override
  public void setNClob(int index, NClob value) throws SQLException {
    set(index, Conversions.toSql(value));
  }

  @Override
  public void setNClob(int index, Reader reader, long length) throws SQLException {
    set(index, Conversions.readAll(reader, length));
  }

  @Override
  public void setNClob(int index, Reader reader) throws SQLException {
    set(index, Conversions.readAll(reader, -1));
  }

  @Override
  public void setURL(int index, URL x) throws SQLException {
    set(index, x == null ? null : x.toString());
  }

  @Override
  public void setRef(int index, Ref x) throws SQLException {
    throw Errors.unsupported("REF values");
  }

  @Override
  public void setArray(int index, Array x) throws SQLException {
    throw Errors.unsupported("SQL arrays");
  }

  @Override
  public void setRowId(int index, RowId x) throws SQLException {
    throw Errors.unsupported("RowId values (bind the rowid as a long)");
  }

  @Override
  public void setSQLXML(int index, SQLXML xmlObject) throws SQLException {
    throw Errors.unsupported("SQLXML");
  }

  @Override
  public String toString() {
    return "LibsqlPreparedStatement[" + text.sql() + "]";
  }
}
