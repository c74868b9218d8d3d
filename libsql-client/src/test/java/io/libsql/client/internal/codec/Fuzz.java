package io.libsql.client.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.proto.CursorEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutation fuzzing of a codec's decoders: each case mutates a valid seed and feeds it to
 * every decoder, which must either return or throw {@code LibsqlException(HRANA_PROTO_ERROR)}.
 */
public final class Fuzz {
  private Fuzz() {}

  /** Runs {@code cases} mutations of {@code seeds}; returns how many inputs decoded without error. */
  public static int run(HranaCodec codec, List<byte[]> seeds, byte[] interesting, int cases, long seed) {
    Random random = new Random(seed);
    int decoded = 0;
    for (int i = 0; i < cases; i++) {
      byte[] input = i % 50 == 0 ? randomBytes(random) : mutate(seeds.get(random.nextInt(seeds.size())), random,
          interesting);
      try {
        decoded += decodeAll(codec, input);
      } catch (RuntimeException | IOException | Error e) {
        throw new AssertionError("case " + i + " (seed " + seed + "), input " + HexFormat.of().formatHex(input)
            + " = " + new String(input, StandardCharsets.ISO_8859_1) + ": " + e, e);
      }
    }
    return decoded;
  }

  private static int decodeAll(HranaCodec codec, byte[] input) throws IOException {
    int ok = 0;
    switch (codec.encoding()) {
      case JSON:
        ok += attempt(() -> ((TextFrameCodec) codec).decodeServerMsgText(new String(input, StandardCharsets.UTF_8)));
        break;
      case PROTOBUF:
        ok += attempt(() -> ((BinaryFrameCodec) codec).decodeServerMsgBinary(ByteBuffer.wrap(input)));
        break;
      default:
        throw new AssertionError();
    }
    ok += attempt(() -> codec.decodePipelineResponse(input));
    ok += attempt(() -> {
      try (HranaCodec.CursorReader reader = codec.cursorReader(new ByteArrayInputStream(input))) {
        reader.head();
        CursorEntry e;
        int n = 0;
        while ((e = reader.next()) != null) {
          n += e.hashCode() & 1;
        }
        return n;
      } catch (IOException e) {
        throw new AssertionError("an I/O error from a byte array: " + e, e);
      }
    });
    return ok;
  }

  private static int attempt(java.util.function.Supplier<Object> decode) {
    try {
      decode.get();
      return 1;
    } catch (LibsqlException e) {
      assertEquals(ErrorCode.HRANA_PROTO_ERROR.name(), e.code(), e.toString());
      return 0;
    }
  }

  private static byte[] randomBytes(Random random) {
    byte[] b = new byte[random.nextInt(64)];
    random.nextBytes(b);
    return b;
  }

  static byte[] mutate(byte[] seed, Random random, byte[] interesting) {
    byte[] b = seed.clone();
    int rounds = 1 + random.nextInt(4);
    for (int r = 0; r < rounds; r++) {
      if (b.length == 0) {
        b = new byte[] {(byte) random.nextInt(256)};
        continue;
      }
      int at = random.nextInt(b.length);
      switch (random.nextInt(8)) {
        case 0: // flip a bit
          b[at] ^= (byte) (1 << random.nextInt(8));
          break;
        case 1: // random byte
          b[at] = (byte) random.nextInt(256);
          break;
        case 2: // interesting byte
          b[at] = interesting[random.nextInt(interesting.length)];
          break;
        case 3: { // insert an interesting byte
          byte[] c = new byte[b.length + 1];
          System.arraycopy(b, 0, c, 0, at);
          c[at] = interesting[random.nextInt(interesting.length)];
          System.arraycopy(b, at, c, at + 1, b.length - at);
          b = c;
          break;
        }
        case 4: { // delete a range
          int len = Math.min(b.length - at, 1 + random.nextInt(8));
          byte[] c = new byte[b.length - len];
          System.arraycopy(b, 0, c, 0, at);
          System.arraycopy(b, at + len, c, at, b.length - at - len);
          b = c;
          break;
        }
        case 5: { // duplicate a range
          int len = Math.min(b.length - at, 1 + random.nextInt(16));
          byte[] c = new byte[b.length + len];
          System.arraycopy(b, 0, c, 0, at + len);
          System.arraycopy(b, at, c, at + len, b.length - at);
          b = c;
          break;
        }
        case 6: // truncate
          b = Arrays.copyOf(b, at);
          break;
        default: { // copy a range over another place
          int from = random.nextInt(b.length);
          int len = Math.min(Math.min(b.length - at, b.length - from), 1 + random.nextInt(16));
          System.arraycopy(b, from, b, at, len);
          break;
        }
      }
    }
    return b;
  }
}
