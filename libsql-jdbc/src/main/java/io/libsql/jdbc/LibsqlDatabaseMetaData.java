package io.libsql.jdbc;

import io.libsql.client.ResultSet;
import io.libsql.client.Row;
import io.libsql.client.internal.sql.SqlText;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Database metadata from SQLite itself: each database's {@code sqlite_master} for tables and views,
 * and the {@code pragma_table_xinfo}, {@code pragma_index_list}, {@code pragma_index_xinfo} and
 * {@code pragma_foreign_key_list} table-valued functions for columns, keys and indexes. Results use
 * the JDBC column labels and value types, and sqlite-jdbc's conventions where JDBC leaves a choice.
 * Schemas are SQLite's databases ({@code main}, {@code temp}, attached ones): schema arguments
 * select them, and TABLE_SCHEM names them, except {@code main}'s, which is null as in sqlite-jdbc
 * (Liquibase and Hibernate expect that). Catalogs are null; name patterns use SQLite's
 * case-insensitive {@code LIKE} with {@code \} as the escape.
 */
final class LibsqlDatabaseMetaData implements DatabaseMetaData {
  private static final Pattern AUTOINCREMENT = Pattern.compile("\\bAUTOINCREMENT\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern WITHOUT_ROWID = Pattern.compile("\\)\\s*(?:STRICT\\s*,\\s*)?WITHOUT\\s+ROWID",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern PK_CONSTRAINT = Pattern.compile(
      "CONSTRAINT\\s+(\"(?:[^\"]|\"\")+\"|`[^`]+`|\\[[^\\]]+\\]|[\\w$]+)\\s+PRIMARY\\s+KEY", Pattern.CASE_INSENSITIVE);
  private static final Pattern FK_CONSTRAINT = Pattern.compile(
      "CONSTRAINT\\s+(\"(?:[^\"]|\"\")+\"|`[^`]+`|\\[[^\\]]+\\]|[\\w$]+)\\s+FOREIGN\\s+KEY\\s*\\(([^)]*)\\)",
      Pattern.CASE_INSENSITIVE);

  private final LibsqlConnection connection;

  LibsqlDatabaseMetaData(LibsqlConnection connection) {
    this.connection = connection;
  }

  private static String pattern(String p) {
    return p == null ? "%" : p;
  }

  private static String unquote(String identifier) {
    String s = identifier.trim();
    if (s.length() >= 2) {
      char c = s.charAt(0);
      char e = s.charAt(s.length() - 1);
      if (c == '"' && e == '"' || c == '`' && e == '`') {
        return s.substring(1, s.length() - 1).replace(String.valueOf(c) + c, String.valueOf(c));
      }
      if (c == '[' && e == ']') {
        return s.substring(1, s.length() - 1);
      }
    }
    return s;
  }

  private static String str(Row r, int i) {
    Object v = r.get(i);
    return v == null ? null : Conversions.toStringValue(v);
  }

  private static long num(Row r, int i) {
    Object v = r.get(i);
    return v instanceof Long ? (Long) v : v == null ? 0 : Long.parseLong(v.toString());
  }

  private static java.sql.ResultSet rs(MemoryResult result) {
    return LibsqlResultSet.of(result);
  }

  // ---- schemas (SQLite's databases) ----

  /**
   * The databases ({@code main}, {@code temp}, attached ones) whose name matches {@code schema}: a
   * {@code LIKE} pattern, or with {@code exact} a name; null matches all.
   */
  private List<String> databases(String schema, boolean exact) throws SQLException {
    ResultSet r = schema == null
        ? connection.query("SELECT name FROM pragma_database_list ORDER BY seq")
        : connection.query("SELECT name FROM pragma_database_list WHERE name " + (exact ? "= ?1 COLLATE NOCASE" : "LIKE ?1 ESCAPE '\\'")
            + " ORDER BY seq", schema);
    List<String> out = new ArrayList<>();
    for (Row row : r.rows()) {
      out.add(str(row, 0));
    }
    return out;
  }

  /**
   * A subquery of the tables and views (name, type, sql, sch) of {@code databases}, with
   * {@code main}'s {@code sqlite_schema} (which sqlite-jdbc lists as a system table).
   */
  private static String tablesSource(List<String> databases) {
    StringBuilder sql = new StringBuilder("(");
    for (String db : databases) {
      if (sql.length() > 1) {
        sql.append(" UNION ALL ");
      }
      String literal = "'" + db.replace("'", "''") + "'";
      sql.append("SELECT name, type, sql, ").append(literal).append(" AS sch FROM ").append(SqlText.quoteIdentifier(db))
          .append(".sqlite_master WHERE type IN ('table', 'view')");
      if (db.equals("main")) {
        sql.append(" UNION ALL SELECT 'sqlite_schema', 'table', NULL, 'main'");
      }
    }
    if (sql.length() == 1) {
      sql.append("SELECT NULL AS name, NULL AS type, NULL AS sql, NULL AS sch WHERE 0");
    }
    return sql.append(")").toString();
  }

  private String tablesSource(String schema, boolean exact) throws SQLException {
    return tablesSource(databases(schema, exact));
  }

  /** TABLE_SCHEM for an object of database {@code db}: null for {@code main}, as sqlite-jdbc gives. */
  private static String schemaOf(String db) {
    return "main".equals(db) ? null : db;
  }

  // ---- tables ----

  private static String tableType(String name, String type, String schema) {
    if ("temp".equals(schema)) {
      return "GLOBAL TEMPORARY"; // as sqlite-jdbc says
    }
    if (name.toLowerCase(Locale.ROOT).startsWith("sqlite_")) {
      return "SYSTEM TABLE";
    }
    return "view".equalsIgnoreCase(type) ? "VIEW" : "TABLE";
  }

  @Override
  public java.sql.ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
      throws SQLException {
    ResultSet r = connection.query("SELECT name, type, sch FROM " + tablesSource(schemaPattern, false)
        + " WHERE name LIKE ? ESCAPE '\\'", pattern(tableNamePattern));
    List<Object[]> rows = new ArrayList<>();
    for (Row row : r.rows()) {
      String name = str(row, 0);
      String type = tableType(name, str(row, 1), str(row, 2));
      if (types != null && !containsIgnoreCase(types, type)) {
        continue;
      }
      rows.add(new Object[] {null, schemaOf(str(row, 2)), name, type, null, null, null, null, null, null});
    }
    rows.sort(Comparator.comparing((Object[] a) -> (String) a[3])
        .thenComparing(a -> (String) a[1], Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(a -> (String) a[2]));
    MemoryResult out = new MemoryResult("TABLE_CAT", "TEXT", "TABLE_SCHEM", "TEXT", "TABLE_NAME", "TEXT",
        "TABLE_TYPE", "TEXT", "REMARKS", "TEXT", "TYPE_CAT", "TEXT", "TYPE_SCHEM", "TEXT", "TYPE_NAME", "TEXT",
        "SELF_REFERENCING_COL_NAME", "TEXT", "REF_GENERATION", "TEXT");
    rows.forEach(out::add);
    return rs(out);
  }

  private static boolean containsIgnoreCase(String[] values, String value) {
    for (String v : values) {
      if (v != null && v.equalsIgnoreCase(value)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public java.sql.ResultSet getTableTypes() throws SQLException {
    MemoryResult out = new MemoryResult("TABLE_TYPE", "TEXT");
    out.add("GLOBAL TEMPORARY").add("SYSTEM TABLE").add("TABLE").add("VIEW");
    return rs(out);
  }

  @Override
  public java.sql.ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
      throws SQLException {
    ResultSet r = connection.query("SELECT m.name, m.sql, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden,"
            + " m.sch FROM " + tablesSource(schemaPattern, false) + " m JOIN pragma_table_xinfo(m.name, m.sch) p"
            + " WHERE m.name LIKE ?1 ESCAPE '\\' AND p.name LIKE ?2 ESCAPE '\\' AND p.hidden <> 1"
            + " ORDER BY m.sch, m.name, p.cid",
        pattern(tableNamePattern), pattern(columnNamePattern));
    // Primary key column counts per table, to tell a rowid alias (a lone INTEGER PRIMARY KEY).
    Map<String, Integer> pkColumns = new HashMap<>();
    for (Row row : r.rows()) {
      if (num(row, 7) > 0) {
        pkColumns.merge(str(row, 9) + "." + str(row, 0), 1, Integer::sum);
      }
    }
    MemoryResult out = new MemoryResult("TABLE_CAT", "TEXT", "TABLE_SCHEM", "TEXT", "TABLE_NAME", "TEXT",
        "COLUMN_NAME", "TEXT", "DATA_TYPE", "INTEGER", "TYPE_NAME", "TEXT", "COLUMN_SIZE", "INTEGER",
        "BUFFER_LENGTH", "INTEGER", "DECIMAL_DIGITS", "INTEGER", "NUM_PREC_RADIX", "INTEGER", "NULLABLE", "INTEGER",
        "REMARKS", "TEXT", "COLUMN_DEF", "TEXT", "SQL_DATA_TYPE", "INTEGER", "SQL_DATETIME_SUB", "INTEGER",
        "CHAR_OCTET_LENGTH", "INTEGER", "ORDINAL_POSITION", "INTEGER", "IS_NULLABLE", "TEXT", "SCOPE_CATALOG", "TEXT",
        "SCOPE_SCHEMA", "TEXT", "SCOPE_TABLE", "TEXT", "SOURCE_DATA_TYPE", "SMALLINT", "IS_AUTOINCREMENT", "TEXT",
        "IS_GENERATEDCOLUMN", "TEXT");
    // Types, sizes and nullability as sqlite-jdbc reports them (see SqliteTypes.columnDataType).
    for (Row row : r.rows()) {
      String table = str(row, 0);
      String schema = str(row, 9);
      String sql = str(row, 1);
      String declared = str(row, 4);
      boolean isTable = isTableSql(sql);
      boolean rowidTable = isTable && !WITHOUT_ROWID.matcher(sql).find();
      boolean pk = num(row, 7) > 0;
      boolean rowidAlias = pk && rowidTable && pkColumns.getOrDefault(schema + "." + table, 0) == 1
          && "INTEGER".equals(SqliteTypes.baseName(declared));
      // A rowid alias takes NULL (SQLite then picks the rowid); a WITHOUT ROWID key does not.
      boolean notNull = num(row, 5) != 0 || pk && isTable && !rowidTable;
      boolean autoIncrement = rowidAlias && AUTOINCREMENT.matcher(sql).find();
      long hidden = num(row, 8);
      out.add(null, schemaOf(schema), table, str(row, 3), SqliteTypes.columnDataType(declared), SqliteTypes.baseName(declared),
          SqliteTypes.columnSize(declared), SqliteTypes.SQLITE_JDBC_MAX_SIZE, SqliteTypes.columnDecimalDigits(declared), 10,
          notNull ? columnNoNulls : columnNullable, null, str(row, 6), 0, 0, SqliteTypes.SQLITE_JDBC_MAX_SIZE,
          num(row, 2) + 1, notNull ? "NO" : "YES", null, null, null, null, autoIncrement ? "YES" : "NO",
          hidden == 2 || hidden == 3 ? "YES" : "NO");
    }
    return rs(out);
  }

  private static boolean isTableSql(String sql) {
    return sql != null && sql.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").matches("^CREATE (TEMP |TEMPORARY )?TABLE .*");
  }

  @Override
  public java.sql.ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    MemoryResult out = new MemoryResult("TABLE_CAT", "TEXT", "TABLE_SCHEM", "TEXT", "TABLE_NAME", "TEXT",
        "COLUMN_NAME", "TEXT", "KEY_SEQ", "SMALLINT", "PK_NAME", "TEXT");
    if (table == null) {
      return rs(out);
    }
    ResultSet r = connection.query("SELECT m.name, m.sql, p.name, p.pk, m.sch FROM " + tablesSource(schema, true)
        + " m JOIN pragma_table_info(m.name, m.sch) p WHERE m.name = ?1 COLLATE NOCASE AND m.type = 'table' AND p.pk > 0"
        + " ORDER BY m.sch, p.name", table);
    for (Row row : r.rows()) {
      String sql = str(row, 1);
      String pkName = null;
      if (sql != null) {
        Matcher m = PK_CONSTRAINT.matcher(sql);
        if (m.find()) {
          pkName = unquote(m.group(1));
        }
      }
      out.add(null, schemaOf(str(row, 4)), str(row, 0), str(row, 2), num(row, 3), pkName);
    }
    return rs(out);
  }

  @Override
  public java.sql.ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
      throws SQLException {
    MemoryResult out = new MemoryResult("TABLE_CAT", "TEXT", "TABLE_SCHEM", "TEXT", "TABLE_NAME", "TEXT",
        "NON_UNIQUE", "BOOLEAN", "INDEX_QUALIFIER", "TEXT", "INDEX_NAME", "TEXT", "TYPE", "SMALLINT",
        "ORDINAL_POSITION", "SMALLINT", "COLUMN_NAME", "TEXT", "ASC_OR_DESC", "TEXT", "CARDINALITY", "BIGINT",
        "PAGES", "BIGINT", "FILTER_CONDITION", "TEXT");
    if (table == null) {
      return rs(out);
    }
    ResultSet r = connection.query("SELECT m.name, il.name, il.\"unique\", ii.seqno, ii.name, ii.\"desc\", ii.cid, m.sch FROM "
        + tablesSource(schema, true) + " m JOIN pragma_index_list(m.name, m.sch) il JOIN pragma_index_xinfo(il.name, m.sch) ii"
        + " WHERE m.name = ?1 COLLATE NOCASE AND ii.key = 1" + (unique ? " AND il.\"unique\" = 1" : "")
        + " ORDER BY il.\"unique\" DESC, il.name, ii.seqno", table);
    for (Row row : r.rows()) {
      long cid = num(row, 6);
      String column = cid == -1 ? "rowid" : str(row, 4);
      out.add(null, schemaOf(str(row, 7)), str(row, 0), num(row, 2) == 0, null, str(row, 1), (long) tableIndexOther, num(row, 3) + 1,
          column, num(row, 5) != 0 ? "D" : "A", 0L, 0L, null);
    }
    return rs(out);
  }

  // ---- foreign keys ----

  private static final String[] KEY_COLUMNS = {"PKTABLE_CAT", "TEXT", "PKTABLE_SCHEM", "TEXT", "PKTABLE_NAME", "TEXT",
      "PKCOLUMN_NAME", "TEXT", "FKTABLE_CAT", "TEXT", "FKTABLE_SCHEM", "TEXT", "FKTABLE_NAME", "TEXT",
      "FKCOLUMN_NAME", "TEXT", "KEY_SEQ", "SMALLINT", "UPDATE_RULE", "SMALLINT", "DELETE_RULE", "SMALLINT",
      "FK_NAME", "TEXT", "PK_NAME", "TEXT", "DEFERRABILITY", "SMALLINT"};

  private static int rule(String action) {
    switch (action == null ? "" : action.toUpperCase(Locale.ROOT)) {
      case "CASCADE":
        return importedKeyCascade;
      case "RESTRICT":
        return importedKeyRestrict;
      case "SET NULL":
        return importedKeySetNull;
      case "SET DEFAULT":
        return importedKeySetDefault;
      default:
        return importedKeyNoAction;
    }
  }

  /**
   * Foreign keys, optionally restricted to those of {@code fkTable} and/or to {@code pkTable}, sorted
   * by the parent ({@code byParent}) or the child table. Unnamed constraints get the name
   * {@code fk_<table>_<id>} so that tools can group multi-column keys.
   */
  private java.sql.ResultSet foreignKeys(String schema, String fkTable, String pkTable, boolean byParent) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT m.name, m.sql, f.id, f.seq, f.\"table\", f.\"from\","
        + " coalesce(f.\"to\", (SELECT p.name FROM pragma_table_info(f.\"table\", m.sch) p WHERE p.pk = f.seq + 1)),"
        + " f.on_update, f.on_delete, m.sch FROM " + tablesSource(schema, true)
        + " m JOIN pragma_foreign_key_list(m.name, m.sch) f WHERE m.type = 'table'");
    List<Object> args = new ArrayList<>();
    if (fkTable != null) {
      args.add(fkTable);
      sql.append(" AND m.name = ?").append(args.size()).append(" COLLATE NOCASE");
    }
    if (pkTable != null) {
      args.add(pkTable);
      sql.append(" AND f.\"table\" = ?").append(args.size()).append(" COLLATE NOCASE");
    }
    ResultSet r = connection.query(sql.toString(), args.toArray());
    Map<String, Map<String, String>> namesByTable = new HashMap<>();
    List<Object[]> rows = new ArrayList<>();
    for (Row row : r.rows()) {
      String child = str(row, 0);
      long id = num(row, 2);
      Map<String, String> names = namesByTable.computeIfAbsent(child, t -> constraintNames(str(row, 1)));
      String sch = schemaOf(str(row, 9));
      rows.add(new Object[] {null, sch, str(row, 4), str(row, 6), null, sch, child, str(row, 5), num(row, 3) + 1,
          (long) rule(str(row, 7)), (long) rule(str(row, 8)), id, null, (long) importedKeyNotDeferrable});
    }
    // Name each constraint: by its declared name when its column list matches one, else a stable one.
    Map<String, List<String>> columnsById = new LinkedHashMap<>();
    for (Object[] a : rows) {
      columnsById.computeIfAbsent(a[6] + "\u0000" + a[11], k -> new ArrayList<>()).add(((String) a[7]).toLowerCase(Locale.ROOT));
    }
    for (Object[] a : rows) {
      String child = (String) a[6];
      String cols = String.join(",", columnsById.get(child + "\u0000" + a[11]));
      String declared = namesByTable.get(child).get(cols);
      a[11] = declared != null ? declared : "fk_" + child + "_" + a[11];
    }
    Comparator<Object[]> order = byParent
        ? Comparator.comparing((Object[] a) -> ((String) a[2]).toLowerCase(Locale.ROOT))
        : Comparator.comparing((Object[] a) -> ((String) a[6]).toLowerCase(Locale.ROOT));
    rows.sort(order.thenComparing(a -> (String) a[11]).thenComparingLong(a -> (Long) a[8]));
    MemoryResult out = new MemoryResult(KEY_COLUMNS);
    rows.forEach(out::add);
    return rs(out);
  }

  /** Declared FOREIGN KEY constraint names of a table, by their lower-case column list. */
  private static Map<String, String> constraintNames(String sql) {
    Map<String, String> names = new HashMap<>();
    if (sql != null) {
      Matcher m = FK_CONSTRAINT.matcher(sql);
      while (m.find()) {
        List<String> cols = new ArrayList<>();
        for (String c : m.group(2).split(",")) {
          cols.add(unquote(c).toLowerCase(Locale.ROOT));
        }
        names.put(String.join(",", cols), unquote(m.group(1)));
      }
    }
    return names;
  }

  @Override
  public java.sql.ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
    if (table == null) {
      return rs(new MemoryResult(KEY_COLUMNS));
    }
    return foreignKeys(schema, table, null, true);
  }

  @Override
  public java.sql.ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
    if (table == null) {
      return rs(new MemoryResult(KEY_COLUMNS));
    }
    return foreignKeys(schema, null, table, false);
  }

  @Override
  public java.sql.ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
      String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
    if (parentTable == null || foreignTable == null) {
      return rs(new MemoryResult(KEY_COLUMNS));
    }
    return foreignKeys(foreignSchema, foreignTable, parentTable, false);
  }

  @Override
  public java.sql.ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
      throws SQLException {
    MemoryResult out = new MemoryResult("SCOPE", "SMALLINT", "COLUMN_NAME", "TEXT", "DATA_TYPE", "INTEGER",
        "TYPE_NAME", "TEXT", "COLUMN_SIZE", "INTEGER", "BUFFER_LENGTH", "INTEGER", "DECIMAL_DIGITS", "SMALLINT",
        "PSEUDO_COLUMN", "SMALLINT");
    if (table == null) {
      return rs(out);
    }
    String source = tablesSource(schema, true);
    ResultSet r = connection.query("SELECT m.sql, p.name, p.type FROM " + source
        + " m JOIN pragma_table_info(m.name, m.sch) p WHERE m.name = ?1 COLLATE NOCASE AND m.type = 'table'"
        + " AND p.pk > 0 ORDER BY p.pk", table);
    if (r.rows().isEmpty()) {
      ResultSet t = connection.query("SELECT sql FROM " + source + " WHERE name = ?1 COLLATE NOCASE AND type = 'table'",
          table);
      if (!t.rows().isEmpty() && !WITHOUT_ROWID.matcher(String.valueOf(str(t.rows().get(0), 0))).find()) {
        out.add((long) bestRowSession, "rowid", Types.BIGINT, "INTEGER", 19, null, 0, (long) bestRowPseudo);
      }
      return rs(out);
    }
    for (Row row : r.rows()) {
      String declared = str(row, 2);
      int type = SqliteTypes.jdbcType(declared);
      out.add((long) bestRowSession, str(row, 1), type, SqliteTypes.baseName(declared),
          SqliteTypes.precision(declared, type), null, SqliteTypes.scale(declared), (long) bestRowNotPseudo);
    }
    return rs(out);
  }

  @Override
  public java.sql.ResultSet getTypeInfo() throws SQLException {
    MemoryResult out = new MemoryResult("TYPE_NAME", "TEXT", "DATA_TYPE", "INTEGER", "PRECISION", "INTEGER",
        "LITERAL_PREFIX", "TEXT", "LITERAL_SUFFIX", "TEXT", "CREATE_PARAMS", "TEXT", "NULLABLE", "SMALLINT",
        "CASE_SENSITIVE", "BOOLEAN", "SEARCHABLE", "SMALLINT", "UNSIGNED_ATTRIBUTE", "BOOLEAN",
        "FIXED_PREC_SCALE", "BOOLEAN", "AUTO_INCREMENT", "BOOLEAN", "LOCAL_TYPE_NAME", "TEXT",
        "MINIMUM_SCALE", "SMALLINT", "MAXIMUM_SCALE", "SMALLINT", "SQL_DATA_TYPE", "INTEGER",
        "SQL_DATETIME_SUB", "INTEGER", "NUM_PREC_RADIX", "INTEGER");
    long nullable = typeNullable;
    long searchable = typeSearchable;
    // Sorted by DATA_TYPE, as JDBC asks.
    out.add("BIGINT", Types.BIGINT, 19, null, null, null, nullable, false, searchable, false, false, true, "BIGINT", 0, 0, null, null, 10);
    out.add("NULL", Types.NULL, 0, null, null, null, nullable, false, searchable, true, false, false, "NULL", 0, 0, null, null, 10);
    out.add("NUMERIC", Types.NUMERIC, 15, null, null, "(precision, scale)", nullable, false, searchable, false, false, false, "NUMERIC", 0, 15, null, null, 10);
    out.add("DECIMAL", Types.DECIMAL, 15, null, null, "(precision, scale)", nullable, false, searchable, false, false, false, "DECIMAL", 0, 15, null, null, 10);
    out.add("INTEGER", Types.INTEGER, 19, null, null, null, nullable, false, searchable, false, false, true, "INTEGER", 0, 0, null, null, 10);
    out.add("REAL", Types.REAL, 15, null, null, null, nullable, false, searchable, false, false, false, "REAL", 0, 15, null, null, 10);
    out.add("DOUBLE", Types.DOUBLE, 15, null, null, null, nullable, false, searchable, false, false, false, "DOUBLE", 0, 15, null, null, 10);
    out.add("VARCHAR", Types.VARCHAR, 1_000_000_000, "'", "'", "(length)", nullable, true, searchable, false, false, false, "VARCHAR", 0, 0, null, null, 10);
    out.add("TEXT", Types.VARCHAR, 1_000_000_000, "'", "'", null, nullable, true, searchable, false, false, false, "TEXT", 0, 0, null, null, 10);
    out.add("BOOLEAN", Types.BOOLEAN, 1, null, null, null, nullable, false, searchable, false, false, false, "BOOLEAN", 0, 0, null, null, 10);
    out.add("DATE", Types.DATE, 10, "'", "'", null, nullable, false, searchable, false, false, false, "DATE", 0, 0, null, null, 10);
    out.add("TIMESTAMP", Types.TIMESTAMP, 23, "'", "'", null, nullable, false, searchable, false, false, false, "TIMESTAMP", 0, 0, null, null, 10);
    out.add("BLOB", Types.BLOB, 1_000_000_000, "X'", "'", null, nullable, false, searchable, false, false, false, "BLOB", 0, 0, null, null, 10);
    return rs(out);
  }

  // ---- empty results with the standard columns ----

  private static java.sql.ResultSet empty(String... labels) {
    String[] withTypes = new String[labels.length * 2];
    for (int i = 0; i < labels.length; i++) {
      withTypes[2 * i] = labels[i];
      withTypes[2 * i + 1] = "";
    }
    return rs(new MemoryResult(withTypes));
  }

  /** SQLite's databases: {@code main}, {@code temp} once used, and attached ones. */
  @Override
  public java.sql.ResultSet getSchemas() throws SQLException {
    return getSchemas(null, null);
  }

  @Override
  public java.sql.ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    MemoryResult out = new MemoryResult("TABLE_SCHEM", "TEXT", "TABLE_CATALOG", "TEXT");
    for (String db : databases(schemaPattern, false)) {
      out.add(db, null);
    }
    return rs(out);
  }

  @Override
  public java.sql.ResultSet getCatalogs() throws SQLException {
    return empty("TABLE_CAT");
  }

  @Override
  public java.sql.ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) {
    return empty("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "RESERVED1", "RESERVED2", "RESERVED3",
        "REMARKS", "PROCEDURE_TYPE", "SPECIFIC_NAME");
  }

  @Override
  public java.sql.ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern,
      String columnNamePattern) {
    return empty("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE",
        "TYPE_NAME", "PRECISION", "LENGTH", "SCALE", "RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE",
        "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "SPECIFIC_NAME");
  }

  @Override
  public java.sql.ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern) {
    return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE",
        "IS_GRANTABLE");
  }

  @Override
  public java.sql.ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern) {
    return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE");
  }

  @Override
  public java.sql.ResultSet getVersionColumns(String catalog, String schema, String table) {
    return empty("SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS",
        "PSEUDO_COLUMN");
  }

  @Override
  public java.sql.ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) {
    return empty("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "CLASS_NAME", "DATA_TYPE", "REMARKS", "BASE_TYPE");
  }

  @Override
  public java.sql.ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) {
    return empty("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SUPERTYPE_CAT", "SUPERTYPE_SCHEM", "SUPERTYPE_NAME");
  }

  @Override
  public java.sql.ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) {
    return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "SUPERTABLE_NAME");
  }

  @Override
  public java.sql.ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern,
      String attributeNamePattern) {
    return empty("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "ATTR_NAME", "DATA_TYPE", "ATTR_TYPE_NAME", "ATTR_SIZE",
        "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "ATTR_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB",
        "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE",
        "SOURCE_DATA_TYPE");
  }

  @Override
  public java.sql.ResultSet getClientInfoProperties() {
    return empty("NAME", "MAX_LEN", "DEFAULT_VALUE", "DESCRIPTION");
  }

  @Override
  public java.sql.ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) {
    return empty("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS", "FUNCTION_TYPE", "SPECIFIC_NAME");
  }

  @Override
  public java.sql.ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern,
      String columnNamePattern) {
    return empty("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE",
        "TYPE_NAME", "PRECISION", "LENGTH", "SCALE", "RADIX", "NULLABLE", "REMARKS", "CHAR_OCTET_LENGTH",
        "ORDINAL_POSITION", "IS_NULLABLE", "SPECIFIC_NAME");
  }

  @Override
  public java.sql.ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern,
      String columnNamePattern) {
    return empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "COLUMN_SIZE", "DECIMAL_DIGITS",
        "NUM_PREC_RADIX", "COLUMN_USAGE", "REMARKS", "CHAR_OCTET_LENGTH", "IS_NULLABLE");
  }

  // ---- product and driver ----

  @Override
  public String getDatabaseProductName() {
    return "SQLite";
  }

  @Override
  public String getDatabaseProductVersion() {
    return connection.sqliteVersion();
  }

  private int versionPart(int index) {
    String[] parts = connection.sqliteVersion().split("\\.");
    try {
      return index < parts.length ? Integer.parseInt(parts[index].replaceAll("\\D.*", "")) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public int getDatabaseMajorVersion() {
    return versionPart(0);
  }

  @Override
  public int getDatabaseMinorVersion() {
    return versionPart(1);
  }

  @Override
  public String getDriverName() {
    return "libSQL JDBC";
  }

  @Override
  public String getDriverVersion() {
    return LibsqlDriver.VERSION;
  }

  @Override
  public int getDriverMajorVersion() {
    return LibsqlDriver.MAJOR_VERSION;
  }

  @Override
  public int getDriverMinorVersion() {
    return LibsqlDriver.MINOR_VERSION;
  }

  @Override
  public int getJDBCMajorVersion() {
    return 4;
  }

  @Override
  public int getJDBCMinorVersion() {
    return 2;
  }

  @Override
  public String getURL() {
    return connection.url();
  }

  @Override
  public String getUserName() {
    return null;
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return connection.isReadOnly();
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public boolean usesLocalFiles() {
    return connection.isLocal();
  }

  @Override
  public boolean usesLocalFilePerTable() {
    return false;
  }

  // ---- SQL dialect ----

  @Override
  public String getIdentifierQuoteString() {
    return "\"";
  }

  /** SQLite keywords that are not SQL:2003 keywords. */
  @Override
  public String getSQLKeywords() {
    return "ABORT,ACTION,AFTER,ANALYZE,ATTACH,AUTOINCREMENT,CONFLICT,DATABASE,DEFERRABLE,DEFERRED,DETACH,EXCLUSIVE,"
        + "EXPLAIN,FAIL,GLOB,IF,IGNORE,IMMEDIATE,INDEX,INDEXED,INITIALLY,INSTEAD,ISNULL,KEY,NOTHING,NOTNULL,OFFSET,"
        + "PLAN,PRAGMA,QUERY,RAISE,REGEXP,REINDEX,RENAME,REPLACE,RESTRICT,RETURNING,TEMP,TEMPORARY,VACUUM,VIEW,"
        + "VIRTUAL,WITHOUT";
  }

  @Override
  public String getNumericFunctions() {
    return "ABS,MAX,MIN,RANDOM,ROUND,SIGN";
  }

  @Override
  public String getStringFunctions() {
    return "CHAR,GLOB,HEX,INSTR,LENGTH,LIKE,LOWER,LTRIM,PRINTF,QUOTE,REPLACE,RTRIM,SOUNDEX,SUBSTR,TRIM,UNICODE,UPPER";
  }

  @Override
  public String getSystemFunctions() {
    return "CHANGES,COALESCE,IFNULL,LAST_INSERT_ROWID,NULLIF,SQLITE_VERSION,TOTAL_CHANGES,TYPEOF";
  }

  @Override
  public String getTimeDateFunctions() {
    return "DATE,DATETIME,JULIANDAY,STRFTIME,TIME,UNIXEPOCH";
  }

  @Override
  public String getSearchStringEscape() {
    return "\\";
  }

  @Override
  public String getExtraNameCharacters() {
    return "";
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean storesUpperCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean storesLowerCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean storesMixedCaseIdentifiers() {
    return true;
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() {
    return false;
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() {
    return false;
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() {
    return false;
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() {
    return true;
  }

  @Override
  public boolean allProceduresAreCallable() {
    return false;
  }

  @Override
  public boolean allTablesAreSelectable() {
    return true;
  }

  @Override
  public boolean nullsAreSortedHigh() {
    return false;
  }

  @Override
  public boolean nullsAreSortedLow() {
    return true;
  }

  @Override
  public boolean nullsAreSortedAtStart() {
    return false;
  }

  @Override
  public boolean nullsAreSortedAtEnd() {
    return false;
  }

  @Override
  public boolean supportsAlterTableWithAddColumn() {
    return true;
  }

  @Override
  public boolean supportsAlterTableWithDropColumn() {
    return getDatabaseMajorVersion() > 3 || getDatabaseMajorVersion() == 3 && getDatabaseMinorVersion() >= 35;
  }

  @Override
  public boolean supportsColumnAliasing() {
    return true;
  }

  @Override
  public boolean nullPlusNonNullIsNull() {
    return true;
  }

  @Override
  public boolean supportsConvert() {
    return false;
  }

  @Override
  public boolean supportsConvert(int fromType, int toType) {
    return false;
  }

  @Override
  public boolean supportsTableCorrelationNames() {
    return true;
  }

  @Override
  public boolean supportsDifferentTableCorrelationNames() {
    return false;
  }

  @Override
  public boolean supportsExpressionsInOrderBy() {
    return true;
  }

  @Override
  public boolean supportsOrderByUnrelated() {
    return true;
  }

  @Override
  public boolean supportsGroupBy() {
    return true;
  }

  @Override
  public boolean supportsGroupByUnrelated() {
    return true;
  }

  @Override
  public boolean supportsGroupByBeyondSelect() {
    return true;
  }

  @Override
  public boolean supportsLikeEscapeClause() {
    return true;
  }

  @Override
  public boolean supportsMultipleResultSets() {
    return false;
  }

  @Override
  public boolean supportsMultipleTransactions() {
    return true;
  }

  @Override
  public boolean supportsNonNullableColumns() {
    return true;
  }

  @Override
  public boolean supportsMinimumSQLGrammar() {
    return true;
  }

  @Override
  public boolean supportsCoreSQLGrammar() {
    return false;
  }

  @Override
  public boolean supportsExtendedSQLGrammar() {
    return false;
  }

  @Override
  public boolean supportsANSI92EntryLevelSQL() {
    return false;
  }

  @Override
  public boolean supportsANSI92IntermediateSQL() {
    return false;
  }

  @Override
  public boolean supportsANSI92FullSQL() {
    return false;
  }

  @Override
  public boolean supportsIntegrityEnhancementFacility() {
    return true;
  }

  @Override
  public boolean supportsOuterJoins() {
    return true;
  }

  @Override
  public boolean supportsFullOuterJoins() {
    return getDatabaseMajorVersion() > 3 || getDatabaseMajorVersion() == 3 && getDatabaseMinorVersion() >= 39;
  }

  @Override
  public boolean supportsLimitedOuterJoins() {
    return true;
  }

  @Override
  public String getSchemaTerm() {
    return "schema";
  }

  @Override
  public String getProcedureTerm() {
    return "procedure";
  }

  @Override
  public String getCatalogTerm() {
    return "catalog";
  }

  @Override
  public boolean isCatalogAtStart() {
    return true;
  }

  @Override
  public String getCatalogSeparator() {
    return ".";
  }

  @Override
  public boolean supportsSchemasInDataManipulation() {
    return false;
  }

  @Override
  public boolean supportsSchemasInProcedureCalls() {
    return false;
  }

  @Override
  public boolean supportsSchemasInTableDefinitions() {
    return false;
  }

  @Override
  public boolean supportsSchemasInIndexDefinitions() {
    return false;
  }

  @Override
  public boolean supportsSchemasInPrivilegeDefinitions() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInDataManipulation() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() {
    return false;
  }

  @Override
  public boolean supportsPositionedDelete() {
    return false;
  }

  @Override
  public boolean supportsPositionedUpdate() {
    return false;
  }

  @Override
  public boolean supportsSelectForUpdate() {
    return false;
  }

  @Override
  public boolean supportsStoredProcedures() {
    return false;
  }

  @Override
  public boolean supportsSubqueriesInComparisons() {
    return true;
  }

  @Override
  public boolean supportsSubqueriesInExists() {
    return true;
  }

  @Override
  public boolean supportsSubqueriesInIns() {
    return true;
  }

  @Override
  public boolean supportsSubqueriesInQuantifieds() {
    return false;
  }

  @Override
  public boolean supportsCorrelatedSubqueries() {
    return true;
  }

  @Override
  public boolean supportsUnion() {
    return true;
  }

  @Override
  public boolean supportsUnionAll() {
    return true;
  }

  /** Results are read completely when a statement runs, so they survive commits and rollbacks. */
  @Override
  public boolean supportsOpenCursorsAcrossCommit() {
    return true;
  }

  @Override
  public boolean supportsOpenCursorsAcrossRollback() {
    return true;
  }

  @Override
  public boolean supportsOpenStatementsAcrossCommit() {
    return true;
  }

  @Override
  public boolean supportsOpenStatementsAcrossRollback() {
    return true;
  }

  // ---- limits (0: no limit or unknown) ----

  @Override
  public int getMaxBinaryLiteralLength() {
    return 0;
  }

  @Override
  public int getMaxCharLiteralLength() {
    return 0;
  }

  @Override
  public int getMaxColumnNameLength() {
    return 0;
  }

  @Override
  public int getMaxColumnsInGroupBy() {
    return 0;
  }

  @Override
  public int getMaxColumnsInIndex() {
    return 0;
  }

  @Override
  public int getMaxColumnsInOrderBy() {
    return 0;
  }

  @Override
  public int getMaxColumnsInSelect() {
    return 0;
  }

  @Override
  public int getMaxColumnsInTable() {
    return 2000;
  }

  @Override
  public int getMaxConnections() {
    return 0;
  }

  @Override
  public int getMaxCursorNameLength() {
    return 0;
  }

  @Override
  public int getMaxIndexLength() {
    return 0;
  }

  @Override
  public int getMaxSchemaNameLength() {
    return 0;
  }

  @Override
  public int getMaxProcedureNameLength() {
    return 0;
  }

  @Override
  public int getMaxCatalogNameLength() {
    return 0;
  }

  @Override
  public int getMaxRowSize() {
    return 0;
  }

  @Override
  public boolean doesMaxRowSizeIncludeBlobs() {
    return false;
  }

  @Override
  public int getMaxStatementLength() {
    return 0;
  }

  @Override
  public int getMaxStatements() {
    return 0;
  }

  @Override
  public int getMaxTableNameLength() {
    return 0;
  }

  @Override
  public int getMaxTablesInSelect() {
    return 64;
  }

  @Override
  public int getMaxUserNameLength() {
    return 0;
  }

  // ---- transactions and result sets ----

  @Override
  public int getDefaultTransactionIsolation() {
    return Connection.TRANSACTION_SERIALIZABLE;
  }

  @Override
  public boolean supportsTransactions() {
    return true;
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int level) {
    return level == Connection.TRANSACTION_SERIALIZABLE;
  }

  @Override
  public boolean supportsDataDefinitionAndDataManipulationTransactions() {
    return true;
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() {
    return false;
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() {
    return false;
  }

  @Override
  public boolean dataDefinitionIgnoredInTransactions() {
    return false;
  }

  @Override
  public boolean supportsResultSetType(int type) {
    return type == java.sql.ResultSet.TYPE_FORWARD_ONLY || type == java.sql.ResultSet.TYPE_SCROLL_INSENSITIVE;
  }

  @Override
  public boolean supportsResultSetConcurrency(int type, int concurrency) {
    return supportsResultSetType(type) && concurrency == java.sql.ResultSet.CONCUR_READ_ONLY;
  }

  @Override
  public boolean ownUpdatesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean ownDeletesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean ownInsertsAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersUpdatesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersDeletesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersInsertsAreVisible(int type) {
    return false;
  }

  @Override
  public boolean updatesAreDetected(int type) {
    return false;
  }

  @Override
  public boolean deletesAreDetected(int type) {
    return false;
  }

  @Override
  public boolean insertsAreDetected(int type) {
    return false;
  }

  @Override
  public boolean supportsBatchUpdates() {
    return true;
  }

  @Override
  public boolean supportsSavepoints() {
    return true;
  }

  @Override
  public boolean supportsNamedParameters() {
    return false;
  }

  @Override
  public boolean supportsMultipleOpenResults() {
    return false;
  }

  @Override
  public boolean supportsGetGeneratedKeys() {
    return true;
  }

  @Override
  public boolean supportsResultSetHoldability(int holdability) {
    return holdability == java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public int getResultSetHoldability() {
    return java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public int getSQLStateType() {
    return sqlStateSQL;
  }

  @Override
  public boolean locatorsUpdateCopy() {
    return false;
  }

  @Override
  public boolean supportsStatementPooling() {
    return false;
  }

  @Override
  public RowIdLifetime getRowIdLifetime() {
    return RowIdLifetime.ROWID_UNSUPPORTED;
  }

  @Override
  public boolean supportsStoredFunctionsUsingCallSyntax() {
    return false;
  }

  @Override
  public boolean autoCommitFailureClosesAllResultSets() {
    return false;
  }

  @Override
  public boolean generatedKeyAlwaysReturned() {
    return true;
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
