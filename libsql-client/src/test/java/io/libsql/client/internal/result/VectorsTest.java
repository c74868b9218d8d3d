package io.libsql.client.internal.result;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.LibsqlException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The blob layouts, against blobs that sqld 0.24.32 produced. */
class VectorsTest {
  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%02x", x));
    }
    return s.toString();
  }

  @Test
  void encodesLikeVector32AndVector64() {
    assertEquals("0000803f0000004000004040", hex(Vectors.f32Blob(new float[] {1, 2, 3}, "argument 1")));
    assertEquals("000000000000f03f0000000000000040000000000000084002",
        hex(Vectors.f64Blob(new double[] {1, 2, 3}, "argument 1")));
  }

  @Test
  void decodesEveryLayout() {
    float[] oneTwoThree = {1, 2, 3};
    // SELECT vector32('[1,2,3]'), vector64(..), vector16(..), vectorb16(..), vector8(..) on sqld
    assertArrayEquals(oneTwoThree, Vectors.toFloatVector(hex("0000803f0000004000004040"), "c"));
    assertArrayEquals(oneTwoThree, Vectors.toFloatVector(hex("0000803f000000400000404001"), "c"));
    assertArrayEquals(oneTwoThree, Vectors.toFloatVector(hex("000000000000f03f0000000000000040000000000000084002"), "c"));
    assertArrayEquals(oneTwoThree, Vectors.toFloatVector(hex("003c0040004205"), "c"));
    assertArrayEquals(oneTwoThree, Vectors.toFloatVector(hex("803f0040404006"), "c"));
    // vector8 quantises: 2 becomes q = 127 of 255 steps between 1 and 3.
    float alpha = Float.intBitsToFloat(0x3c008081);
    assertArrayEquals(new float[] {1, alpha * 127 + 1, 3},
        Vectors.toFloatVector(hex("007fff008180003c0000803f000104"), "c"));
    // vector8('[1,2,3,4,5]') reads back quantised, as vector_extract shows: [1,2.00392,2.99216,3.99608,5]
    float[] five = Vectors.toFloatVector(hex("00407fbfff0000008180803c0000803f000304"), "c");
    assertEquals(5, five.length);
    assertEquals(1f, five[0]);
    assertEquals(2.00392f, five[1], 1e-5f);
    assertEquals(5f, five[4]);
    // vector1bit('[1,-2,3]') and a 9-dimension one with the padding byte
    assertArrayEquals(new float[] {1, -1, 1}, Vectors.toFloatVector(hex("050d03"), "c"));
    assertArrayEquals(new float[] {1, -1, 1, 1, 1, 1, 1, 1, 1}, Vectors.toFloatVector(hex("fd01001703"), "c"));
    assertNull(Vectors.toFloatVector(null, "c"));
  }

  @Test
  void encodersWriteSqldsBytes() {
    float[] v = {1, 2, 3};
    Vectors.Vector f32 = Vectors.parse(Vectors.encodeF32(v));
    assertEquals("003c0040004205", hex(f32.convertTo(Vectors.F16)));
    assertEquals("803f0040404006", hex(f32.convertTo(Vectors.BF16)));
    assertEquals("007fff008180003c0000803f000104", hex(f32.convertTo(Vectors.F8)));
    assertEquals("050d03", hex(Vectors.parse(Vectors.encodeF32(new float[] {1, -2, 3})).convertTo(Vectors.BIT1)));
    assertEquals("fd01001703",
        hex(Vectors.parse(Vectors.encodeF32(new float[] {1, -2, 3, 4, 5, 6, 7, 8, 9})).convertTo(Vectors.BIT1)));
    assertEquals("00407fbfff0000008180803c0000803f000304",
        hex(Vectors.parse(Vectors.encodeF32(new float[] {1, 2, 3, 4, 5})).convertTo(Vectors.F8)));
    // vector64(vector8('[1,2,3,4,5]')) on sqld
    assertEquals("000000000000f03f000000000808004000000000f0ef074000000000f8f70f40000000000000144002",
        hex(Vectors.parse(hex("00407fbfff0000008180803c0000803f000304")).convertTo(Vectors.F64)));
  }

  /** Every float16 value decodes to its exact IEEE 754 value and encodes back to itself. */
  @Test
  void float16IsExactBothWays() {
    for (int h = 0; h < 0x10000; h++) {
      float f = Vectors.f16ToFloat(h);
      int exponent = (h >>> 10) & 0x1f;
      int mantissa = h & 0x3ff;
      if (exponent == 0x1f) {
        assertTrue(mantissa == 0 ? Float.isInfinite(f) : Float.isNaN(f));
        continue;
      }
      BigDecimal expected = exponent == 0
          ? BigDecimal.valueOf(mantissa).multiply(new BigDecimal(Math.scalb(1.0, -24)))
          : BigDecimal.valueOf(1024 + mantissa).multiply(new BigDecimal(Math.scalb(1.0, exponent - 25)));
      if ((h & 0x8000) != 0) {
        expected = expected.negate();
      }
      assertEquals(0, expected.compareTo(new BigDecimal(f)), "half " + Integer.toHexString(h));
      assertEquals(h, Vectors.f16FromFloat(f), "half " + Integer.toHexString(h));
    }
    assertEquals(0x7c00, Vectors.f16FromFloat(65520f)); // rounds up past the largest half
    assertEquals(0x7bff, Vectors.f16FromFloat(65519f));
  }

  @Test
  void rejectsBlobsThatAreNotVectors() {
    assertBad(hex("000109"), "vector: unexpected binary type: 9");
    assertBad(hex("0007"), "vector: unexpected data part size: type=1, dims=0, 2 != 0");
    assertBad(hex("000080"), "vector: unexpected binary type: 128");
    assertBad(hex("0000803f02"), "vector: float64 vector blob length must be divisible by 8"
        + " (excluding 'type'-byte): length=4");
    assertBad(hex("00ff03"), "vector: unexpected data part size");
  }

  private static void assertBad(byte[] blob, String message) {
    LibsqlException e = assertThrows(LibsqlException.class, () -> Vectors.toFloatVector(blob, "column 0"));
    assertEquals("ARGUMENT_INVALID", e.code());
    assertTrue(e.getMessage().startsWith("column 0 is a blob of " + blob.length + " bytes that is not a libSQL vector"),
        e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void rejectsBadArguments() {
    assertArgument(() -> Vectors.f32Blob(new float[0], "argument 3"), "argument 3 is an empty float[]");
    assertArgument(() -> Vectors.f32Blob(new float[] {0, Float.NaN}, "argument 1"),
        "argument 1 is a float[] with NaN at index 1; vector components must be finite");
    assertArgument(() -> Vectors.f64Blob(new double[] {Double.POSITIVE_INFINITY}, "argument :v"),
        "argument :v is a double[] with Infinity at index 0");
    assertArgument(() -> Vectors.f32Blob(new float[65537], "argument 1"),
        "argument 1 is a float[] of 65537 dimensions; libSQL vectors have at most 65536");
    assertEquals(65536 * 4, Vectors.f32Blob(new float[65536], "argument 1").length);
    assertArgument(() -> Vectors.toFloatVector("[1,2]", "column \"e\""), "column \"e\" is text, not a vector blob");
    assertArgument(() -> Vectors.toFloatVector(3L, "column 1"), "column 1 is an integer, not a vector blob");
  }

  private static void assertArgument(org.junit.jupiter.api.function.Executable call, String message) {
    LibsqlException e = assertThrows(LibsqlException.class, call);
    assertEquals("ARGUMENT_INVALID", e.code());
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }
}
