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

  /** Keeps a W3/V2 checksum alive (and catches a result of nothing but zeros). */
  static void requireChecksum(long check) {
    if (check == 0) {
      throw new BenchException("the workload read nothing but zeros");
    }
  }

  // ---- vectors (issue 11) ----

  /** V2's table and index, shared by all contestants, filled by the harness before V2 runs. */
  static final String V2_TABLE = "v";
  static final String V2_INDEX = "v_idx";
  /** Seeds of the stored vectors and of V2's query vectors (bench.mjs uses the same). */
  static final int STORED_SEED = 12345;
  static final int QUERY_SEED = 777;

  /** Drops and creates a V1/V3 table {@code (id INTEGER PRIMARY KEY, e F32_BLOB(768))}, with {@code <table>_idx} if indexed. */
  static List<String> recreateVectorTable(String table, boolean indexed) {
    List<String> sql = new java.util.ArrayList<>(List.of("DROP TABLE IF EXISTS " + table,
        "CREATE TABLE " + table + "(id INTEGER PRIMARY KEY, e F32_BLOB(" + Workload.VECTOR_DIMS + "))"));
    if (indexed) {
      sql.add("CREATE INDEX " + table + "_idx ON " + table + "(libsql_vector_idx(e))");
    }
    return sql;
  }

  /** The table that contestant {@code kind} writes in {@code workload} before each repetition, or none. */
  static List<String> recreate(Workload workload, Kind kind) {
    switch (workload) {
      case W2:
      case W5:
        return recreateWriteTable(kind.table());
      case V1:
        return recreateVectorTable(kind.table(workload), true);
      case V3:
        return recreateVectorTable(kind.table(workload), false);
      default:
        return List.of();
    }
  }

  static String vectorInsertSql(String table) {
    return "INSERT INTO " + table + "(e) VALUES (?)";
  }

  static final String V2_QUERY = "SELECT id FROM vector_top_k('" + V2_INDEX + "', ?, " + Workload.V2_K + ")";

  /**
   * {@code count} vectors of {@code dims} components in [-1, 1), from a 32-bit LCG
   * ({@code s = s * 1664525 + 1013904223}, value {@code (s >>> 8) / 2^23 - 1}): every value is exact
   * in float32 and bench.mjs computes the same ones as JavaScript doubles.
   */
  static float[][] vectors(int count, int dims, int seed) {
    float[][] out = new float[count][dims];
    int s = seed;
    for (float[] v : out) {
      for (int k = 0; k < dims; k++) {
        s = s * 1664525 + 1013904223;
        v[k] = (float) ((s >>> 8) / 8388608.0 - 1);
      }
    }
    return out;
  }

  /** {@code vector32('[...]')} of one vector, for the harness's setup SQL (sqld parses the text). */
  static String vector32Literal(float[] v) {
    StringBuilder sb = new StringBuilder(v.length * 12 + 12).append("vector32('[");
    for (int k = 0; k < v.length; k++) {
      sb.append(k == 0 ? "" : ",").append(v[k]);
    }
    return sb.append("]')").toString();
  }

  // ---- embedded replicas (issue 10) ----

  /** S1's table: {@value Workload#S1_ROWS} rows of a {@value Workload#S1_ROW_BYTES}-byte random blob. */
  static final String S1_TABLE = "s1";
  /** S2's table, W3's shape; each repetition adds {@value Workload#S2_ROWS} rows. */
  static final String S2_TABLE = "s2";
  static final String COUNT_S1 = "SELECT count(*) FROM " + S1_TABLE;
  static final String COUNT_S2 = "SELECT count(*) FROM " + S2_TABLE;

  /** {@code INSERT ... SELECT} of {@code rows} rows from a recursive CTE: one statement, one transaction. */
  private static String insertGenerated(String table, int rows, String columns) {
    return "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + rows + ") "
        + "INSERT INTO " + table + " SELECT " + columns + " FROM c";
  }

  /** S1's primary: {@value Workload#S1_MB} MB of rows in transactions of 1,000 rows, grouped by {@code perRequest}. */
  static List<List<String>> fillS1(int perRequest) {
    List<List<String>> requests = new java.util.ArrayList<>();
    requests.add(List.of("DROP TABLE IF EXISTS " + S1_TABLE, "CREATE TABLE " + S1_TABLE + "(id INTEGER PRIMARY KEY, b BLOB)"));
    List<String> request = new java.util.ArrayList<>();
    for (int tx = 0; tx < Workload.S1_ROWS / 1000; tx++) {
      request.add(insertGenerated(S1_TABLE, 1000, "NULL, randomblob(" + Workload.S1_ROW_BYTES + ")"));
      if (request.size() == perRequest) {
        requests.add(request);
        request = new java.util.ArrayList<>();
      }
    }
    if (!request.isEmpty()) {
      requests.add(request);
    }
    return requests;
  }

  static final List<String> CREATE_S2 = List.of("DROP TABLE IF EXISTS " + S2_TABLE,
      "CREATE TABLE " + S2_TABLE + "(i INTEGER, s TEXT, r REAL, b BLOB, n TEXT)");

  /** The rows S2 syncs: {@value Workload#S2_ROWS} new rows in {@value Workload#S2_TRANSACTIONS} transactions. */
  static List<String> insertS2() {
    List<String> sql = new java.util.ArrayList<>();
    int perTx = Workload.S2_ROWS / Workload.S2_TRANSACTIONS;
    for (int tx = 0; tx < Workload.S2_TRANSACTIONS; tx++) {
      sql.add(insertGenerated(S2_TABLE, perTx, "x, printf('row-%026d', x), x * 1.5, randomblob(16), NULL"));
    }
    return sql;
  }
}
