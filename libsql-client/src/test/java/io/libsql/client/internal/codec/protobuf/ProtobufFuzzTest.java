package io.libsql.client.internal.codec.protobuf;

import static io.libsql.client.internal.codec.protobuf.Pb.msg;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.internal.codec.Fuzz;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ProtobufFuzzTest {
  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    Pb row = msg().msg(1, msg().sint64(2, -5)).msg(1, msg().str(4, "a\u00e9\uD83D\uDE00"))
        .msg(1, msg().dbl(3, -0.0)).msg(1, msg().bytes(5, new byte[] {0, 1})).msg(1, msg().empty(1));
    Pb result = msg().msg(1, msg().str(1, "a").str(2, "INT")).msg(1, msg().str(1, "b")).msg(2, row).msg(2, row)
        .varint(3, 1).sint64(4, 9).varint(5, 3).dbl(8, 0.1);
    seeds.add(msg().empty(1).toBytes());
    seeds.add(msg().msg(2, msg().msg(1, msg().str(1, "bad").str(2, "X"))).toBytes());
    seeds.add(msg().msg(4, msg().varint(1, 3).msg(2, msg().str(1, "m"))).toBytes());
    seeds.add(msg().msg(3, msg().varint(1, 1).msg(4, msg().msg(1, result))).toBytes());
    seeds.add(msg().msg(3, msg().varint(1, 2).msg(5, msg().msg(1, msg()
        .msg(1, msg().varint(1, 0).msg(2, result))
        .msg(2, msg().varint(1, 1).msg(2, msg().str(1, "e").str(2, "C")))))).toBytes());
    seeds.add(msg().msg(3, msg().varint(1, 3).msg(8, msg()
        .msg(1, msg().msg(1, msg().varint(1, 0).msg(2, msg().str(1, "a"))))
        .msg(1, msg().msg(4, row))
        .msg(1, msg().msg(2, msg().varint(1, 1).sint64(2, 2)))
        .msg(1, msg().msg(3, msg().varint(1, 1).msg(2, msg().str(1, "x"))))
        .msg(1, msg().msg(6, msg().varint(1, 4)))
        .varint(2, 1))).toBytes());
    seeds.add(msg().msg(3, msg().varint(1, 4).msg(10, msg().msg(1, msg().msg(1, msg().str(1, ":a"))
        .msg(2, msg().str(1, "x").str(2, "TEXT")).varint(4, 1)))).toBytes());
    seeds.add(msg().str(1, "bt").msg(3, msg().msg(1, msg().msg(2, msg().msg(1, result))))
        .msg(3, msg().msg(2, msg().str(1, "err"))).msg(3, msg().msg(1, msg().empty(1))).toBytes());
    ByteArrayOutputStream cursor = new ByteArrayOutputStream();
    cursor.writeBytes(msg().str(1, "bt").delimited());
    cursor.writeBytes(msg().msg(1, msg().varint(1, 0).msg(2, msg().str(1, "a"))).delimited());
    cursor.writeBytes(msg().msg(4, row).delimited());
    cursor.writeBytes(msg().msg(2, msg().varint(1, 0)).delimited());
    seeds.add(cursor.toByteArray());
    return seeds;
  }

  private static final byte[] INTERESTING =
      {0, 1, 2, 5, 8, 10, 11, 12, 15, 18, 26, 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xc3};

  /** The 100,000-case run of {@code -Pstress} (another seed than the default run's). */
  @Test
  @Tag("stress")
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void hundredThousandCasesStress() {
    long start = System.nanoTime();
    int decoded = Fuzz.run(ProtobufCodec.INSTANCE, seeds(), INTERESTING, 100_000, 20251125L);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("protobuf fuzz: 100000 cases (3 decoders each), " + decoded + " decodes succeeded, " + millis + " ms");
    assertTrue(millis < 300_000, "fuzzing took " + millis + " ms");
  }

  @Test
  void onlyProtoErrorsEscape() {
    byte[] interesting = {0, 1, 2, 5, 8, 10, 11, 12, 15, 18, 26, 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xc3};
    long start = System.nanoTime();
    int decoded = Fuzz.run(ProtobufCodec.INSTANCE, seeds(), interesting, 20_000, 20240917L);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(decoded > 100, "mutations too destructive: only " + decoded + " inputs decoded");
    assertTrue(millis < 30_000, "fuzzing took " + millis + " ms");
  }
}
