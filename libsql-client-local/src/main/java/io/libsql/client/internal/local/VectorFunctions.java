package io.libsql.client.internal.local;

import io.libsql.client.internal.result.Vectors;
import io.libsql.client.internal.result.Vectors.Vector;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import org.sqlite.Function;

/**
 * libSQL's scalar vector functions for plain SQLite, so that the same SQL runs on a {@code file:}
 * database as on sqld: {@code vector}, {@code vector32}, {@code vector64}, {@code vector16},
 * {@code vectorb16}, {@code vector8}, {@code vector1bit}, {@code vector_extract},
 * {@code vector_distance_cos} and {@code vector_distance_l2}.
 *
 * <p>Results are those of {@code libsql-sqlite3/src/vector*.c} bit for bit: the same blobs, the same
 * float32 arithmetic for distances, the same text ({@code %g}) and the same error messages. sqld's
 * SQLite parses and prints numbers with x87 80-bit {@code long double} arithmetic (as SQLite does on
 * x86-64, {@code sqlite3Config.bUseLongDouble}); {@link Ext} emulates it so that, for example,
 * {@code vector64('[0.0018518142090593225]')} gets the same last bit as on sqld.
 *
 * <p>What needs libSQL's engine, {@code libsql_vector_idx} indexes and the {@code vector_top_k}
 * table-valued function, is deliberately not registered: SQLite then fails while preparing the
 * statement ("no such function", "no such table"), before anything is written, and
 * {@link #libsqlOnlyFeature} turns that into a message naming the feature. Registering a stand-in
 * {@code libsql_vector_idx} would let {@code CREATE INDEX} succeed on an empty table and fail
 * later, and sqlite-jdbc cannot register a table-valued function.
 *
 * <p>Function objects are per connection: sqlite-jdbc keeps the call context in the object.
 */
final class VectorFunctions {
  private static final int SQLITE_INTEGER = 1;
  private static final int SQLITE_FLOAT = 2;
  private static final int SQLITE_TEXT = 3;
  private static final int SQLITE_BLOB = 4;
  /** {@code MAX_FLOAT_CHAR_SZ}: longest number text in a vector. */
  private static final int MAX_FLOAT_CHARS = 1024;

  private VectorFunctions() {}

