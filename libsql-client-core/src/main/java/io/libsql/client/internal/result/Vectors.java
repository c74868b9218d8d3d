package io.libsql.client.internal.result;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.util.Arrays;

/**
 * libSQL's vector blobs, as written by {@code libsql-sqlite3/src/vector*.c} (checked against sqld
 * 0.24.32). Not API.
 *
 * <p>Every layout is little-endian data followed by a trailer whose last byte is the type, except
 * float32, the default, which has no trailer; libSQL tells them apart by length, since every other
 * layout has an odd length:
 *
 * <pre>
 * type  function    data                                     trailer
 * 1     vector32    float32 per dimension                    none (or 01 on an odd-length blob)
 * 2     vector64    float64 per dimension                    02
 * 3     vector1bit  ceil(d/8) bytes, bit i%8 of byte i/8     [00 if the data length is even], unused bits, 03
 *                   set when component i &gt; 0 (reads as +1/-1)
 * 4     vector8     d bytes q, zero-padded to a multiple     00, padding bytes, 04
 *                   of 4, then float32 alpha and shift;
 *                   component i = alpha * q[i] + shift
 * 5     vector16    IEEE 754 binary16 per dimension          05
 * 6     vectorb16   bfloat16 (top half of a float32)         06
 * </pre>
 *
 * <p>Conversions between layouts follow libSQL's {@code vectorConvert} bit for bit, including its
 * float32 arithmetic and its own float16 rounding, so that a local database computes what sqld does.
 */
public final class Vectors {
  public static final int F32 = 1;
  public static final int F64 = 2;
  public static final int BIT1 = 3;
  public static final int F8 = 4;
  public static final int F16 = 5;
  public static final int BF16 = 6;
  /** libSQL's {@code MAX_VECTOR_SZ}. */
  public static final int MAX_DIMS = 65536;

  private Vectors() {}

  // ---- the client's side: arguments and Row.getVector ----

  /**
   * A {@code float[]} argument as the blob {@code vector32('[...]')} would store.
   *
   * @param what names the argument in error messages ("argument 2")
   * @throws LibsqlException {@link ErrorCode#ARGUMENT_INVALID} for an empty array, more than 65536
   *     dimensions, or a NaN or infinite component
   */
  public static byte[] f32Blob(float[] vector, String what) {
    checkLength(vector.length, "float[]", what);
    byte[] out = new byte[vector.length * 4];
    for (int i = 0; i < vector.length; i++) {
      float f = vector[i];
      if (!Float.isFinite(f)) {
        throw nonFinite("float[]", what, i, f);
      }
      putInt(out, i * 4, Float.floatToRawIntBits(f));
    }
    return out;
  }

  /**
   * A {@code double[]} argument as the blob {@code vector64('[...]')} would store: float64 values
   * and the type byte 02.
   *
   * @throws LibsqlException {@link ErrorCode#ARGUMENT_INVALID} as for {@link #f32Blob}
   */
  public static byte[] f64Blob(double[] vector, String what) {
    checkLength(vector.length, "double[]", what);
    for (int i = 0; i < vector.length; i++) {
      if (!Double.isFinite(vector[i])) {
        throw nonFinite("double[]", what, i, vector[i]);
      }
    }
    return encodeF64(vector);
  }

