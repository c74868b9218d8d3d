package io.libsql.client.internal.replica;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The messages of {@code wal_log.ReplicationLog} (libsql-replication/proto/replication_log.proto),
 * hand-coded with protobuf-java's coded streams, and the gRPC method descriptors that use them.
 * Unknown fields are skipped.
 */
final class ReplicationProto {
  static final String SERVICE = "wal_log.ReplicationLog";

  private ReplicationProto() {}

  /** {@code HelloResponse}: fields 3 log_id, 4 session_token, 5 current_replication_index. */
  static final class Hello {
    final String logId;
    final String sessionToken;
    /** -1 when the server did not say. */
    final long currentReplicationIndex;

    Hello(String logId, String sessionToken, long currentReplicationIndex) {
      this.logId = logId;
      this.sessionToken = sessionToken;
      this.currentReplicationIndex = currentReplicationIndex;
    }
  }

  /** {@code HelloRequest{handshake_version = 1}}. */
  static byte[] helloRequest() {
    return new byte[] {0x08, 0x01};
  }

  /** {@code LogOffset{next_offset}}. */
  static byte[] logOffset(long nextOffset) {
    byte[] out = new byte[1 + CodedOutputStream.computeUInt64SizeNoTag(nextOffset)];
    CodedOutputStream o = CodedOutputStream.newInstance(out);
    try {
      o.writeUInt64(1, nextOffset);
      o.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static Hello parseHello(InputStream in) throws IOException {
    CodedInputStream c = CodedInputStream.newInstance(in);
    String logId = null;
    String token = null;
    long index = -1;
    while (true) {
      int tag = c.readTag();
      if (tag == 0) {
        break;
      }
      int field = WireFormat.getTagFieldNumber(tag);
      int type = WireFormat.getTagWireType(tag);
      if (field == 3 && type == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        logId = c.readStringRequireUtf8();
      } else if (field == 4 && type == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        token = new String(c.readByteArray(), StandardCharsets.UTF_8);
      } else if (field == 5 && type == WireFormat.WIRETYPE_VARINT) {
        index = c.readUInt64();
      } else {
        c.skipField(tag);
      }
    }
    if (logId == null || logId.isEmpty()) {
      throw ReplicationException.protocol("a Hello response without a log_id");
    }
    return new Hello(logId, token, index);
  }

  /** Reads {@code Frames{repeated Frame frames = 1}} into a buffer that spills to disk. */
  static FrameBuffer parseFrames(InputStream in, Path spillDir, long memoryLimit) throws IOException {
    CodedInputStream c = CodedInputStream.newInstance(in);
    c.setSizeLimit(Integer.MAX_VALUE);
    FrameBuffer frames = new FrameBuffer(spillDir, memoryLimit);
    try {
      while (true) {
        int tag = c.readTag();
        if (tag == 0) {
          return frames;
        }
        if (WireFormat.getTagFieldNumber(tag) == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          int limit = c.pushLimit(c.readRawVarint32());
          frames.add(readFrame(c));
          c.popLimit(limit);
        } else {
          c.skipField(tag);
        }
        // Keep the coded stream's running byte count from reaching its limit on huge batches.
        c.resetSizeCounter();
      }
    } catch (IOException | RuntimeException e) {
      frames.close();
      throw e;
    }
  }

  /** Reads one {@code Frame{bytes data = 1}} up to the current limit. */
  static Frame readFrame(CodedInputStream c) throws IOException {
    byte[] data = null;
    while (true) {
      int tag = c.readTag();
      if (tag == 0) {
        break;
      }
      if (WireFormat.getTagFieldNumber(tag) == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        data = c.readByteArray();
      } else {
        c.skipField(tag);
      }
    }
    if (data == null) {
      throw ReplicationException.protocol("a Frame without data");
    }
    return Frame.of(data);
  }

  static Frame parseFrame(InputStream in) throws IOException {
    return readFrame(CodedInputStream.newInstance(in));
  }

  /** Requests are pre-encoded bytes. */
  static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  /** A response marshaller from a parse function; encoding responses is never needed. */
  static <T> MethodDescriptor.Marshaller<T> parser(IoParser<T> parse) {
    return new MethodDescriptor.Marshaller<>() {
      @Override
      public InputStream stream(T value) {
        throw new UnsupportedOperationException("responses are never encoded by the client");
      }

      @Override
      public T parse(InputStream stream) {
        try {
          return parse.parse(stream);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  interface IoParser<T> {
    T parse(InputStream in) throws IOException;
  }

  static <T> MethodDescriptor<byte[], T> method(String name, MethodDescriptor.MethodType type,
      MethodDescriptor.Marshaller<T> response) {
    return MethodDescriptor.<byte[], T>newBuilder()
        .setType(type)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(response)
        .build();
  }
}
