package io.libsql.client.internal.local;

import io.libsql.client.Description;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Row;
import io.libsql.client.Statement;
import io.libsql.client.TransactionMode;
import io.libsql.client.internal.result.ArrayResultSet;
import io.libsql.client.internal.result.ArrayRow;
import io.libsql.client.internal.result.Columns;
import io.libsql.client.internal.StatementChecks;
import io.libsql.client.internal.sql.SqlParameters;
import io.libsql.client.internal.sql.SqlText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;

/**
 * One sqlite-jdbc connection and what runs on it: statements (with a small prepared-statement
 * cache), transactions, scripts. Used by one thread at a time (the engine guarantees it).
 */
final class LocalConnection implements AutoCloseable {
  private static final int CACHE_SIZE = 32;
  /** A table's columns: name, declared type, NOT NULL flag. */
  private static final String TABLE_COLUMNS_SQL = "SELECT name, type, \"notnull\" FROM pragma_table_xinfo(?)";
  private static final int SQLITE_INTEGER = 1;
  private static final int SQLITE_FLOAT = 2;
  private static final int SQLITE_TEXT = 3;
  private static final int SQLITE_BLOB = 4;

  private final SQLiteConnection conn;
  private final DB db;
  private final Map<String, PreparedStatement> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
          if (size() > CACHE_SIZE) {
            closeQuietly(eldest.getValue());
            return true;
          }
          return false;
        }
      };
  private PreparedStatement lastInsertRowid;

  LocalConnection(Connection conn) {
    this.conn = (SQLiteConnection) conn;
    this.db = this.conn.getDatabase();
  }

  ResultSet execute(Statement s) {
    StatementChecks.check(s);
    return run(s);
  }

  /** Runs a statement that passed {@link StatementChecks}. */
  private ResultSet run(Statement s) {
    PreparedStatement ps = null;
    try {
      ps = cached(s.sql());
      return run(ps, s);
    } catch (SQLException e) {
      LibsqlException mapped = SqliteErrors.map(e);
      if (mapped.code().equals("SQLITE_INTERRUPT")) {
        // SQLite keeps interrupting new statements (ROLLBACK included) until no statement of the
        // connection is active; cached ones that stopped on a row count: finalize them all.
        finalizeCached();
        ps = null;
      }
      throw mapped;
    } finally {
      if (ps != null) {
        try {
          ps.clearParameters();
        } catch (SQLException finalized) {
          // sqlite-jdbc finalizes a statement whose step failed with a plain SQLITE_ERROR (a function's
          // error, integer overflow): forget it so the next call prepares it again.
          cache.remove(s.sql());
          closeQuietly(ps);
        }
      }
    }
  }

  /**
   * Prepares {@code sql} afresh (a cached statement still shows the columns of the schema it was
   * prepared against until it runs) and caches it, so running it next costs no second prepare.
   */
  Description describe(String sql) {
    try {
      PreparedStatement ps = conn.prepareStatement(sql);
      PreparedStatement old = cache.put(sql, ps);
      if (old != null) {
        closeQuietly(old);
      }
      Columns columns = columns(ps);
      return new Description(ps.getParameterMetaData().getParameterCount(), columns.names(), columns.types(),
          origins(ps, columns));
    } catch (SQLException e) {
      throw SqliteErrors.map(e);
    }
  }

  /**
   * Each column's table ({@code sqlite3_column_table_name}) and what the table declares of it. SQLite
   * gives Java the column's result name, not its name in the table, so a column is matched by name
   * and accepted only when its declared type is the result column's (a column renamed with AS to
   * another column's name otherwise passes for it); unmatched, its nullability is unknown.
   */
  private List<Description.Origin> origins(PreparedStatement ps, Columns columns) throws SQLException {
    CoreStatement core = (CoreStatement) ps;
    int n = columns.size();
    String[] tables = core.pointer.safeRun((db, ptr) -> {
      String[] t = new String[n];
      for (int i = 0; i < n; i++) {
        t[i] = db.column_table_name(ptr, i);
      }
      return t;
    });
    List<Description.Origin> out = new ArrayList<>(n);
    java.sql.ResultSetMetaData sqliteMeta = null;
    // per table: column name (lower case) -> {declared type, notnull}
    Map<String, Map<String, String[]>> declared = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      if (tables[i] == null) {
        out.add(null);
        continue;
      }
      Map<String, String[]> table = declared.get(tables[i]);
      if (table == null) {
        table = tableColumns(tables[i]);
        declared.put(tables[i], table);
      }
      String[] column = table.get(columns.names().get(i).toLowerCase(Locale.ROOT));
      Boolean notNull = null;
      boolean autoIncrement = false;
      if (column != null && column[0].equalsIgnoreCase(columns.types().get(i))) {
        notNull = !column[1].equals("0");
        if (sqliteMeta == null) {
          sqliteMeta = ps.getMetaData();
        }
        // sqlite3_table_column_metadata of this very column
        autoIncrement = sqliteMeta.isAutoIncrement(i + 1);
      }
      out.add(new Description.Origin(tables[i], notNull, autoIncrement));
    }
    return out;
  }

  /** The declared type and NOT NULL flag of each column of {@code table}, by lower-case name. */
  private Map<String, String[]> tableColumns(String table) throws SQLException {
    PreparedStatement q = cached(TABLE_COLUMNS_SQL);
    try {
      q.setString(1, table);
      Map<String, String[]> out = new java.util.HashMap<>();
      try (java.sql.ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.putIfAbsent(rs.getString(1).toLowerCase(Locale.ROOT), new String[] {rs.getString(2), rs.getString(3)});
        }
      }
      return out;
    } finally {
      q.clearParameters();
    }
  }

  private PreparedStatement cached(String sql) throws SQLException {
    PreparedStatement ps = cache.get(sql);
    if (ps == null || ps.isClosed()) {
      ps = conn.prepareStatement(sql);
      cache.put(sql, ps);
    }
    return ps;
  }

  private ResultSet run(PreparedStatement ps, Statement s) throws SQLException {
    bindTo(ps, s);
    long changesBefore = db.total_changes();
    boolean hasRows = ps.execute();
    Columns columns = columns(ps);
    List<Row> rows;
    if (hasRows || columns.size() > 0) {
      rows = new ArrayList<>();
      try (java.sql.ResultSet rs = ps.getResultSet()) {
        if (rs != null) {
          CoreStatement core = (CoreStatement) ps;
          int n = columns.size();
          while (rs.next()) {
            rows.add(new ArrayRow(columns, readRow(core, n)));
          }
        }
      }
    } else {
      rows = Collections.emptyList();
    }
    long affected = 0;
    Long rowid = null;
    if (db.total_changes() != changesBefore) {
      affected = db.changes();
      if (isInsert(s.sql())) {
        rowid = lastInsertRowid();
      }
    }
    return new ArrayResultSet(columns, rows, affected, rowid);
  }

  private Long lastInsertRowid() throws SQLException {
    if (lastInsertRowid == null) {
      lastInsertRowid = conn.prepareStatement("SELECT last_insert_rowid()");
    }
    try (java.sql.ResultSet rs = lastInsertRowid.executeQuery()) {
      return rs.next() ? rs.getLong(1) : null;
    }
  }

  static boolean isInsert(String sql) {
    SqlText text = SqlText.of(sql);
    return text.kind() == SqlText.Kind.INSERT || text.firstWord().equals("WITH");
  }

  static void bindTo(PreparedStatement ps, Statement s) throws SQLException {
    // SQLite's own count decides; it differs from the lexical one only for odd SQL (e.g. $a::b)
    int parameters = ps.getParameterMetaData().getParameterCount();
    if (!s.namedArgs().isEmpty()) {
      Map<String, Integer> index = SqlParameters.scan(s.sql()).indexByName();
      for (Map.Entry<String, Object> e : SqlParameters.resolveNamed(s.sql(), s.namedArgs())) {
        Integer i = index.get(e.getKey());
        if (i == null || i > parameters) {
          throw new LibsqlException(ErrorCode.ARGUMENT_INVALID, "SQLite reads the statement's parameters differently:"
              + " it has " + parameters + ", and none is named " + e.getKey());
        }
        setValue(ps, i, e.getValue());
      }
      return;
    }
    List<Object> args = s.args();
    if (args.size() != parameters) {
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID,
          "SQLite reads the statement's parameters differently: it has " + parameters + ", not " + args.size());
    }
    for (int i = 0; i < args.size(); i++) {
      setValue(ps, i + 1, args.get(i));
    }
  }

  private static void setValue(PreparedStatement ps, int index, Object v) throws SQLException {
    if (v == null) {
      ps.setNull(index, java.sql.Types.NULL);
    } else if (v instanceof Long) {
      ps.setLong(index, (Long) v);
    } else if (v instanceof Double) {
      ps.setDouble(index, (Double) v);
    } else if (v instanceof String) {
      ps.setString(index, (String) v);
    } else {
      ps.setBytes(index, (byte[]) v);
    }
  }

  static Columns columns(PreparedStatement ps) throws SQLException {
    CoreStatement core = (CoreStatement) ps;
    return core.pointer.safeRun((db, ptr) -> {
      int n = db.column_count(ptr);
      if (n == 0) {
        return new Columns(List.of(), List.of());
      }
      List<String> names = new ArrayList<>(n);
      List<String> types = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        names.add(db.column_name(ptr, i));
        String decl = db.column_decltype(ptr, i);
        types.add(decl == null ? "" : decl);
      }
      return new Columns(names, types);
    });
  }

  /** Reads the current row straight from SQLite, one lock for the whole row. */
  static Object[] readRow(CoreStatement core, int n) throws SQLException {
    return core.pointer.safeRun((db, ptr) -> {
      Object[] values = new Object[n];
      for (int i = 0; i < n; i++) {
        switch (db.column_type(ptr, i)) {
          case SQLITE_INTEGER:
            values[i] = db.column_long(ptr, i);
            break;
          case SQLITE_FLOAT:
            values[i] = db.column_double(ptr, i);
            break;
          case SQLITE_TEXT:
            values[i] = db.column_text(ptr, i);
            break;
          case SQLITE_BLOB: {
            byte[] b = db.column_blob(ptr, i);
            values[i] = b == null ? new byte[0] : b;
            break;
          }
          default:
            values[i] = null;
        }
      }
      return values;
    });
  }

  /**
   * Runs the statements in one transaction; all apply or none. Whatever fails (an unexpected
   * failure of this client included, reported as INTERNAL_ERROR with its cause) rolls back, so the
   * connection never stays inside the batch's transaction.
   */
  List<ResultSet> batch(TransactionMode mode, List<Statement> statements) {
    StatementChecks.checkAll(statements);
    if (statements.isEmpty()) {
      return List.of();
    }
    begin(mode);
    List<ResultSet> results = new ArrayList<>(statements.size());
    int i = 0;
    try {
      for (; i < statements.size(); i++) {
        results.add(run(statements.get(i)));
      }
      commit(mode);
      return results;
    } catch (LibsqlException e) {
      rollbackOrClose(mode);
      throw i < statements.size() ? e.withStatementIndex(i) : e;
    } catch (RuntimeException e) {
      rollbackOrClose(mode);
      throw bug(e, i < statements.size() ? i : -1);
    } catch (Error e) {
      rollbackOrClose(mode);
      throw e;
    }
  }

  /**
   * Runs statements in order inside the current transaction, stopping at the first failure. As on
   * a server, a statement that does not parse fails the batch before any statement runs.
   */
  List<ResultSet> sequence(List<Statement> statements) {
    StatementChecks.checkAll(statements);
    checkSyntax(statements);
    List<ResultSet> results = new ArrayList<>(statements.size());
    for (int i = 0; i < statements.size(); i++) {
      try {
        results.add(run(statements.get(i)));
      } catch (LibsqlException e) {
        throw e.withStatementIndex(i);
      } catch (RuntimeException e) {
        throw bug(e, i);
      }
    }
    return results;
  }

  /** An unexpected failure inside this client, reported as the bug it is, with its cause. */
  static LibsqlException bug(Throwable cause, int statementIndex) {
    return new LibsqlException(ErrorCode.INTERNAL_ERROR.name(), "internal error (please report it; what the call"
        + " started was rolled back): " + cause, statementIndex, cause);
  }

  /** Fails, with its index, on the first statement that SQLite cannot parse; nothing runs. */
  private void checkSyntax(List<Statement> statements) {
    for (int i = 0; i < statements.size(); i++) {
      try {
        cached(statements.get(i).sql());
      } catch (SQLException e) {
        LibsqlException mapped = SqliteErrors.map(e);
        if (SqliteErrors.isSyntaxError(mapped)) {
          throw mapped.withStatementIndex(i);
        }
        // e.g. "no such table" for a table an earlier statement creates: the run decides.
      }
    }
  }

  void begin(TransactionMode mode) {
    try (java.sql.Statement st = conn.createStatement()) {
      if (mode == TransactionMode.READ) {
        st.execute("PRAGMA query_only = 1");
        st.execute("BEGIN DEFERRED");
      } else {
        st.execute(mode == TransactionMode.WRITE ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
      }
    } catch (SQLException e) {
      if (mode == TransactionMode.READ) {
        resetQueryOnly();
      }
      throw SqliteErrors.map(e);
    }
  }

  void commit(TransactionMode mode) {
    try (java.sql.Statement st = conn.createStatement()) {
      st.execute("COMMIT");
    } catch (SQLException e) {
      throw SqliteErrors.map(e);
    } finally {
      if (mode == TransactionMode.READ) {
        resetQueryOnly();
      }
    }
  }

  void rollback(TransactionMode mode) {
    try (java.sql.Statement st = conn.createStatement()) {
      st.execute("ROLLBACK");
    } catch (SQLException e) {
      // "no transaction is active": a statement (e.g. a failed COMMIT) already ended it.
      if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
        throw SqliteErrors.map(e);
      }
    } finally {
      if (mode == TransactionMode.READ) {
        resetQueryOnly();
      }
    }
  }

  void rollbackQuietly(TransactionMode mode) {
    try {
      rollback(mode);
    } catch (LibsqlException ignored) {
      // The original failure is what the caller needs to see.
    }
  }

  /**
   * Rolls back; if even that fails, closes the connection (SQLite then rolls back) so that no later
   * call runs inside a transaction that will never commit. The owner replaces a closed connection.
   */
  void rollbackOrClose(TransactionMode mode) {
    try {
      rollback(mode);
    } catch (RuntimeException e) {
      close();
    }
  }

  private void resetQueryOnly() {
    try (java.sql.Statement st = conn.createStatement()) {
      st.execute("PRAGMA query_only = 0");
    } catch (SQLException ignored) {
      // Only fails if the connection is gone, and then it is discarded.
    }
  }

  /**
   * Runs every statement of a script (sqlite3_exec), stopping at the first error. As on a server, a
   * statement that does not parse fails the script before any statement runs.
   */
  void executeScript(String sql) {
    for (String statement : SqlText.split(sql)) {
      try {
        prepareUncached(statement).close();
      } catch (SQLException e) {
        LibsqlException mapped = SqliteErrors.map(e);
        if (SqliteErrors.isSyntaxError(mapped)) {
          throw mapped;
        }
      }
    }
    try {
      int rc = db._exec(sql);
      if (rc != 0) {
        db.throwex(rc);
      }
    } catch (SQLException e) {
      LibsqlException mapped = SqliteErrors.map(e);
      if (mapped.code().equals("SQLITE_INTERRUPT")) {
        finalizeCached();
      }
      throw mapped;
    }
  }

  /** Closes every cached statement, so that none stays active (they are prepared again when used). */
  void finalizeCached() {
    for (PreparedStatement p : cache.values()) {
      closeQuietly(p);
    }
    cache.clear();
    closeQuietly(lastInsertRowid);
    lastInsertRowid = null;
  }

  /** Interrupts the statement running on this connection (from any thread; see {@link Interrupts}). */
  void interrupt() {
    try {
      db.interrupt();
    } catch (SQLException ignored) {
      // the connection is closed: nothing runs on it
    }
  }

  PreparedStatement prepareUncached(String sql) throws SQLException {
    return conn.prepareStatement(sql);
  }

  boolean isClosed() {
    try {
      return conn.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  @Override
  public void close() {
    for (PreparedStatement ps : cache.values()) {
      closeQuietly(ps);
    }
    cache.clear();
    closeQuietly(lastInsertRowid);
    try {
      conn.close();
    } catch (SQLException ignored) {
      // Closing is best effort.
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // Closing is best effort.
      }
    }
  }
}
