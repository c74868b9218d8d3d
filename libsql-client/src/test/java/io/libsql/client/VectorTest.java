package io.libsql.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.testing.SqldServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Vectors end to end: {@code float[]}/{@code double[]} in, {@link Row#getVector} out, the same
 * distances on a local file as on a real sqld, and {@code vector_top_k} on sqld. Every vector function
 * is compared with sqld value for value in {@code internal.local.VectorFunctionsTest}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VectorTest {
  private static final String[] CONSTRUCTORS = {
    "vector", "vector32", "vector64", "vector16", "vectorb16", "vector8", "vector1bit"
  };

  @TempDir
  static Path dir;

  static SqldServer sqld;
  static Client remote;
  static Client local;

  @BeforeAll
  static void start() {
    sqld = SqldServer.builder().start();
    remote = Libsql.createClient(sqld.httpUrl());
    local = Libsql.createClient("file:" + dir.resolve("vectors.db"));
  }

  @AfterAll
  static void stop() {
    if (remote != null) {
      remote.close();
    }
    if (local != null) {
      local.close();
    }
    if (sqld != null) {
      sqld.close();
    }
  }

  private static Client client(String kind) {
    switch (kind) {
      case "file":
        return local;
      case "http":
        return remote;
      default:
        return Libsql.createClient(sqld.wsUrl());
    }
  }

  private static void closeIfOwn(Client c) {
    if (c != local && c != remote) {
      c.close();
    }
  }

  private static String table() {
    return "v" + Long.toHexString(System.nanoTime());
  }

  // ---- float[] and double[] in, getVector out ----

  @ParameterizedTest
  @ValueSource(strings = {"file", "http", "ws"})
  void floatArrayStoresWhatVector32Stores(String kind) {
    Client c = client(kind);
    try {
      float[] v = {1, 2, 3};
      Row row = c.execute("SELECT hex(?1), ?1 = vector32('[1,2,3]'), vector_extract(?1)", (Object) v).rows().get(0);
      assertEquals("0000803F0000004000004040", row.getString(0));
      assertEquals(1L, row.getLong(1));
      assertEquals("[1,2,3]", row.getString(2));

      float[] random = randomFloats(new Random(7), 300);
      String t = table();
      c.execute("CREATE TABLE " + t + "(id INTEGER PRIMARY KEY, e F32_BLOB(300))");
      c.execute("INSERT INTO " + t + "(id, e) VALUES (1, ?)", (Object) random);
      c.execute(Statement.named("INSERT INTO " + t + "(id, e) VALUES (2, :e)", Map.of("e", random)));
      c.batch(TransactionMode.WRITE, List.of(Statement.of("INSERT INTO " + t + "(id, e) VALUES (3, ?)", (Object) random)));
      try (Transaction tx = c.transaction(TransactionMode.WRITE)) {
        tx.execute("INSERT INTO " + t + "(id, e) VALUES (4, ?)", (Object) random);
        tx.commit();
      }
      // sqld parses the text of each float back to the same float32 bits.
      String text = Arrays.toString(random);
      ResultSet rs = c.execute("SELECT id, e, e = vector32(?), length(e) FROM " + t + " ORDER BY id", text);
      assertEquals(4, rs.size());
      for (Row r : rs.rows()) {
        assertArrayEquals(random, r.getVector("e"));
        assertEquals(1L, r.getLong(2), "row " + r.getLong(0));
        assertEquals(1200L, r.getLong(3));
      }
      // The reverse: a vector built from text by the database reads back as the same numbers.
      assertArrayEquals(random, c.execute("SELECT vector32(?)", text).rows().get(0).getVector(0));
    } finally {
      closeIfOwn(c);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "http", "ws"})
  void doubleArrayStoresWhatVector64Stores(String kind) {
    Client c = client(kind);
    try {
      double[] v = {1, 2, 3};
      Row row = c.execute("SELECT hex(?1), ?1 = vector64('[1,2,3]'), vector_extract(?1)", (Object) v).rows().get(0);
      assertEquals("000000000000F03F0000000000000040000000000000084002", row.getString(0));
      assertEquals(1L, row.getLong(1));
      assertEquals("[1,2,3]", row.getString(2));
      double[] precise = {0.1, Math.PI, -1e-300, 12345.678901234567};
      Row back = c.execute("SELECT ?1 = vector64(?2), vector32(?1)", precise,
          "[0.1, 3.141592653589793, -1e-300, 12345.678901234567]").rows().get(0);
      assertEquals(1L, back.getLong(0));
      float[] narrowed = {0.1f, (float) Math.PI, -0f, 12345.679f};
      assertArrayEquals(narrowed, back.getVector(1));
    } finally {
      closeIfOwn(c);
    }
  }

  /** Blobs of every layout built by sqld decode to what sqld itself converts them to. */
  @Test
  void everyLayoutDecodes() {
    Random random = new Random(11);
    for (int dims : new int[] {1, 3, 8, 9, 37, 64}) {
      String text = Arrays.toString(randomFloats(random, dims));
      for (String f : CONSTRUCTORS) {
        Row row = remote.execute("SELECT " + f + "(?1), vector32(" + f + "(?1))", text).rows().get(0);
        float[] expected = row.getVector(1);
        assertArrayEquals(expected, row.getVector(0), f + " of " + dims);
        assertArrayEquals(expected, local.execute("SELECT ?", row.getBytes(0)).rows().get(0).getVector(0));
      }
    }
    assertArrayEquals(new float[] {1, -1, 1}, remote.execute("SELECT vector1bit('[1,-2,3]')").rows().get(0).getVector(0));
    assertArrayEquals(new float[] {1, 2, 3}, remote.execute("SELECT vector16('[1,2,3]')").rows().get(0).getVector(0));
  }

  @Test
  void getVectorRejectsWhatIsNotAVector() {
    Row row = remote.execute("SELECT '[1,2]' AS t, x'000109' AS b, 7 AS i, NULL AS n").rows().get(0);
    LibsqlException text = assertThrows(LibsqlException.class, () -> row.getVector("t"));
    assertEquals("ARGUMENT_INVALID", text.code());
    assertTrue(text.getMessage().contains("column \"t\" is text"), text.getMessage());
    LibsqlException blob = assertThrows(LibsqlException.class, () -> row.getVector(1));
    assertEquals("ARGUMENT_INVALID", blob.code());
    assertTrue(blob.getMessage().contains("unexpected binary type: 9"), blob.getMessage());
    assertEquals("ARGUMENT_INVALID", assertThrows(LibsqlException.class, () -> row.getVector(2)).code());
    assertNull(row.getVector("n"));
  }

  // ---- bad input ----

  @Test
  void badVectorsFailBeforeSending() {
    for (Client c : List.of(local, remote)) {
      assertInvalid(c, new float[] {1, Float.NaN}, "argument 1 is a float[] with NaN at index 1");
      assertInvalid(c, new float[] {Float.POSITIVE_INFINITY}, "argument 1 is a float[] with Infinity at index 0");
      assertInvalid(c, new double[] {0, Double.NEGATIVE_INFINITY}, "argument 1 is a double[] with -Infinity at index 1");
      assertInvalid(c, new float[0], "argument 1 is an empty float[]");
      assertInvalid(c, new double[0], "argument 1 is an empty double[]");
      assertInvalid(c, new float[65537], "65537 dimensions");
    }
    LibsqlException named = assertThrows(LibsqlException.class,
        () -> Statement.named("SELECT :v", Map.of("v", new float[] {Float.NaN})));
    assertEquals("ARGUMENT_INVALID", named.code());
  }

  private static void assertInvalid(Client c, Object vector, String message) {
    LibsqlException e = assertThrows(LibsqlException.class, () -> c.execute("SELECT ?", vector));
    assertEquals("ARGUMENT_INVALID", e.code());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void dimensionMismatchesFailWithTheSameMessageLocallyAndOnSqld() {
    float[] two = {1, 2};
    float[] three = {1, 2, 3};
    for (Client c : List.of(local, remote)) {
      LibsqlException e = assertThrows(LibsqlException.class,
          () -> c.execute("SELECT vector_distance_cos(?, ?)", two, three));
      assertEquals("SQLite error: vector_distance: vectors must have the same length: 2 != 3", e.getMessage());
      assertTrue(e.code().equals("SQLITE_ERROR") || e.code().equals("SQLITE_UNKNOWN"), e.code());
      LibsqlException types = assertThrows(LibsqlException.class,
          () -> c.execute("SELECT vector_distance_l2(?, ?)", two, new double[] {1, 2}));
      assertEquals("SQLite error: vector_distance: vectors must have the same type: 1 != 2", types.getMessage());
    }
    // With an index, sqld checks the column's dimensions on insert.
    String t = table();
    remote.execute("CREATE TABLE " + t + "(e F32_BLOB(3))");
    remote.execute("CREATE INDEX " + t + "_idx ON " + t + "(libsql_vector_idx(e))");
    LibsqlException e = assertThrows(LibsqlException.class,
        () -> remote.execute("INSERT INTO " + t + " VALUES (?)", (Object) two));
    assertTrue(e.getMessage().contains("dimensions are different: 2 != 3"), e.getMessage());
  }

  // ---- the same SQL locally and on sqld ----

  /** 2,000 vectors of 64 dimensions, 20 queries: cosine and L2 distances equal within float32 rounding. */
  @Test
  void distancesAgreeOnRandomVectors() {
    Random random = new Random(42);
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      vectors.add(randomGaussian(random, 64));
    }
    String t = table();
    for (Client c : List.of(local, remote)) {
      c.execute("CREATE TABLE " + t + "(id INTEGER PRIMARY KEY, e F32_BLOB(64))");
      insert(c, t, vectors);
    }
    int exact = 0;
    for (int q = 0; q < 20; q++) {
      float[] query = randomGaussian(random, 64);
      String sql = "SELECT id, vector_distance_cos(e, ?1), vector_distance_l2(e, ?1) FROM " + t + " ORDER BY id";
      List<Row> here = local.execute(sql, (Object) query).rows();
      List<Row> there = remote.execute(sql, (Object) query).rows();
      assertEquals(2000, here.size());
      assertEquals(2000, there.size());
      for (int i = 0; i < 2000; i++) {
        for (int col = 1; col <= 2; col++) {
          double a = here.get(i).getDouble(col);
          double b = there.get(i).getDouble(col);
          double ulp = Math.ulp((float) Math.max(Math.abs(a), Math.abs(b)));
          assertTrue(Math.abs(a - b) <= ulp, "row " + i + " column " + col + ": " + a + " locally, " + b + " on sqld");
          if (a == b) {
            exact++;
          }
        }
      }
    }
    // Same float32 operations in the same order: in practice every result is identical.
    assertEquals(2 * 2000 * 20, exact);
  }

  private static void insert(Client c, String table, List<float[]> vectors) {
    for (int from = 0; from < vectors.size(); from += 100) {
      List<Statement> batch = new ArrayList<>();
      for (int i = from; i < Math.min(vectors.size(), from + 100); i++) {
        batch.add(Statement.of("INSERT INTO " + table + "(id, e) VALUES (?, ?)", i + 1, vectors.get(i)));
      }
      c.batch(TransactionMode.WRITE, batch);
    }
  }

  // ---- vector indexes ----

  /** k = 10 over 10,000 vectors: at least 9 of the exact 10 nearest on average over 20 queries. */
  @Test
  void vectorTopKFindsTheNearestOnSqld() {
    Random random = new Random(5);
    int dims = 16;
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      vectors.add(randomGaussian(random, dims));
    }
    String t = table();
    remote.execute("CREATE TABLE " + t + "(id INTEGER PRIMARY KEY, e F32_BLOB(" + dims + "))");
    // Fewer neighbours per node than the default keep the insert time of this test down.
    remote.execute("CREATE INDEX " + t + "_idx ON " + t
        + "(libsql_vector_idx(e, 'metric=cosine', 'max_neighbors=12', 'insert_l=16'))");
    insert(remote, t, vectors);
    int found = 0;
    for (int q = 0; q < 20; q++) {
      float[] query = randomGaussian(random, dims);
      Set<Long> top = remote.execute("SELECT t.id FROM vector_top_k('" + t + "_idx', ?, 10) AS k JOIN " + t
          + " AS t ON t.rowid = k.id", (Object) query).rows().stream().map(r -> r.getLong(0)).collect(Collectors.toSet());
      assertEquals(10, top.size());
      Set<Long> exact = exactNearest(vectors, query, 10, VectorTest::cosineDistance);
      top.retainAll(exact);
      found += top.size();
    }
    assertTrue(found >= 9 * 20, "recall " + found / 200.0);
  }

  private static Set<Long> exactNearest(List<float[]> vectors, float[] query, int k,
      BiFunction<float[], float[], Double> distance) {
    Integer[] ids = new Integer[vectors.size()];
    double[] d = new double[vectors.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
      d[i] = distance.apply(vectors.get(i), query);
    }
    Arrays.sort(ids, (a, b) -> Double.compare(d[a], d[b]));
    Set<Long> out = new HashSet<>();
    for (int i = 0; i < k; i++) {
      out.add(ids[i] + 1L);
    }
    return out;
  }

  private static double cosineDistance(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return 1 - dot / Math.sqrt(na * nb);
  }

  @Test
  void indexFeaturesFailLocallyWithAClearMessage() {
    String t = table();
    local.execute("CREATE TABLE " + t + "(id INTEGER PRIMARY KEY, e F32_BLOB(3))");
    LibsqlException index = assertThrows(LibsqlException.class,
        () -> local.execute("CREATE INDEX " + t + "_idx ON " + t + "(libsql_vector_idx(e))"));
    assertEquals("SQLITE_ERROR", index.code());
    assertTrue(index.getMessage().contains("libsql_vector_idx (vector indexes) needs a libSQL server"), index.getMessage());
    LibsqlException topK = assertThrows(LibsqlException.class,
        () -> local.execute("SELECT id FROM vector_top_k('" + t + "_idx', vector32('[1,2,3]'), 10)"));
    assertEquals("SQLITE_ERROR", topK.code());
    assertTrue(topK.getMessage().contains("vector_top_k (approximate nearest-neighbour search over a vector index)"
        + " needs a libSQL server"), topK.getMessage());
    // The brute-force query the message suggests works the same on both.
    for (Client c : List.of(local, remote)) {
      String u = table();
      c.execute("CREATE TABLE " + u + "(id INTEGER PRIMARY KEY, e F32_BLOB(2))");
      c.batch(TransactionMode.WRITE, List.of(
          Statement.of("INSERT INTO " + u + " VALUES (1, ?)", (Object) new float[] {1, 0}),
          Statement.of("INSERT INTO " + u + " VALUES (2, ?)", (Object) new float[] {0, 1}),
          Statement.of("INSERT INTO " + u + " VALUES (3, ?)", (Object) new float[] {1, 1})));
      List<Long> ids = c.execute("SELECT id FROM " + u + " ORDER BY vector_distance_cos(e, ?) LIMIT 2",
          (Object) new float[] {1, 0.1f}).rows().stream().map(r -> r.getLong(0)).collect(Collectors.toList());
      assertEquals(List.of(1L, 3L), ids);
    }
  }

  // ---- random inputs ----

  private static float[] randomFloats(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((random.nextDouble() * 2 - 1) * Math.pow(10, random.nextInt(9) - 4));
    }
    return v;
  }

  private static float[] randomGaussian(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
