package io.libsql.client.internal.replica;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * The sidecar {@code <db>-libsql-replica}: which log the file follows ({@code log_id}), the next
 * frame to ask for, and whether an apply was in progress ({@code dirty}: the file may be torn and
 * must be re-synced before it is read). Stored as two checksummed 512-byte slots written
 * alternately and flushed, so an update is atomic without a rename: a torn slot fails its
 * checksum and the other, older one wins. Used by the syncer thread only.
 */
final class ReplicaMeta implements AutoCloseable {
  private static final int SLOT = 512;
  private static final int MAGIC = 0x4c53524d; // "LSRM"
  private static final int VERSION = 1;

  private final FileChannel channel;
  private long sequence;
  private String logId;
  private long nextOffset;
  private boolean dirty;
  private final boolean existed;

  private ReplicaMeta(FileChannel channel) throws IOException {
    this.channel = channel;
    boolean found = false;
    for (int slot = 0; slot < 2; slot++) {
      ByteBuffer b = ByteBuffer.allocate(SLOT);
      long pos = (long) slot * SLOT;
      while (b.hasRemaining() && channel.read(b, pos + b.position()) > 0) {
        // keep reading
      }
      if (b.position() < SLOT) {
        continue;
      }
      b.flip();
      if (b.getInt() != MAGIC || b.getInt() != VERSION) {
        continue;
      }
      long seq = b.getLong();
      long next = b.getLong();
      boolean d = b.get() != 0;
      int len = b.getShort() & 0xffff;
      if (len > 256) {
        continue;
      }
      byte[] id = new byte[len];
      b.get(id);
      int crcAt = b.position();
      long stored = b.getLong();
      CRC32 crc = new CRC32();
      crc.update(b.array(), 0, crcAt);
      if (crc.getValue() != stored) {
        continue;
      }
      if (!found || seq > sequence) {
        found = true;
        sequence = seq;
        nextOffset = next;
        dirty = d;
        logId = len == 0 ? null : new String(id, StandardCharsets.UTF_8);
      }
    }
    this.existed = found;
  }

  static ReplicaMeta open(Path path) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      return new ReplicaMeta(ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** True when a valid record was found on open. */
  boolean existed() {
    return existed;
  }

  String logId() {
    return logId;
  }

  long nextOffset() {
    return nextOffset;
  }

  boolean dirty() {
    return dirty;
  }

  /** Persists a new state (flushed before returning). */
  void write(String logId, long nextOffset, boolean dirty) throws IOException {
    long seq = sequence + 1;
    byte[] id = logId == null ? new byte[0] : logId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(SLOT);
    b.putInt(MAGIC).putInt(VERSION).putLong(seq).putLong(nextOffset).put((byte) (dirty ? 1 : 0))
        .putShort((short) id.length).put(id);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, b.position());
    b.putLong(crc.getValue());
    b.position(0);
    b.limit(SLOT);
    long pos = (seq % 2) * SLOT;
    while (b.hasRemaining()) {
      pos += channel.write(b, pos);
    }
    channel.force(false);
    this.sequence = seq;
    this.logId = logId;
    this.nextOffset = nextOffset;
    this.dirty = dirty;
  }

  void markDirty() throws IOException {
    if (!dirty) {
      write(logId, nextOffset, true);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