  private static void checkLength(int length, String type, String what) {
    if (length == 0) {
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID,
          what + " is an empty " + type + "; a vector needs at least one dimension");
    }
    if (length > MAX_DIMS) {
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID,
          what + " is a " + type + " of " + length + " dimensions; libSQL vectors have at most " + MAX_DIMS);
    }
  }

  private static LibsqlException nonFinite(String type, String what, int index, double value) {
    return new LibsqlException(ErrorCode.ARGUMENT_INVALID,
        what + " is a " + type + " with " + value + " at index " + index + "; vector components must be finite");
  }

  /**
   * A column value read as a vector: a blob in any libSQL layout, decoded to float32 as
   * {@code vector_extract} would; null stays null.
   *
   * @param what names the column in error messages ("column 2", "column \"e\"")
   * @throws LibsqlException {@link ErrorCode#ARGUMENT_INVALID} for a value that is not a blob, or a
   *     blob that is not a libSQL vector
   */
  public static float[] toFloatVector(Object value, String what) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof byte[])) {
      String type = value instanceof String ? "text" : value instanceof Long ? "an integer" : "a real";
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID,
          what + " is " + type + ", not a vector blob; store vectors as blobs (a float[] argument or vector32(...))");
    }
    try {
      return parse((byte[]) value).toFloats();
    } catch (IllegalArgumentException e) {
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID,
          what + " is a blob of " + ((byte[]) value).length + " bytes that is not a libSQL vector ("
              + e.getMessage() + ")");
    }
  }

  // ---- the layouts ----

  /** The bytes of data for {@code dims} dimensions of {@code type} ({@code vectorDataSize}). */
  static int dataSize(int type, int dims) {
    switch (type) {
      case F32:
        return dims * 4;
      case F64:
        return dims * 8;
      case BIT1:
        return (dims + 7) / 8;
      case F8:
        return align4(dims) + 8;
      case F16:
      case BF16:
        return dims * 2;
      default:
        throw new IllegalStateException("vector type " + type);
    }
  }

  private static int align4(int n) {
    return (n + 3) & ~3;
  }

  /**
   * Reads a blob's layout and checks its data size ({@code vectorParseMeta} and
   * {@code vectorParseSqliteBlobWithType}).
   *
   * @throws IllegalArgumentException with libSQL's own message ("vector: unexpected binary type: 9")
   */
  public static Vector parse(byte[] blob) {
    return Vector.meta(blob).checked();
  }

  /**
   * A vector blob, decoded lazily. {@link #meta} reads only the layout (type, dimensions) so that
   * callers can check two vectors against each other before decoding, in libSQL's order of errors.
   */
  public static final class Vector {
    public final int type;
    public final int dims;
    private final byte[] blob;
    private final int dataSize;

    private Vector(int type, int dims, byte[] blob, int dataSize) {
      this.type = type;
      this.dims = dims;
      this.blob = blob;
      this.dataSize = dataSize;
    }

    /** The layout of {@code blob}; {@link #checked()} must be called before reading components. */
    public static Vector meta(byte[] blob) {
      int n = blob.length;
      int type;
      int dims;
      int dataSize;
      if (n % 2 == 0) {
        type = F32;
        dims = n / 4;
        dataSize = n;
      } else {
        type = blob[n - 1] & 0xff;
        n--;
        switch (type) {
          case F32:
            if (n % 4 != 0) {
              throw new IllegalArgumentException("vector: float32 vector blob length must be divisible by 4"
                  + " (excluding optional 'type'-byte): length=" + n);
            }
            dims = n / 4;
            dataSize = n;
            break;
          case F64:
            if (n % 8 != 0) {
              throw new IllegalArgumentException("vector: float64 vector blob length must be divisible by 8"
                  + " (excluding 'type'-byte): length=" + n);
            }
            dims = n / 8;
            dataSize = n;
            break;
          case BIT1:
            if (n == 0 || n % 2 != 0) {
              throw new IllegalArgumentException("vector: float1bit vector blob length must be divisible by 2"
                  + " and not be empty (excluding 'type'-byte): length=" + n);
            }
            dims = n * 8 - (blob[n - 1] & 0xff);
            dataSize = (dims + 7) / 8;
            break;
          case F8:
            if (n < 2 || n % 2 != 0) {
              throw new IllegalArgumentException("vector: float8 vector blob length must be divisible by 2"
                  + " and has at least 2 bytes (excluding 'type'-byte): length=" + n);
            }
            dims = (n - 2) - 8 - (blob[n - 1] & 0xff);
            dataSize = n - 2;
            break;
          case F16:
          case BF16:
            if (n % 2 != 0) {
              throw new IllegalArgumentException("vector: " + (type == F16 ? "float16" : "floatb16")
                  + " vector blob length must be divisible by 2 (excluding 'type'-byte): length=" + n);
            }
            dims = n / 2;
            dataSize = n;
            break;
          default:
            throw new IllegalArgumentException("vector: unexpected binary type: " + type);
        }
      }
      if (dims > MAX_DIMS) {
        throw new IllegalArgumentException("vector: max size exceeded: " + dims + " > " + MAX_DIMS);
      }
      return new Vector(type, dims, blob, dataSize);
    }

    /** This vector after libSQL's data size check. */
    public Vector checked() {
      int expected = Vectors.dataSize(type, dims);
      // libSQL has no check for a negative dimension count (a trailer byte too large); we fail here.
      if (dataSize != expected || dims < 0) {
        throw new IllegalArgumentException("vector: unexpected data part size: type=" + type + ", dims=" + dims
            + ", " + dataSize + " != " + expected);
      }
      return this;
    }

    /** Component {@code i} as libSQL converts it to float32. */
    public float floatAt(int i) {
      switch (type) {
        case F32:
          return Float.intBitsToFloat(getInt(blob, i * 4));
        case F64:
          return (float) doubleAt(i);
        case BIT1:
          return bit(i) ? 1f : -1f;
        case F8:
          return alpha() * (blob[i] & 0xff) + shift();
        case F16:
          return f16ToFloat(getShort(blob, i * 2));
        case BF16:
          return bf16ToFloat(getShort(blob, i * 2));
        default:
          throw new IllegalStateException("vector type " + type);
      }
    }

    /** Component {@code i} as libSQL converts it to float64 (exact for float64 vectors). */
    public double doubleAt(int i) {
      if (type == F64) {
        return Double.longBitsToDouble(getLong(blob, i * 8));
      }
      return floatAt(i);
    }

    boolean bit(int i) {
      return ((blob[i / 8] >> (i & 7)) & 1) == 1;
    }

    /** Byte {@code i} of the data: a quantized value of an 8-bit vector or 8 bits of a 1-bit one. */
    public int byteAt(int i) {
      return blob[i] & 0xff;
    }

    /** An 8-bit vector's scale. */
    public float alpha() {
      return Float.intBitsToFloat(getInt(blob, align4(dims)));
    }

    /** An 8-bit vector's offset. */
    public float shift() {
      return Float.intBitsToFloat(getInt(blob, align4(dims) + 4));
    }

    public float[] toFloats() {
      float[] out = new float[dims];
      for (int i = 0; i < dims; i++) {
        out[i] = floatAt(i);
      }
      return out;
    }

    public double[] toDoubles() {
      double[] out = new double[dims];
      for (int i = 0; i < dims; i++) {
        out[i] = doubleAt(i);
      }
      return out;
    }

    /**
     * This vector in its own layout, as {@code vectorSerializeWithMeta} writes it: the data copied
     * and the trailer rewritten (a float32 blob loses an optional 01 type byte).
     */
    public byte[] serialize() {
      switch (type) {
        case F32:
          return Arrays.copyOf(blob, dataSize);
        case F64:
        case F16:
        case BF16: {
          byte[] out = Arrays.copyOf(blob, dataSize + 1);
          out[dataSize] = (byte) type;
          return out;
        }
        case BIT1: {
          int size = dataSize + (dataSize % 2 == 0 ? 1 : 0) + 2;
          byte[] out = Arrays.copyOf(Arrays.copyOf(blob, dataSize), size);
          out[size - 2] = (byte) (8 * (size - 1) - dims);
          out[size - 1] = BIT1;
          return out;
        }
        case F8:
          return f8Blob(Arrays.copyOf(blob, dims), alpha(), shift());
        default:
          throw new IllegalStateException("vector type " + type);
      }
    }

    /** This vector converted to {@code target} and serialised with its trailer ({@code vectorConvert}). */
    public byte[] convertTo(int target) {
      switch (target) {
        case F32:
          return encodeF32(toFloats());
        case F64:
          return encodeF64(toDoubles());
        case F16:
          return encodeF16(toFloats());
        case BF16:
          return encodeBf16(toFloats());
        case BIT1:
          return encode1Bit(toDoubles());
        case F8:
          return type == F64 ? encodeF8(toDoubles()) : encodeF8(toFloats());
        default:
          throw new IllegalStateException("vector type " + target);
      }
    }
  }

  // ---- encoders (data plus trailer, as vectorSerializeWithMeta writes it) ----

  public static byte[] encodeF32(float[] v) {
    byte[] out = new byte[v.length * 4];
    for (int i = 0; i < v.length; i++) {
      putInt(out, i * 4, Float.floatToRawIntBits(v[i]));
    }
    return out;
  }

  public static byte[] encodeF64(double[] v) {
    byte[] out = new byte[v.length * 8 + 1];
    for (int i = 0; i < v.length; i++) {
      putLong(out, i * 8, Double.doubleToRawLongBits(v[i]));
    }
    out[out.length - 1] = F64;
    return out;
  }

  static byte[] encodeF16(float[] v) {
    byte[] out = new byte[v.length * 2 + 1];
    for (int i = 0; i < v.length; i++) {
      putShort(out, i * 2, f16FromFloat(v[i]));
    }
    out[out.length - 1] = F16;
    return out;
  }

  static byte[] encodeBf16(float[] v) {
    byte[] out = new byte[v.length * 2 + 1];
    for (int i = 0; i < v.length; i++) {
      putShort(out, i * 2, Float.floatToRawIntBits(v[i]) >>> 16);
    }
    out[out.length - 1] = BF16;
    return out;
  }

  /** Bit i set when component i is above zero. */
  static byte[] encode1Bit(double[] v) {
    int dims = v.length;
    int data = (dims + 7) / 8;
    int size = data + (data % 2 == 0 ? 1 : 0) + 2;
    byte[] out = new byte[size];
    for (int i = 0; i < dims; i++) {
      if (v[i] > 0) {
        out[i / 8] |= (byte) (1 << (i & 7));
      }
    }
    out[size - 1] = BIT1;
    out[size - 2] = (byte) (8 * (size - 1) - dims);
    return out;
  }

  /** 8-bit quantisation of float32 values ({@code vectorConvertToF8}, float path). */
  static byte[] encodeF8(float[] v) {
    float min = 0;
    float max = 0;
    for (int i = 0; i < v.length; i++) {
      if (i == 0) {
        min = v[i];
        max = v[i];
      } else {
        min = min < v[i] ? min : v[i];
        max = max > v[i] ? max : v[i];
      }
    }
    float shift = min;
    float alpha = (max - min) / 255;
    byte[] q = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      q[i] = clip((v[i] - shift) / alpha);
    }
    return f8Blob(q, alpha, shift);
  }

  /** 8-bit quantisation of float64 values: libSQL compares in double and keeps min/max as float. */
  static byte[] encodeF8(double[] v) {
    float min = 0;
    float max = 0;
    for (int i = 0; i < v.length; i++) {
      if (i == 0) {
        min = (float) v[i];
        max = (float) v[i];
      } else {
        min = (float) (min < v[i] ? min : v[i]);
        max = (float) (max > v[i] ? max : v[i]);
      }
    }
    float shift = min;
    float alpha = (max - min) / 255;
    byte[] q = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      q[i] = clip((float) ((v[i] - shift) / alpha));
    }
    return f8Blob(q, alpha, shift);
  }

  /** libSQL's {@code clip(f, 0, 255)}: {@code (int)(f + 0.5)} in double; NaN gives 0 as on x86. */
  private static byte clip(float f) {
    if (f < 0) {
      return 0;
    }
    if (f > 255) {
      return (byte) 255;
    }
    return (byte) (int) (f + 0.5);
  }

  private static byte[] f8Blob(byte[] q, float alpha, float shift) {
    int dims = q.length;
    int aligned = align4(dims);
    byte[] out = new byte[aligned + 8 + 3];
    System.arraycopy(q, 0, out, 0, dims);
    putInt(out, aligned, Float.floatToRawIntBits(alpha));
    putInt(out, aligned + 4, Float.floatToRawIntBits(shift));
    out[out.length - 3] = 0;
    out[out.length - 2] = (byte) (aligned - dims);
    out[out.length - 1] = F8;
    return out;
  }

  // ---- 16-bit floats, exactly as vectorfloat16.c / vectorfloatb16.c ----

  /** {@code vectorF16ToFloat}. */
  static float f16ToFloat(int h) {
    int sgn = (h & 0x8000) << 16;
    int exp = ((h >>> 10) & 0x1f) - 15;
    int mnt = h & 0x3ff;
    if (exp == 16) {
      exp = 128;
      mnt = (mnt != 0 ? 1 : 0) << 22;
    } else if (exp == -15 && mnt == 0) {
      exp = -127;
    } else if (exp == -15) {
      exp++;
      while ((mnt & 0x400) == 0) {
        mnt <<= 1;
        exp--;
      }
      mnt = (mnt & 0x3ff) << 13;
    } else {
      mnt <<= 13;
    }
    return Float.intBitsToFloat(sgn | ((exp + 127) << 23) | mnt);
  }

  /** {@code vectorF16FromFloat}: round to nearest even, overflow to infinity, tiny values to zero. */
  static int f16FromFloat(float f) {
    int i = Float.floatToRawIntBits(f);
    int sgn = (i >>> 16) & 0x8000;
    int exp = ((i >>> 23) & 0xff) - 127;
    int mntBits = i & 0x7fffff;
    if (exp == 128) {
      exp = 16;
      mntBits = (mntBits != 0 ? 1 : 0) << 22;
    } else if (exp > 15) {
      exp = 16;
      mntBits = 0;
    } else if (exp < -14 && exp >= -25) {
      mntBits = (mntBits | 0x800000) >>> (-exp - 14);
      exp = -15;
    } else if (exp < -24) {
      exp = -15;
      mntBits = 0;
    }
    if ((mntBits & 0x1fff) > (0x1000 - ((mntBits >>> 13) & 1))) {
      mntBits += 0x2000;
    }
    int mnt = mntBits >>> 13;
    return (sgn | ((exp + 15 + (mnt >>> 10)) << 10) | (mnt & 0x3ff)) & 0xffff;
  }

  static float bf16ToFloat(int b) {
    return Float.intBitsToFloat(b << 16);
  }

  // ---- little-endian access ----

  private static int getShort(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  private static int getInt(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
  }

  private static long getLong(byte[] b, int at) {
    return (getInt(b, at) & 0xffffffffL) | (long) getInt(b, at + 4) << 32;
  }

  private static void putShort(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
    b[at + 2] = (byte) (v >>> 16);
    b[at + 3] = (byte) (v >>> 24);
  }

  private static void putLong(byte[] b, int at, long v) {
    putInt(b, at, (int) v);
    putInt(b, at + 4, (int) (v >>> 32));
  }
}
