package io.libsql.client.internal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Client;
import io.libsql.client.Libsql;
import io.libsql.client.LibsqlException;
import io.libsql.testing.SqldServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The local vector functions against sqld 0.24.32: number text as its SQLite reads and writes it, and
 * every function on many inputs compared value for value and error message for error message.
 * The local side is a bare sqlite-jdbc connection with the functions registered.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VectorFunctionsTest {
  private static final String[] CONSTRUCTORS = {
    "vector", "vector32", "vector64", "vector16", "vectorb16", "vector8", "vector1bit"
  };

  static SqldServer sqld;
  static Client remote;
  static Connection local;

  @BeforeAll
  static void start() throws SQLException {
    sqld = SqldServer.builder().start();
    remote = Libsql.createClient(sqld.httpUrl());
    local = DriverManager.getConnection("jdbc:sqlite::memory:");
    VectorFunctions.register(local);
  }

  @AfterAll
  static void stop() throws SQLException {
    if (local != null) {
      local.close();
    }
    if (remote != null) {
      remote.close();
    }
    if (sqld != null) {
      sqld.close();
    }
  }
  private static double atof(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return VectorFunctions.atof(b, b.length);
  }

  @Test
  void formatsLikeSqlitePercentG() {
    // SELECT vector_extract(vector32('[0.1, -0.0, 1e-7, 123456789, 1e39, 3.4e38, 1e-45, 0.000123456,
    //   1234567, 100000, 999999.5]'))
    float[] in = {0.1f, -0.0f, 1e-7f, 123456789f, Float.POSITIVE_INFINITY, 3.4e38f, 1e-45f, 0.000123456f,
        1234567f, 100000f, 999999.5f};
    String[] out = {"0.1", "0", "1e-07", "1.23457e+08", "Inf", "3.4e+38", "1.4013e-45", "0.000123456",
        "1.23457e+06", "100000", "1e+06"};
    for (int i = 0; i < in.length; i++) {
      assertEquals(out[i], VectorFunctions.formatG(in[i]), "float " + in[i]);
    }
    // The same through vector64: doubles keep their magnitude.
    assertEquals("1e+39", VectorFunctions.formatG(1e39));
    assertEquals("1e+300", VectorFunctions.formatG(1e300));
    assertEquals("4.94066e-324", VectorFunctions.formatG(Double.MIN_VALUE));
    assertEquals("NaN", VectorFunctions.formatG(Double.NaN));
    assertEquals("-Inf", VectorFunctions.formatG(Double.NEGATIVE_INFINITY));
    // SQLite rounds its decimal digits half up; C's printf would print 1.23456e+06 here.
    assertEquals("1.23457e+06", VectorFunctions.formatG(1234565));
  }

  @Test
  void parsesWithLongDoubleArithmetic() {
    // vector64('[0.0018518142090593225, ...]') on sqld: one ulp above the correctly rounded value.
    assertEquals(Double.longBitsToDouble(0x3f5e57125dd5dbd2L), atof("0.0018518142090593225"));
    assertEquals(Double.longBitsToDouble(0x3f4c918c49728caaL), atof("0.0008718428606652357"));
    assertEquals(Double.longBitsToDouble(0x3fa013331a6c94d8L), atof("0.031396481490711"));
    assertEquals(0.1, atof("0.1"));
    assertEquals(5.0, atof("5."));
    assertEquals(-5.0, atof("-.5e+1"));
    assertEquals(Double.POSITIVE_INFINITY, atof("1e400"));
    assertEquals(0.0, atof("1e-400"));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(atof("-0")));
    for (String bad : new String[] {"", "inf", "0x10", "1e", "1e+", "--1", ".", "1.5f", "\"1\""}) {
      assertTrue(Double.isNaN(atof(bad)), bad);
    }
  }

  @Test
  void namesLibsqlOnlyFeatures() {
    assertTrue(VectorFunctions.libsqlOnlyFeature("no such table: vector_top_k").startsWith("vector_top_k"));
    assertTrue(VectorFunctions.libsqlOnlyFeature("no such table: main.vector_top_k").startsWith("vector_top_k"));
    assertTrue(VectorFunctions.libsqlOnlyFeature("no such function: LIBSQL_VECTOR_IDX").startsWith("libsql_vector_idx"));
    assertNull(VectorFunctions.libsqlOnlyFeature("no such table: vectors"));
    assertNull(VectorFunctions.libsqlOnlyFeature("no such function: vector_top"));
  }

  @Test
  void sameResultsAsSqld() {
    List<Object> inputs = new ArrayList<>(List.of(
        "[1,2,3]", "[]", " [ 1 , 2 ] ", "[1 2, 3]", "[.5,5.,+1,-.5e+1]", "[-0]", "[0, 0, 0]",
        "[0.1, -0.0, 1e-7, 123456789, 1e39, 3.4e38, 1e-45, 0.000123456, 1234567, 100000, 999999.5]",
        "[1e-400, 1e400, 12345678901234567890123, 0.000000000000000000000000123456789012345678901]",
        // x87 long double parsing: these differ from a correctly rounded parse in the last bit.
        "[0.0018518142090593225, 0.0008718428606652357, 0.000163705218971065, 0.031396481490711, 0.079865276463597]",
        // %g ties, float16 edges and subnormals, 8-bit quantisation steps
        "[1234565, 1234575, 0.1234565, 65504, 65520, 65519.99, 6e-8, 3e-8, 1e-5, 5.960464477539063e-8]",
        "[255, 254.5, -1, 1e-38, 1.17549435e-38, 1e30, -1e30]", "[7, 7, 7]",
        // not vectors
        "1,2", "[1,2", "[1,2] x", "[inf]", "[0x10]", "[1e]", "[1,,2]", "[1,2,]", "[\"1\"]", "[1e+]", "[--1]", "[.]",
        new byte[0], new byte[] {0}, new byte[] {0, 0, (byte) 0x80, 0x3f, 1},
        new byte[] {0, 0, (byte) 0x80, 0x3f, 0}, new byte[] {0, 0, (byte) 0x80}, new byte[] {1, 2, 3, 4, 5, 2, 2},
        new byte[] {0, 0, (byte) 0xc0, 0x7f, 0, 0, (byte) 0x80, 0x7f, 0, 0, (byte) 0x80, (byte) 0xff},
        new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 1}, new byte[] {2}, new byte[] {5},
        1L, 1.5));
    inputs.add(null);
    Random random = new Random(3);
    for (int i = 0; i < 40; i++) {
      inputs.add(randomText(random, 1 + random.nextInt(i < 30 ? 12 : 300)));
    }
    List<String> simple = new ArrayList<>(List.of("vector_extract(?1)"));
    List<String> all = new ArrayList<>(simple);
    for (String f : CONSTRUCTORS) {
      simple.add(f + "(?1)");
      all.add(f + "(?1)");
      all.add("vector_extract(" + f + "(?1))");
      for (String g : CONSTRUCTORS) {
        all.add(g + "(" + f + "(?1))");
        all.add("vector_extract(" + g + "(" + f + "(?1)))");
      }
    }
    List<String> mismatches = new ArrayList<>();
    // Float32 blobs of 4n+2 bytes: the constructors fail as on sqld. sqld's vector_extract and
    // distances ignore that size error (they test "< 0" of a function returning 1) and read
    // uninitialised memory; we report the error instead.
    for (byte[] input : List.of(new byte[] {0, 7}, new byte[] {1, 2, 3, 4, 5, 2})) {
      for (String f : CONSTRUCTORS) {
        compare("SELECT " + f + "(?1)", new Object[] {input}, mismatches, false);
      }
      assertEquals("error: SQLite error: vector: unexpected data part size: type=1, dims=" + input.length / 4 + ", "
          + input.length + " != " + input.length / 4 * 4, local("SELECT vector_extract(?1)", new Object[] {input}));
    }
    for (Object input : inputs) {
      Object[] args = {input};
      // One query per input; when it fails, each function on its own (for the error message).
      if (!compare("SELECT " + String.join(", ", all), args, mismatches, true)) {
        for (String expression : simple) {
          compare("SELECT " + expression, args, mismatches, false);
        }
      }
    }
    List<String> distances = new ArrayList<>(List.of("vector_distance_cos(?1, ?2)", "vector_distance_l2(?1, ?2)"));
    for (String f : CONSTRUCTORS) {
      distances.add("vector_distance_cos(" + f + "(?1), " + f + "(?2))");
      if (!f.equals("vector1bit")) {
        distances.add("vector_distance_l2(" + f + "(?1), " + f + "(?2))");
      }
    }
    for (int i = 0; i < 40; i++) {
      int dims = 1 + random.nextInt(i < 30 ? 40 : 700);
      compare("SELECT " + String.join(", ", distances),
          new Object[] {randomText(random, dims), randomText(random, dims)}, mismatches, false);
    }
    for (String sql : List.of("SELECT vector_distance_cos('[0,0]', '[1,2]')", "SELECT vector_distance_l2(x'', x'')",
        "SELECT vector_distance_cos(x'', x'')", "SELECT vector_distance_cos(vector1bit('[1,-2,3]'), vector1bit('[-1,2,3]'))",
        "SELECT vector_distance_l2(vector1bit('[1]'), vector1bit('[1]'))", "SELECT vector_distance_cos(1, x'')",
        "SELECT vector_distance_cos('[1,2]', vector64('[1,2]'))", "SELECT vector_distance_l2('[1,2]', '[1,2,3]')",
        "SELECT vector_distance_cos('[1,,2]', '[1,2,3]')", "SELECT vector_distance_cos('[1,,2]', '[x]')",
        "SELECT vector_distance_l2(vector8('[1,2,3]'), vector8('[3,2,1]'))",
        "SELECT vector_distance_cos(vector8('[1,2,3]'), vector8('[3,2,1]'))",
        "SELECT typeof(vector32('[]')), typeof(vector_distance_cos('[1]', '[1]'))")) {
      compare(sql, new Object[0], mismatches, false);
    }
    assertTrue(mismatches.isEmpty(), mismatches.size() + " differ, e.g.:\n"
        + mismatches.stream().limit(10).collect(Collectors.joining("\n")));
  }

  /** Runs {@code sql} on both; false if it failed on both (with no mismatch recorded when {@code quiet}). */
  private static boolean compare(String sql, Object[] args, List<String> mismatches, boolean quiet) {
    String here = local(sql, args);
    String there = remote(sql, args);
    boolean failed = here.startsWith("error: ") && there.startsWith("error: ");
    if (!here.equals(there) && !(quiet && failed)) {
      String shown = sql.length() > 200 ? sql.substring(0, 200) + "..." : sql;
      mismatches.add(shown + " " + Arrays.deepToString(args) + "\n  local: " + here + "\n  sqld:  " + there);
    }
    return !failed;
  }

  private static String local(String sql, Object[] args) {
    try (PreparedStatement ps = local.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        Object a = args[i];
        if (a == null) {
          ps.setNull(i + 1, java.sql.Types.NULL);
        } else if (a instanceof byte[]) {
          ps.setBytes(i + 1, (byte[]) a);
        } else {
          ps.setObject(i + 1, a);
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        List<String> out = new ArrayList<>();
        for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
          Object v = rs.getObject(c);
          out.add(describe(v instanceof Integer ? Long.valueOf((Integer) v) : v));
        }
        return String.join(", ", out);
      }
    } catch (SQLException e) {
      return "error: SQLite error: " + SqliteErrors.sqliteMessage(e.getMessage());
    }
  }

  private static String remote(String sql, Object[] args) {
    try {
      return remote.execute(sql, args).rows().get(0).values().stream().map(VectorFunctionsTest::describe)
          .collect(Collectors.joining(", "));
    } catch (LibsqlException e) {
      return "error: " + e.getMessage();
    }
  }

  private static String describe(Object v) {
    if (v instanceof byte[]) {
      byte[] b = ((byte[]) v).clone();
      int n = b.length - 1;
      if (n > 2 && n % 2 == 0 && b[n] == 4) {
        // sqld leaves the padding of 8-bit vectors uninitialised (vectorF8SerializeToBlob copies only
        // the used bytes); we write zeros. Compare with the padding zeroed.
        int padding = b[n - 1] & 0xff;
        int dims = n - 2 - 8 - padding;
        for (int i = Math.max(0, dims); i < dims + padding && i < n; i++) {
          b[i] = 0;
        }
      }
      StringBuilder hex = new StringBuilder("x'");
      for (byte x : b) {
        hex.append(String.format(Locale.ROOT, "%02x", x));
      }
      return hex.append('\'').toString();
    }
    if (v instanceof Double) {
      return "real " + Double.toHexString((Double) v);
    }
    return v instanceof String ? "'" + v + "'" : String.valueOf(v);
  }

  /** Vector text in assorted number formats and magnitudes. */
  private static String randomText(Random random, int n) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(random.nextBoolean() ? "," : ", ");
      }
      if (random.nextBoolean()) {
        b.append('-');
      }
      int digits = 1 + random.nextInt(20);
      StringBuilder m = new StringBuilder();
      for (int d = 0; d < digits; d++) {
        m.append((char) ('0' + random.nextInt(10)));
      }
      m.insert(random.nextInt(digits + 1), '.');
      b.append(m);
      if (random.nextInt(3) == 0) {
        b.append('e').append(random.nextInt(90) - 50);
      }
    }
    return b.append(']').toString();
  }
}
