package io.libsql.client.internal.codec.protobuf;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds Protobuf bytes field by field, to feed decoders exactly what a server would send. */
final class Pb {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

  static Pb msg() {
    return new Pb();
  }

  Pb varint(int field, long v) {
    return run(() -> out.writeUInt64(field, v));
  }

  Pb sint64(int field, long v) {
    return run(() -> out.writeSInt64(field, v));
  }

  Pb dbl(int field, double v) {
    return run(() -> out.writeDouble(field, v));
  }

  Pb fixed32(int field, int v) {
    return run(() -> out.writeFixed32(field, v));
  }

  Pb str(int field, String v) {
    return run(() -> out.writeString(field, v));
  }

  Pb bytes(int field, byte[] v) {
    return run(() -> out.writeByteArray(field, v));
  }

  Pb raw(int field, byte[] v) {
    return bytes(field, v);
  }

  Pb msg(int field, Pb inner) {
    return bytes(field, inner.toBytes());
  }

  Pb empty(int field) {
    return bytes(field, new byte[0]);
  }

  /** A group (wire types 3 and 4) holding {@code inner}'s fields. */
  Pb group(int field, Pb inner) {
    return run(() -> {
      out.writeTag(field, WireFormat.WIRETYPE_START_GROUP);
      out.writeRawBytes(inner.toBytes());
      out.writeTag(field, WireFormat.WIRETYPE_END_GROUP);
    });
  }

  /** Unknown fields of every wire type, to check they are skipped. */
  Pb unknowns(int field) {
    return varint(field, 300).fixed32(field + 1, 7).dbl(field + 2, 1.5).str(field + 3, "future")
        .group(field + 4, msg().varint(1, 1).str(2, "x"));
  }

  Pb text(int field, String s) {
    return bytes(field, s.getBytes(StandardCharsets.UTF_8));
  }

  byte[] toBytes() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The bytes with a varint length prefix, as in a cursor body. */
  byte[] delimited() {
    byte[] b = toBytes();
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    CodedOutputStream c = CodedOutputStream.newInstance(o);
    try {
      c.writeUInt32NoTag(b.length);
      c.writeRawBytes(b);
      c.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return o.toByteArray();
  }

  private interface Write {
    void run() throws IOException;
  }

  private Pb run(Write w) {
    try {
      w.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }
}
