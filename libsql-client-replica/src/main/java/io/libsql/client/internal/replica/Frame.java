package io.libsql.client.internal.replica;

/**
 * One replication frame as sqld sends it in {@code Frame.data}: a 24-byte little-endian header
 * (u64 frame_no, u64 checksum, u32 page_no, u32 size_after) and one 4096-byte page.
 * {@code sizeAfter != 0} marks the last frame of a transaction (the database size in pages).
 */
final class Frame {
  static final int PAGE_SIZE = 4096;
  static final int HEADER_SIZE = 24;
  static final int SIZE = HEADER_SIZE + PAGE_SIZE;

  /** The raw frame, {@link #SIZE} bytes; the page starts at {@link #HEADER_SIZE}. */
  final byte[] data;

  private Frame(byte[] data) {
    this.data = data;
  }

  /** Wraps {@code data} (not copied) after checking its length and page number. */
  static Frame of(byte[] data) {
    if (data.length != SIZE) {
      throw ReplicationException.protocol("expected a " + SIZE + "-byte frame, received " + data.length + " bytes");
    }
    Frame f = new Frame(data);
    if (f.pageNo() < 1) {
      throw ReplicationException.protocol("frame " + f.frameNo() + " names page " + f.pageNo());
    }
    return f;
  }

  long frameNo() {
    return u64(0);
  }

  long pageNo() {
    return u32(16);
  }

  long sizeAfter() {
    return u32(20);
  }

  boolean isCommit() {
    return sizeAfter() != 0;
  }

  private long u64(int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (data[at + i] & 0xff);
    }
    return v;
  }

  private long u32(int at) {
    return (data[at] & 0xffL) | (data[at + 1] & 0xffL) << 8 | (data[at + 2] & 0xffL) << 16 | (data[at + 3] & 0xffL) << 24;
  }

  @Override
  public String toString() {
    return "Frame[no=" + frameNo() + ", page=" + pageNo() + ", sizeAfter=" + sizeAfter() + "]";
  }
}