  /** Registers the functions on {@code conn}; closes it and rethrows if that fails. */
  static void register(Connection conn) throws SQLException {
    try {
      int flags = Function.FLAG_DETERMINISTIC;
      Function.create(conn, "vector", new Convert(Vectors.F32), 1, flags);
      Function.create(conn, "vector32", new Convert(Vectors.F32), 1, flags);
      Function.create(conn, "vector64", new Convert(Vectors.F64), 1, flags);
      Function.create(conn, "vector16", new Convert(Vectors.F16), 1, flags);
      Function.create(conn, "vectorb16", new Convert(Vectors.BF16), 1, flags);
      Function.create(conn, "vector8", new Convert(Vectors.F8), 1, flags);
      Function.create(conn, "vector1bit", new Convert(Vectors.BIT1), 1, flags);
      Function.create(conn, "vector_extract", new Extract(), 1, flags);
      Function.create(conn, "vector_distance_cos", new Distance(true), 2, flags);
      Function.create(conn, "vector_distance_l2", new Distance(false), 2, flags);
    } catch (SQLException | RuntimeException e) {
      try {
        conn.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * For SQLite's message about a missing function or table, the message to show instead when the
   * name is one of libSQL's vector features; otherwise null.
   */
  static String libsqlOnlyFeature(String sqliteMessage) {
    if (sqliteMessage == null) {
      return null;
    }
    String m = sqliteMessage.toLowerCase(Locale.ROOT);
    if (m.equals("no such table: vector_top_k") || m.equals("no such table: main.vector_top_k")
        || m.equals("no such function: vector_top_k")) {
      return "vector_top_k (approximate nearest-neighbour search over a vector index) needs a libSQL server"
          + " (sqld or Turso); a local file: database is plain SQLite. For an exact search use"
          + " ORDER BY vector_distance_cos(column, ?) LIMIT k";
    }
    if (m.equals("no such function: libsql_vector_idx")) {
      return "libsql_vector_idx (vector indexes) needs a libSQL server (sqld or Turso); a local file: database"
          + " is plain SQLite and cannot build vector indexes. Without the index, search with"
          + " ORDER BY vector_distance_cos(column, ?) LIMIT k";
    }
    return null;
  }

  // ---- the SQL functions ----

  /** Reports an {@link IllegalArgumentException}'s message as the SQL error, as libSQL does. */
  private abstract static class VectorFunction extends Function {
    @Override
    protected final void xFunc() throws SQLException {
      try {
        call();
      } catch (IllegalArgumentException e) {
        error(e.getMessage());
      }
    }

    abstract void call() throws SQLException;

    /** Argument {@code i}'s layout ({@code detectVectorParameters}); text is only counted here. */
    final Arg detect(int i, int textType) throws SQLException {
      int t = value_type(i);
      if (t == SQLITE_BLOB) {
        byte[] blob = value_blob(i);
        return new Arg(Vector.meta(blob == null ? new byte[0] : blob), null, 0, 0);
      }
      if (t == SQLITE_TEXT) {
        byte[] text = value_text(i).getBytes(StandardCharsets.UTF_8);
        int dims = 0;
        boolean digit = false;
        for (byte b : text) {
          if (b == ',') {
            dims++;
          } else if (b >= '0' && b <= '9') {
            digit = true;
          }
        }
        return new Arg(null, text, textType, digit ? dims + 1 : dims);
      }
      throw new IllegalArgumentException("vector: unexpected value type: got "
          + (t == SQLITE_INTEGER ? "INTEGER" : t == SQLITE_FLOAT ? "FLOAT" : "NULL") + ", expected TEXT or BLOB");
    }

    final void result(Vector v) throws SQLException {
      result(v.serialize());
    }
  }

  /** An argument after detection: a blob's layout, or text still to parse. */
  private static final class Arg {
    final Vector blob;
    final byte[] text;
    final int type;
    final int dims;

    Arg(Vector blob, byte[] text, int textType, int textDims) {
      this.blob = blob;
      this.text = text;
      this.type = blob != null ? blob.type : textType;
      this.dims = blob != null ? blob.dims : textDims;
    }

    Vector parse() {
      if (blob != null) {
        return blob.checked();
      }
      return Vectors.parse(parseText(text, type == Vectors.F64));
    }
  }

  /** {@code vector}, {@code vector32}, {@code vector64}, ...: text or any blob to one layout. */
  private static final class Convert extends VectorFunction {
    private final int target;

    Convert(int target) {
      this.target = target;
    }

    @Override
    void call() throws SQLException {
      Vector v = detect(0, target == Vectors.F64 ? Vectors.F64 : Vectors.F32).parse();
      if (v.type == target) {
        result(v);
      } else {
        result(v.convertTo(target));
      }
    }
  }

  /** {@code vector_extract}: the text form, float64 for float64 vectors and float32 for the rest. */
  private static final class Extract extends VectorFunction {
    @Override
    void call() throws SQLException {
      Vector v = detect(0, Vectors.F32).parse();
      StringBuilder out = new StringBuilder(2 + v.dims * 8).append('[');
      for (int i = 0; i < v.dims; i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(formatG(v.type == Vectors.F64 ? v.doubleAt(i) : v.floatAt(i)));
      }
      result(out.append(']').toString());
    }
  }

  /** {@code vector_distance_cos} and {@code vector_distance_l2}. */
  private static final class Distance extends VectorFunction {
    private final boolean cos;

    Distance(boolean cos) {
      this.cos = cos;
    }

    @Override
    void call() throws SQLException {
      Arg a = detect(0, Vectors.F32);
      Arg b = detect(1, Vectors.F32);
      if (a.type != b.type) {
        throw new IllegalArgumentException(
            "vector_distance: vectors must have the same type: " + a.type + " != " + b.type);
      }
      if (a.dims != b.dims) {
        throw new IllegalArgumentException(
            "vector_distance: vectors must have the same length: " + a.dims + " != " + b.dims);
      }
      if (!cos && a.type == Vectors.BIT1) {
        throw new IllegalArgumentException("vector_distance: l2 distance is not supported for float1bit vectors");
      }
      Vector x = a.parse();
      Vector y = b.parse();
      // A NaN result (a zero vector) becomes NULL, as sqlite3_result_double makes it on sqld.
      result((double) (cos ? distanceCos(x, y) : distanceL2(x, y)));
    }
  }

  // ---- distances: vectorfloat32.c, vectorfloat64.c, vectorfloat8.c, vector1bit.c, vectorfloat16.c ----

  static float distanceCos(Vector x, Vector y) {
    int n = x.dims;
    switch (x.type) {
      case Vectors.F64: {
        double dot = 0;
        double norm1 = 0;
        double norm2 = 0;
        for (int i = 0; i < n; i++) {
          double a = x.doubleAt(i);
          double b = y.doubleAt(i);
          dot += a * b;
          norm1 += a * a;
          norm2 += b * b;
        }
        return (float) (1.0 - (dot / Math.sqrt(norm1 * norm2)));
      }
      case Vectors.BIT1: {
        int diff = 0;
        for (int i = 0, bytes = (n + 7) / 8; i < bytes; i++) {
          diff += Integer.bitCount(x.byteAt(i) ^ y.byteAt(i));
        }
        return diff;
      }
      case Vectors.F8: {
        float alpha1 = x.alpha();
        float shift1 = x.shift();
        float alpha2 = y.alpha();
        float shift2 = y.shift();
        long sum1 = 0;
        long sum2 = 0;
        long sumsq1 = 0;
        long sumsq2 = 0;
        long doti = 0;
        for (int i = 0; i < n; i++) {
          int a = x.byteAt(i);
          int b = y.byteAt(i);
          sum1 += a;
          sum2 += b;
          sumsq1 += a * a;
          sumsq2 += b * b;
          doti += a * b;
        }
        float dims = n;
        float dot = alpha1 * alpha2 * (float) doti + alpha1 * shift2 * (float) sum1 + alpha2 * shift1 * (float) sum2
            + shift1 * shift2 * dims;
        float norm1 = alpha1 * alpha1 * (float) sumsq1 + 2 * alpha1 * shift1 * (float) sum1 + shift1 * shift1 * dims;
        float norm2 = alpha2 * alpha2 * (float) sumsq2 + 2 * alpha2 * shift2 * (float) sum2 + shift2 * shift2 * dims;
        return (float) (1.0 - (dot / Math.sqrt(norm1 * norm2)));
      }
      default: {
        float dot = 0;
        float norm1 = 0;
        float norm2 = 0;
        for (int i = 0; i < n; i++) {
          float a = x.floatAt(i);
          float b = y.floatAt(i);
          dot += a * b;
          norm1 += a * a;
          norm2 += b * b;
        }
        return (float) (1.0 - (dot / Math.sqrt(norm1 * norm2)));
      }
    }
  }

  static float distanceL2(Vector x, Vector y) {
    int n = x.dims;
    if (x.type == Vectors.F64) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double d = x.doubleAt(i) - y.doubleAt(i);
        sum += d * d;
      }
      return (float) Math.sqrt(sum);
    }
    float sum = 0;
    for (int i = 0; i < n; i++) {
      float d = x.floatAt(i) - y.floatAt(i);
      sum += d * d;
    }
    return (float) Math.sqrt(sum);
  }

  // ---- text: vectorParseSqliteText, sqlite3AtoF, sqlite3FpDecode and printf's %g ----

  private static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** Parses {@code '[1, 2.5, -3e4]'} into a float32 or float64 blob, with libSQL's messages. */
  static byte[] parseText(byte[] z, boolean f64) {
    int len = 0;
    while (len < z.length && z[len] != 0) {
      len++;
    }
    int p = 0;
    while (p < len && isSpace(z[p])) {
      p++;
    }
    if (p >= len || z[p] != '[') {
      throw new IllegalArgumentException("vector: must start with '['");
    }
    p++;
    byte[] buf = new byte[MAX_FLOAT_CHARS + 1];
    int iBuf = 0;
    double[] values = new double[16];
    int n = 0;
    for (; p < len; p++) {
      byte c = z[p];
      if (isSpace(c)) {
        continue;
      }
      if (c != ',' && c != ']') {
        if (iBuf > MAX_FLOAT_CHARS) {
          throw new IllegalArgumentException("vector: float string length exceeded " + MAX_FLOAT_CHARS
              + " characters: '" + new String(buf, 0, iBuf, StandardCharsets.UTF_8) + "'");
        }
        buf[iBuf++] = c;
        continue;
      }
      if (c == ']' && n == 0 && iBuf == 0) {
        break;
      }
      double value = atof(buf, iBuf);
      if (Double.isNaN(value)) {
        throw new IllegalArgumentException("vector: invalid float at position " + n + ": '"
            + new String(buf, 0, iBuf, StandardCharsets.UTF_8) + "'");
      }
      if (n >= Vectors.MAX_DIMS) {
        throw new IllegalArgumentException("vector: max size exceeded " + Vectors.MAX_DIMS);
      }
      iBuf = 0;
      if (n == values.length) {
        values = Arrays.copyOf(values, n * 2);
      }
      values[n++] = value;
      if (c == ']') {
        break;
      }
    }
    while (p < len && isSpace(z[p])) {
      p++;
    }
    if (p >= len || z[p] != ']') {
      throw new IllegalArgumentException("vector: must end with ']'");
    }
    p++;
    while (p < len && isSpace(z[p])) {
      p++;
    }
    if (p < len) {
      throw new IllegalArgumentException("vector: non-space symbols after closing ']' are forbidden");
    }
    if (f64) {
      return Vectors.encodeF64(Arrays.copyOf(values, n));
    }
    float[] floats = new float[n];
    for (int i = 0; i < n; i++) {
      floats[i] = (float) values[i];
    }
    return Vectors.encodeF32(floats);
  }

  private static final long LIMIT_DIGITS = Long.divideUnsigned(-1L - 9, 10); // (LARGEST_UINT64-9)/10
  private static final long LIMIT_SCALE = Long.divideUnsigned(-1L, 10); // LARGEST_UINT64/10

  /**
   * {@code sqlite3AtoF} with the long double path: the number in {@code z[0..len)}, or NaN when the
   * text is not entirely a number (SQLite's result is never NaN).
   */
  static double atof(byte[] z, int len) {
    int i = 0;
    while (i < len && isSpace(z[i])) {
      i++;
    }
    if (i >= len) {
      return Double.NaN;
    }
    int sign = 1;
    long s = 0;
    int d = 0;
    int esign = 1;
    int e = 0;
    boolean eValid = true;
    int nDigit = 0;
    if (z[i] == '-') {
      sign = -1;
      i++;
    } else if (z[i] == '+') {
      i++;
    }
    scan:
    {
      while (i < len && isDigit(z[i])) {
        s = s * 10 + (z[i] - '0');
        i++;
        nDigit++;
        if (Long.compareUnsigned(s, LIMIT_DIGITS) >= 0) {
          while (i < len && isDigit(z[i])) {
            i++;
            d++;
          }
        }
      }
      if (i >= len) {
        break scan;
      }
      if (z[i] == '.') {
        i++;
        while (i < len && isDigit(z[i])) {
          if (Long.compareUnsigned(s, LIMIT_DIGITS) < 0) {
            s = s * 10 + (z[i] - '0');
            d--;
            nDigit++;
          }
          i++;
        }
      }
      if (i >= len) {
        break scan;
      }
      if (z[i] == 'e' || z[i] == 'E') {
        i++;
        eValid = false;
        if (i >= len) {
          break scan;
        }
        if (z[i] == '-') {
          esign = -1;
          i++;
        } else if (z[i] == '+') {
          i++;
        }
        while (i < len && isDigit(z[i])) {
          e = e < 10000 ? e * 10 + (z[i] - '0') : 10000;
          i++;
          eValid = true;
        }
      }
      while (i < len && isSpace(z[i])) {
        i++;
      }
    }
    if (i != len || nDigit == 0 || !eValid) {
      return Double.NaN;
    }
    if (s == 0) {
      return sign < 0 ? -0.0 : 0.0;
    }
    e = e * esign + d;
    while (e > 0 && Long.compareUnsigned(s, LIMIT_SCALE) < 0) {
      s *= 10;
      e--;
    }
    while (e < 0 && Long.remainderUnsigned(s, 10) == 0) {
      s = Long.divideUnsigned(s, 10);
      e++;
    }
    double result;
    if (e == 0) {
      result = Ext.ofUnsigned(s).toDouble();
    } else {
      Ext r = Ext.ofUnsigned(s);
      if (e > 0) {
        for (; e >= 100; e -= 100) {
          r = r.mul(Ext.E100);
        }
        for (; e >= 10; e -= 10) {
          r = r.mul(Ext.E10);
        }
        for (; e >= 1; e -= 1) {
          r = r.mul(Ext.E1);
        }
      } else {
        for (; e <= -100; e += 100) {
          r = r.mul(Ext.EM100);
        }
        for (; e <= -10; e += 10) {
          r = r.mul(Ext.EM10);
        }
        for (; e <= -1; e += 1) {
          r = r.mul(Ext.EM1);
        }
      }
      result = r.compareTo(Ext.DBL_MAX) > 0 ? Double.POSITIVE_INFINITY : r.toDouble();
    }
    return sign < 0 ? -result : result;
  }

  /** {@code sqlite3_snprintf("%g", r)}: six significant digits, rounded half up on SQLite's digits. */
  static String formatG(double r) {
    if (Double.isNaN(r)) {
      return "NaN";
    }
    if (Double.isInfinite(r)) {
      return r > 0 ? "Inf" : "-Inf";
    }
    if (r == 0) {
      return "0";
    }
    boolean negative = r < 0;
    // sqlite3FpDecode: scale into [1e17, 1e19) in long double, take the integer's digits.
    Ext rr = Ext.ofDouble(Math.abs(r));
    int exp = 0;
    if (Math.abs(r) >= 1.0e19) {
      while (rr.compareTo(Ext.E119) >= 0) {
        exp += 100;
        rr = rr.mul(Ext.EM100);
      }
      while (rr.compareTo(Ext.E29) >= 0) {
        exp += 10;
        rr = rr.mul(Ext.EM10);
      }
      while (rr.compareTo(Ext.E19) >= 0) {
        exp++;
        rr = rr.mul(Ext.EM1);
      }
    } else {
      while (rr.compareTo(Ext.EM97) < 0) {
        exp -= 100;
        rr = rr.mul(Ext.E100);
      }
      while (rr.compareTo(Ext.E7) < 0) {
        exp -= 10;
        rr = rr.mul(Ext.E10);
      }
      while (rr.compareTo(Ext.E17) < 0) {
        exp--;
        rr = rr.mul(Ext.E1);
      }
    }
    char[] z = Long.toUnsignedString(rr.truncate()).toCharArray();
    int n = z.length;
    int iDP = n + exp;
    final int digits = 6;
    String sig;
    if (n > digits) {
      char[] kept = Arrays.copyOf(z, digits);
      if (z[digits] >= '5') {
        int j = digits - 1;
        while (true) {
          kept[j]++;
          if (kept[j] <= '9') {
            break;
          }
          kept[j] = '0';
          if (j == 0) {
            kept = ("1" + new String(kept)).toCharArray();
            iDP++;
            break;
          }
          j--;
        }
      }
      sig = new String(kept);
    } else {
      sig = new String(z);
    }
    int end = sig.length();
    while (end > 0 && sig.charAt(end - 1) == '0') {
      end--;
    }
    sig = sig.substring(0, end);
    // printf's etGENERIC with precision 6.
    StringBuilder out = new StringBuilder(16);
    if (negative) {
      out.append('-');
    }
    int e10 = iDP - 1;
    int j = 0;
    if (e10 < -4 || e10 > digits - 1) {
      out.append(sig.charAt(j++)).append('.');
      for (int k = 0; k < digits - 1; k++) {
        out.append(j < sig.length() ? sig.charAt(j++) : '0');
      }
      stripZeros(out);
      int x = Math.abs(e10);
      out.append('e').append(e10 < 0 ? '-' : '+');
      if (x >= 100) {
        out.append((char) ('0' + x / 100));
        x %= 100;
      }
      out.append((char) ('0' + x / 10)).append((char) ('0' + x % 10));
    } else {
      int precision = digits - 1 - e10;
      int e2 = e10;
      if (e2 < 0) {
        out.append('0');
      } else {
        for (; e2 >= 0; e2--) {
          out.append(j < sig.length() ? sig.charAt(j++) : '0');
        }
      }
      boolean point = precision > 0;
      if (point) {
        out.append('.');
      }
      for (e2++; e2 < 0 && precision > 0; precision--, e2++) {
        out.append('0');
      }
      while (precision-- > 0) {
        out.append(j < sig.length() ? sig.charAt(j++) : '0');
      }
      if (point) {
        stripZeros(out);
      }
    }
    return out.toString();
  }

  private static void stripZeros(StringBuilder out) {
    int end = out.length();
    while (out.charAt(end - 1) == '0') {
      end--;
    }
    if (out.charAt(end - 1) == '.') {
      end--;
    }
    out.setLength(end);
  }

  /**
   * A positive x87 extended-precision number: a 64-bit significand with its top bit set, times
   * {@code 2^(e - 63)}; products round to nearest even, as the FPU does at extended precision.
   * The exponent is unbounded: the values SQLite computes stay in the x87 range or end as 0 or Inf
   * either way.
   */
  static final class Ext {
    static final Ext ZERO = new Ext(0, 0);
    static final Ext E1 = ofPowerOfTen(1);
    static final Ext E7 = ofPowerOfTen(7);
    static final Ext E10 = ofPowerOfTen(10);
    static final Ext E17 = ofPowerOfTen(17);
    static final Ext E19 = ofPowerOfTen(19);
    static final Ext E29 = ofPowerOfTen(29);
    static final Ext E100 = ofPowerOfTen(100);
    static final Ext E119 = ofPowerOfTen(119);
    static final Ext EM1 = ofPowerOfTen(-1);
    static final Ext EM10 = ofPowerOfTen(-10);
    static final Ext EM97 = ofPowerOfTen(-97);
    static final Ext EM100 = ofPowerOfTen(-100);
    static final Ext DBL_MAX = ofDouble(Double.MAX_VALUE);

    /** Unsigned; top bit set unless zero. */
    final long m;
    final int e;

    private Ext(long m, int e) {
      this.m = m;
      this.e = e;
    }

    static Ext ofUnsigned(long s) {
      if (s == 0) {
        return ZERO;
      }
      int lz = Long.numberOfLeadingZeros(s);
      return new Ext(s << lz, 63 - lz);
    }

    /** A positive finite double, exactly. */
    static Ext ofDouble(double d) {
      long bits = Double.doubleToRawLongBits(d);
      int biased = (int) (bits >>> 52) & 0x7ff;
      long fraction = bits & ((1L << 52) - 1);
      if (biased == 0) {
        if (fraction == 0) {
          return ZERO;
        }
        int lz = Long.numberOfLeadingZeros(fraction);
        return new Ext(fraction << lz, -1011 - lz);
      }
      return new Ext(((1L << 52) | fraction) << 11, biased - 1023);
    }

    /** The long double literal {@code 1.0e<k>L}, correctly rounded as a compiler does. */
    static Ext ofPowerOfTen(int k) {
      BigInteger num = k >= 0 ? BigInteger.TEN.pow(k) : BigInteger.ONE;
      BigInteger den = k >= 0 ? BigInteger.ONE : BigInteger.TEN.pow(-k);
      int e = num.bitLength() - den.bitLength();
      if (compareScaled(num, den, e) < 0) {
        e--;
      }
      // q = num * 2^(63 - e) / den, in [2^63, 2^64)
      int shift = 63 - e;
      BigInteger n = shift >= 0 ? num.shiftLeft(shift) : num;
      BigInteger dd = shift >= 0 ? den : den.shiftLeft(-shift);
      BigInteger[] qr = n.divideAndRemainder(dd);
      BigInteger q = qr[0];
      int c = qr[1].shiftLeft(1).compareTo(dd);
      if (c > 0 || (c == 0 && q.testBit(0))) {
        q = q.add(BigInteger.ONE);
      }
      if (q.bitLength() > 64) {
        q = q.shiftRight(1);
        e++;
      }
      return new Ext(q.longValue(), e);
    }

    /** Compares num/den with 2^e. */
    private static int compareScaled(BigInteger num, BigInteger den, int e) {
      return e >= 0 ? num.compareTo(den.shiftLeft(e)) : num.shiftLeft(-e).compareTo(den);
    }

    Ext mul(Ext o) {
      if (m == 0 || o.m == 0) {
        return ZERO;
      }
      long lo = m * o.m;
      long hi = Math.multiplyHigh(m, o.m) + ((m >> 63) & o.m) + ((o.m >> 63) & m);
      int exp = e + o.e;
      if (hi < 0) {
        exp++;
      } else {
        hi = (hi << 1) | (lo >>> 63);
        lo <<= 1;
      }
      if (lo < 0 && ((lo << 1) != 0 || (hi & 1) != 0)) {
        hi++;
        if (hi == 0) {
          hi = Long.MIN_VALUE;
          exp++;
        }
      }
      return new Ext(hi, exp);
    }

    int compareTo(Ext o) {
      if (m == 0 || o.m == 0) {
        return Boolean.compare(m != 0, o.m != 0);
      }
      if (e != o.e) {
        return Integer.compare(e, o.e);
      }
      return Long.compareUnsigned(m, o.m);
    }

    /** {@code (u64)r}: truncation toward zero, for values below 2^64. */
    long truncate() {
      if (m == 0 || e < 0) {
        return 0;
      }
      return m >>> (63 - e);
    }

    /** {@code (double)r}: round to nearest even, subnormals included. */
    double toDouble() {
      if (m == 0) {
        return 0;
      }
      int bits = e >= -1022 ? 53 : e + 1075;
      if (bits <= 0) {
        // Below half the smallest subnormal, or exactly half of it (ties to even: zero).
        return bits == 0 && m != Long.MIN_VALUE ? Double.MIN_VALUE : 0;
      }
      int drop = 64 - bits;
      long kept = m >>> drop;
      long rest = m & ((1L << drop) - 1);
      long half = 1L << (drop - 1);
      if (Long.compareUnsigned(rest, half) > 0 || (rest == half && (kept & 1) != 0)) {
        kept++;
      }
      // kept * 2^(e - bits + 1); a carry to 2^53 stays exact.
      return Math.scalb((double) kept, e - bits + 1);
    }
  }
}
