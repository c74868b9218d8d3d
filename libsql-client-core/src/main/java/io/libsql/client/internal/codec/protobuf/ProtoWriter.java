package io.libsql.client.internal.codec.protobuf;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.codec.CodecSupport;
import java.io.IOException;
import java.util.Arrays;

/**
 * Writes a Protobuf message in two passes over the same code: the first pass only adds up sizes and
 * records the size of every nested message in visiting order, the second writes into an array of
 * exactly the right length, taking nested sizes from that record. So each message is described once
 * (a {@link Body}) and nothing is measured twice. Not thread-safe; one per message.
 */
final class ProtoWriter {
  /** Writes the fields of one message type. Must visit the same fields in both passes. */
  interface Body<T> {
    void write(ProtoWriter w, T value);
  }

  private static final int LENGTH_DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;

  private boolean sizing = true;
  private int size;
  private int[] nestedSizes = new int[16];
  private int nestedCount;
  private int nextNested;
  private CodedOutputStream out;

  private ProtoWriter() {}

  /** The bytes of {@code value} written by {@code body}. */
  static <T> byte[] encode(T value, Body<T> body) {
    ProtoWriter w = new ProtoWriter();
    body.write(w, value);
    byte[] bytes = new byte[w.size];
    w.sizing = false;
    w.out = CodedOutputStream.newInstance(bytes);
    body.write(w, value);
    try {
      w.out.checkNoSpaceLeft();
    } catch (IllegalStateException e) {
      throw new LibsqlException(ErrorCode.INTERNAL_ERROR, "Protobuf sizing and writing disagree", e);
    }
    return bytes;
  }

  void int32(int field, int v) {
    if (sizing) {
      size += CodedOutputStream.computeInt32Size(field, v);
    } else {
      try {
        out.writeInt32(field, v);
      } catch (IOException e) {
        throw failure(e);
      }
    }
  }

  void uint32(int field, int v) {
    if (sizing) {
      size += CodedOutputStream.computeUInt32Size(field, v);
    } else {
      try {
        out.writeUInt32(field, v);
      } catch (IOException e) {
        throw failure(e);
      }
    }
  }

  void sint64(int field, long v) {
    if (sizing) {
      size += CodedOutputStream.computeSInt64Size(field, v);
    } else {
      try {
        out.writeSInt64(field, v);
      } catch (IOException e) {
        throw failure(e);
      }
    }
  }

  void doubleField(int field, double v) {
    if (sizing) {
      size += CodedOutputStream.computeDoubleSize(field, v);
    } else {
      try {
        out.writeDouble(field, v);
      } catch (IOException e) {
        throw failure(e);
      }
    }
  }

  void bool(int field, boolean v) {
    if (sizing) {
      size += CodedOutputStream.computeBoolSize(field, v);
    } else {
      try {
        out.writeBool(field, v);
      } catch (IOException e) {
        throw failure(e);
      }
    }
  }

  /** A string field; fails with {@code ARGUMENT_INVALID}, naming it {@code what}, on an unpaired surrogate. */
  void string(int field, String v, Object what) {
    if (sizing) {
      int len = CodecSupport.utf8Length(v, what);
      size += CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(len) + len;
    } else {
      try {
        out.writeString(field, v);
      } catch (IOException e) {
        throw failure(e);
      }
    }
  }

  void bytes(int field, byte[] v) {
    if (sizing) {
      size += CodedOutputStream.computeByteArraySize(field, v);
    } else {
      try {
        out.writeByteArray(field, v);
      } catch (IOException e) {
        throw failure(e);
      }
    }
  }

  /** An embedded message with no fields. */
  void empty(int field) {
    if (sizing) {
      size += CodedOutputStream.computeTagSize(field) + 1;
    } else {
      try {
        out.writeTag(field, LENGTH_DELIMITED);
        out.writeUInt32NoTag(0);
      } catch (IOException e) {
        throw failure(e);
      }
    }
  }

  /** An embedded message written by {@code body}. */
  <T> void message(int field, T value, Body<T> body) {
    if (sizing) {
      int slot = nestedCount++;
      if (slot == nestedSizes.length) {
        nestedSizes = Arrays.copyOf(nestedSizes, slot * 2);
      }
      int outer = size;
      size = 0;
      body.write(this, value);
      int inner = size;
      nestedSizes[slot] = inner;
      size = outer + CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(inner) + inner;
    } else {
      try {
        out.writeTag(field, LENGTH_DELIMITED);
        out.writeUInt32NoTag(nestedSizes[nextNested++]);
      } catch (IOException e) {
        throw failure(e);
      }
      body.write(this, value);
    }
  }

  private static LibsqlException failure(IOException e) {
    return new LibsqlException(ErrorCode.INTERNAL_ERROR, "could not encode a Hrana Protobuf message: " + e, e);
  }
}
