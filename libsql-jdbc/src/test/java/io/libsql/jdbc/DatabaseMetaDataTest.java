package io.libsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DatabaseMetaData as tools read it: JDBC column labels, real rows, filters honoured. */
class DatabaseMetaDataTest {
  @TempDir
  Path dir;

  private Connection conn;
  private DatabaseMetaData md;

  @BeforeEach
  void schema() throws SQLException {
    conn = DriverManager.getConnection("jdbc:libsql:file:" + dir.resolve("meta.db"));
    try (Statement s = conn.createStatement()) {
      s.executeUpdate("CREATE TABLE author (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, email TEXT UNIQUE,"
          + " born DATE DEFAULT '1900-01-01')");
      s.executeUpdate("CREATE TABLE book (isbn TEXT, edition INTEGER, author_id INTEGER REFERENCES author(id) ON DELETE CASCADE,"
          + " price DECIMAL(8,2), title TEXT GENERATED ALWAYS AS (isbn || '/' || edition) VIRTUAL,"
          + " PRIMARY KEY (isbn, edition))");
      s.executeUpdate("CREATE TABLE review (id INTEGER PRIMARY KEY AUTOINCREMENT, isbn TEXT, edition INTEGER,"
          + " CONSTRAINT fk_review_book FOREIGN KEY (isbn, edition) REFERENCES book)");
      s.executeUpdate("CREATE INDEX book_price ON book (price DESC, author_id)");
      s.executeUpdate("CREATE VIEW cheap AS SELECT isbn, price FROM book WHERE price < 10");
      s.executeUpdate("CREATE TABLE kv (k TEXT PRIMARY KEY, v) WITHOUT ROWID");
    }
    md = conn.getMetaData();
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
  }

