package io.libsql.bench;

import java.util.List;

/** The tables and rows of the workloads; the TypeScript program builds the same values. */
final class Data {
  private Data() {}

  static final String SELECT_1 = "SELECT 1";
  static final String SELECT_W3 = "SELECT * FROM w3";

  /** W3: 10,000 rows of (int, 30-char text, real, 16-byte blob, null), built by SQLite itself. */
  static final List<String> CREATE_W3 = List.of(
      "DROP TABLE IF EXISTS w3",
      "CREATE TABLE w3(i INTEGER, s TEXT, r REAL, b BLOB, n TEXT)",
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + Workload.W3_ROWS + ") "
          + "INSERT INTO w3 SELECT x, printf('row-%026d', x), x * 1.5, randomblob(16), NULL FROM c");

  /** W2 and W5 insert into {@code t(id INTEGER PRIMARY KEY, a TEXT, b REAL, c BLOB)}, one table per contestant. */
  static List<String> recreateWriteTable(String table) {
    return List.of("DROP TABLE IF EXISTS " + table,
        "CREATE TABLE " + table + "(id INTEGER PRIMARY KEY, a TEXT, b REAL, c BLOB)");
  }

  static String insertSql(String table) {
    return "INSERT INTO " + table + "(id, a, b, c) VALUES (?, ?, ?, ?)";
  }

  /** The arguments of the row with this id: {@code [id, "value-<id>", id * 0.5, 16 bytes]}. */
  static Object[] rowArgs(long id) {
    byte[] blob = new byte[16];
    for (int k = 0; k < blob.length; k++) {
      blob[k] = (byte) (id + k);
    }
    return new Object[] {id, "value-" + id, id * 0.5, blob};
  }

  /** Folds one W3 row into a checksum, so that every value is read and type-checked. */
  static long touchW3(Object i, Object s, Object r, Object b, Object n) {
    return ((Number) i).longValue() + ((String) s).length() + (long) ((Double) r).doubleValue()
        + ((byte[]) b).length + (n == null ? 1 : 0);
  }

  /** Keeps the W3 checksum alive (and catches a result of nothing but zeros). */
  static void requireChecksum(long check) {
    if (check == 0) {
      throw new BenchException("W3 read nothing but zeros");
    }
  }
}
