package io.libsql.cli;

import io.libsql.client.LibsqlException;
import io.libsql.client.Row;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code .dump}: the schema and rows as SQL that recreates the database, in the layout of
 * {@code sqlite3 .dump}: tables with their rows inside one transaction, then indexes, triggers
 * and views, so that triggers do not fire on the restored rows.
 *
 * <p>Values come back exactly: integers as written, reals with every digit that tells them apart
 * ({@link Double#toString}), text quoted with NUL and CR spliced in with {@code char()}, blobs as
 * {@code X'..'}. Generated columns are left to be computed again. Shadow tables of virtual tables
 * are skipped: {@code CREATE VIRTUAL TABLE} makes them, and the virtual table's rows are inserted
 * through it. {@code sqlite_stat*} tables are skipped ({@code ANALYZE} remakes them). Rowids of
 * tables without an {@code INTEGER PRIMARY KEY} are not kept, as with {@code sqlite3 .dump}.
 *
 * <p>Each table is read with its own row stream (bounded memory), so a database written to
 * meanwhile may give a dump that is consistent per table only; inside a {@code BEGIN} it reads
 * everything in that transaction.
 */
final class Dumper {
  private final Shell shell;

  Dumper(Shell shell) {
    this.shell = shell;
  }

  void dump(String table) {
    String filter = table == null ? "" : " AND tbl_name LIKE ?";
    Set<String> shadow = shadowTables();
    List<String[]> tables = new ArrayList<>();
    String tablesSql = "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL" + filter
        + " ORDER BY name = 'sqlite_sequence', rowid";
    for (Row r : table == null ? shell.query(tablesSql) : shell.query(tablesSql, table)) {
      tables.add(new String[] {r.getString(0), r.getString(1)});
    }
    shell.out.println("PRAGMA foreign_keys=OFF;");
    shell.out.println("BEGIN TRANSACTION;");
    for (String[] t : tables) {
      shell.checkCancelled();
      String name = t[0];
      String sql = t[1];
      if (name.equals("sqlite_sequence")) {
        shell.out.println("DELETE FROM sqlite_sequence;");
        rows(name, false);
      } else if (name.startsWith("sqlite_") || shadow.contains(name)) {
        continue;
      } else {
        shell.out.println(sql + ";");
        rows(name, true);
      }
    }
    String restSql = "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger', 'view') AND sql IS NOT NULL"
        + " AND substr(name, 1, 7) <> 'sqlite_'" + filter + " ORDER BY rowid";
    for (Row r : table == null ? shell.query(restSql) : shell.query(restSql, table)) {
      shell.out.println(r.getString(0) + ";");
    }
    shell.out.println("COMMIT;");
  }

  /** Tables that a virtual table keeps its data in ({@code PRAGMA table_list}, SQLite 3.37+). */
  private Set<String> shadowTables() {
    Set<String> names = new HashSet<>();
    try {
      for (Row r : shell.query("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'")) {
        names.add(r.getString(0));
      }
    } catch (LibsqlException e) {
      // Older SQLite: no table_list, and then no shadow tables are told apart.
    }
    return names;
  }

  /** Prints one INSERT per row of {@code table}, naming the columns when some are generated. */
  private void rows(String table, boolean checkGenerated) {
    List<String> stored = new ArrayList<>();
    boolean generated = false;
    if (checkGenerated) {
      for (Row c : shell.query("SELECT name, hidden FROM pragma_table_xinfo(?)", table)) {
        long hidden = c.getLong(1);
        if (hidden == 2 || hidden == 3) {
          generated = true;
        } else if (hidden == 0) {
          stored.add(Render.ident(c.getString(0)));
        }
      }
    }
    String columns = String.join(",", stored);
    String select = generated ? "SELECT " + columns + " FROM " + Render.ident(table) : "SELECT * FROM " + Render.ident(table);
    String prefix = "INSERT INTO " + Render.ident(table) + (generated ? "(" + columns + ")" : "") + " VALUES(";
    StringBuilder sb = new StringBuilder();
    shell.forEachRow(select, row -> {
      sb.setLength(0);
      sb.append(prefix);
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(Render.sqlLiteral(row.get(i)));
      }
      shell.out.println(sb.append(");"));
    });
  }
}