  private static List<String> labels(ResultSet rs) throws SQLException {
    ResultSetMetaData m = rs.getMetaData();
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= m.getColumnCount(); i++) {
      out.add(m.getColumnLabel(i));
    }
    return out;
  }

  private static List<String> column(ResultSet rs, String label) throws SQLException {
    List<String> out = new ArrayList<>();
    while (rs.next()) {
      out.add(rs.getString(label));
    }
    return out;
  }

  @Test
  void productAndDialect() throws SQLException {
    assertEquals("SQLite", md.getDatabaseProductName());
    assertTrue(md.getDatabaseProductVersion().matches("3\\.\\d+\\.\\d+.*"), md.getDatabaseProductVersion());
    assertEquals("\"", md.getIdentifierQuoteString());
    assertNotNull(md.getSQLKeywords());
    assertTrue(md.getSQLKeywords().contains("PRAGMA"));
    assertEquals("\\", md.getSearchStringEscape());
    assertTrue(md.getURL().startsWith("jdbc:libsql:file:"));
    assertTrue(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE));
    assertFalse(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED));
    assertTrue(md.supportsSavepoints());
    assertTrue(md.supportsGetGeneratedKeys());
    assertTrue(md.supportsBatchUpdates());
    assertFalse(md.supportsStoredProcedures());
    assertFalse(md.supportsResultSetConcurrency(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE));
    assertTrue(md.usesLocalFiles());
    assertEquals(conn, md.getConnection());
  }

  @Test
  void tablesWithLabelsFiltersAndTypes() throws SQLException {
    try (ResultSet rs = md.getTables(null, null, "%", null)) {
      assertEquals(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS", "TYPE_CAT", "TYPE_SCHEM",
          "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION"), labels(rs));
      List<String> names = new ArrayList<>();
      List<String> types = new ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
        types.add(rs.getString("TABLE_TYPE"));
      }
      // Ordered by TABLE_TYPE, then name; sqlite_sequence comes from AUTOINCREMENT; sqlite_schema
      // is listed as sqlite-jdbc lists it.
      assertEquals(List.of("sqlite_schema", "sqlite_sequence", "author", "book", "kv", "review", "cheap"), names);
      assertEquals(List.of("SYSTEM TABLE", "SYSTEM TABLE", "TABLE", "TABLE", "TABLE", "TABLE", "VIEW"), types);
    }
    try (ResultSet rs = md.getTables(null, null, "%", new String[] {"VIEW"})) {
      assertEquals(List.of("cheap"), column(rs, "TABLE_NAME"));
    }
    try (ResultSet rs = md.getTables(null, null, "b%", new String[] {"TABLE"})) {
      assertEquals(List.of("book"), column(rs, "TABLE_NAME"));
    }
    try (ResultSet rs = md.getTables(null, null, "no\\_such", null)) {
      assertFalse(rs.next());
    }
    try (ResultSet rs = md.getTableTypes()) {
      assertEquals(List.of("GLOBAL TEMPORARY", "SYSTEM TABLE", "TABLE", "VIEW"), column(rs, "TABLE_TYPE"));
    }
  }

  @Test
  void temporaryTablesOfThisConnection() throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TEMP TABLE scratch (x INTEGER)");
    }
    try (ResultSet rs = md.getTables(null, null, "scratch", null)) {
      assertTrue(rs.next());
      assertEquals("GLOBAL TEMPORARY", rs.getString("TABLE_TYPE"));
      assertEquals("temp", rs.getString("TABLE_SCHEM"));
    }
    try (ResultSet rs = md.getColumns(null, null, "scratch", null)) {
      assertEquals(List.of("x"), column(rs, "COLUMN_NAME"));
    }
  }

  @Test
  void columnsWithStandardValues() throws SQLException {
    try (ResultSet rs = md.getColumns(null, null, "author", "%")) {
      assertEquals(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME",
          "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF",
          "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "SCOPE_CATALOG",
          "SCOPE_SCHEMA", "SCOPE_TABLE", "SOURCE_DATA_TYPE", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN"), labels(rs));
      assertTrue(rs.next());
      assertEquals("author", rs.getString("TABLE_NAME"));
      assertEquals("id", rs.getString("COLUMN_NAME"));
      assertEquals(Types.INTEGER, rs.getInt("DATA_TYPE"));
      assertEquals("INTEGER", rs.getString("TYPE_NAME"));
      assertEquals(1, rs.getInt("ORDINAL_POSITION"));
      // As sqlite-jdbc: a rowid alias takes NULL, and auto-increments only with AUTOINCREMENT.
      assertEquals(DatabaseMetaData.columnNullable, rs.getInt("NULLABLE"));
      assertEquals("YES", rs.getString("IS_NULLABLE"));
      assertEquals("NO", rs.getString("IS_AUTOINCREMENT"));
      assertTrue(rs.next());
      assertEquals("name", rs.getString("COLUMN_NAME"));
      assertEquals(Types.VARCHAR, rs.getInt("DATA_TYPE"));
      assertEquals("VARCHAR", rs.getString("TYPE_NAME"));
      assertEquals(100, rs.getInt("COLUMN_SIZE"));
      assertEquals(2, rs.getInt("ORDINAL_POSITION"));
      assertEquals("NO", rs.getString("IS_NULLABLE"));
      assertEquals("NO", rs.getString("IS_AUTOINCREMENT"));
      assertTrue(rs.next());
      assertEquals("email", rs.getString("COLUMN_NAME"));
      assertEquals(DatabaseMetaData.columnNullable, rs.getInt("NULLABLE"));
      assertEquals("YES", rs.getString("IS_NULLABLE"));
      assertNull(rs.getString("COLUMN_DEF"));
      assertTrue(rs.next());
      assertEquals("born", rs.getString("COLUMN_NAME"));
      assertEquals(Types.VARCHAR, rs.getInt("DATA_TYPE"), "sqlite-jdbc's type for DATE (dates are text)");
      assertEquals("DATE", rs.getString("TYPE_NAME"));
      assertEquals("'1900-01-01'", rs.getString("COLUMN_DEF"));
      assertFalse(rs.next());
    }
    try (ResultSet rs = md.getColumns(null, null, "book", "p%")) {
      assertTrue(rs.next());
      assertEquals("price", rs.getString("COLUMN_NAME"));
      assertEquals(Types.FLOAT, rs.getInt("DATA_TYPE"), "sqlite-jdbc's type for DECIMAL");
      assertEquals(10, rs.getInt("COLUMN_SIZE"), "precision + scale, as sqlite-jdbc gives it");
      assertEquals(2, rs.getInt("DECIMAL_DIGITS"));
      assertEquals(4, rs.getInt("ORDINAL_POSITION"));
      assertFalse(rs.next());
    }
    try (ResultSet rs = md.getColumns(null, null, "book", "title")) {
      assertTrue(rs.next());
      assertEquals("YES", rs.getString("IS_GENERATEDCOLUMN"));
    }
    try (ResultSet rs = md.getColumns(null, null, "kv", "k")) {
      assertTrue(rs.next());
      assertEquals("NO", rs.getString("IS_NULLABLE"), "a WITHOUT ROWID key is NOT NULL");
    }
    try (ResultSet rs = md.getColumns(null, null, "review", "id")) {
      assertTrue(rs.next());
      assertEquals("YES", rs.getString("IS_AUTOINCREMENT"));
    }
  }

  @Test
  void primaryKeysIncludingIntegerPrimaryKey() throws SQLException {
    try (ResultSet rs = md.getPrimaryKeys(null, null, "author")) {
      assertEquals(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"), labels(rs));
      assertTrue(rs.next());
      assertEquals("id", rs.getString("COLUMN_NAME"));
      assertEquals(1, rs.getShort("KEY_SEQ"));
      assertFalse(rs.next());
    }
    try (ResultSet rs = md.getPrimaryKeys(null, null, "book")) {
      assertTrue(rs.next());
      assertEquals("edition", rs.getString("COLUMN_NAME"));
      assertEquals(2, rs.getInt("KEY_SEQ"));
      assertTrue(rs.next());
      assertEquals("isbn", rs.getString("COLUMN_NAME"));
      assertEquals(1, rs.getInt("KEY_SEQ"));
      assertFalse(rs.next());
    }
  }

  @Test
  void indexInfo() throws SQLException {
    try (ResultSet rs = md.getIndexInfo(null, null, "book", false, true)) {
      assertEquals(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE", "INDEX_QUALIFIER", "INDEX_NAME",
          "TYPE", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC", "CARDINALITY", "PAGES", "FILTER_CONDITION"),
          labels(rs));
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString("INDEX_NAME") + ":" + rs.getBoolean("NON_UNIQUE") + ":" + rs.getInt("ORDINAL_POSITION")
            + ":" + rs.getString("COLUMN_NAME") + ":" + rs.getString("ASC_OR_DESC") + ":" + rs.getShort("TYPE"));
      }
      assertEquals(List.of("sqlite_autoindex_book_1:false:1:isbn:A:3", "sqlite_autoindex_book_1:false:2:edition:A:3",
          "book_price:true:1:price:D:3", "book_price:true:2:author_id:A:3"), rows);
    }
    try (ResultSet rs = md.getIndexInfo(null, null, "book", true, true)) {
      assertEquals(List.of("sqlite_autoindex_book_1", "sqlite_autoindex_book_1"), column(rs, "INDEX_NAME"));
    }
    try (ResultSet rs = md.getIndexInfo(null, null, "author", true, true)) {
      assertEquals(List.of("email"), column(rs, "COLUMN_NAME"));
    }
  }

  @Test
  void importedAndExportedKeys() throws SQLException {
    try (ResultSet rs = md.getImportedKeys(null, null, "book")) {
      assertEquals(List.of("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT",
          "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE", "FK_NAME",
          "PK_NAME", "DEFERRABILITY"), labels(rs));
      assertTrue(rs.next());
      assertEquals("author", rs.getString("PKTABLE_NAME"));
      assertEquals("id", rs.getString("PKCOLUMN_NAME"));
      assertEquals("book", rs.getString("FKTABLE_NAME"));
      assertEquals("author_id", rs.getString("FKCOLUMN_NAME"));
      assertEquals(1, rs.getInt("KEY_SEQ"));
      assertEquals(DatabaseMetaData.importedKeyCascade, rs.getInt("DELETE_RULE"));
      assertEquals(DatabaseMetaData.importedKeyNoAction, rs.getInt("UPDATE_RULE"));
      assertEquals(DatabaseMetaData.importedKeyNotDeferrable, rs.getInt("DEFERRABILITY"));
      assertNotNull(rs.getString("FK_NAME"));
      assertFalse(rs.next());
    }
    // A two-column key to the parent's primary key, declared with a name.
    try (ResultSet rs = md.getImportedKeys(null, null, "review")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString("FK_NAME") + ":" + rs.getInt("KEY_SEQ") + ":" + rs.getString("FKCOLUMN_NAME") + "->"
            + rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME"));
      }
      assertEquals(List.of("fk_review_book:1:isbn->book.isbn", "fk_review_book:2:edition->book.edition"), rows);
    }
    try (ResultSet rs = md.getExportedKeys(null, null, "book")) {
      assertEquals(List.of("review", "review"), column(rs, "FKTABLE_NAME"));
    }
    try (ResultSet rs = md.getCrossReference(null, null, "author", null, null, "book")) {
      assertEquals(List.of("author_id"), column(rs, "FKCOLUMN_NAME"));
    }
    try (ResultSet rs = md.getCrossReference(null, null, "author", null, null, "review")) {
      assertFalse(rs.next());
    }
  }

  @Test
  void typeInfoAndEmptyResultsHaveTheirColumns() throws SQLException {
    try (ResultSet rs = md.getTypeInfo()) {
      assertEquals("TYPE_NAME", rs.getMetaData().getColumnLabel(1));
      assertEquals(18, rs.getMetaData().getColumnCount());
      int previous = Integer.MIN_VALUE;
      List<String> names = new ArrayList<>();
      while (rs.next()) {
        assertTrue(rs.getInt("DATA_TYPE") >= previous, "sorted by DATA_TYPE");
        previous = rs.getInt("DATA_TYPE");
        names.add(rs.getString("TYPE_NAME"));
      }
      assertTrue(names.containsAll(List.of("NULL", "INTEGER", "REAL", "TEXT", "BLOB", "NUMERIC")), "sqlite-jdbc's five and more: " + names);
    }
    try (ResultSet rs = md.getSchemas()) {
      assertEquals(List.of("TABLE_SCHEM", "TABLE_CATALOG"), labels(rs));
      assertEquals(List.of("main"), column(rs, "TABLE_SCHEM"));
    }
    try (ResultSet rs = md.getProcedures(null, null, "%")) {
      assertEquals(9, rs.getMetaData().getColumnCount());
      assertFalse(rs.next());
    }
    try (ResultSet rs = md.getBestRowIdentifier(null, null, "book", DatabaseMetaData.bestRowSession, false)) {
      assertEquals(List.of("isbn", "edition"), column(rs, "COLUMN_NAME"));
    }
  }
}
