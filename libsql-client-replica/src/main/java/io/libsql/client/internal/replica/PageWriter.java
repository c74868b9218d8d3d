package io.libsql.client.internal.replica;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes frames into a database file: each page at {@code (page_no - 1) * 4096} in frame order,
 * truncating at every commit frame, then patches page 1's header so that plain SQLite readers in
 * rollback-journal mode accept the file and drop their caches.
 */
final class PageWriter {
  private PageWriter() {}

  /** The file change counter (header offset 24), or 0 for a file without a header. */
  static long changeCounter(FileChannel ch) throws IOException {
    if (ch.size() < 100) {
      return 0;
    }
    ByteBuffer b = ByteBuffer.allocate(4);
    read(ch, b, 24);
    return b.getInt(0) & 0xffffffffL;
  }

  /** Writes frames {@code [0, count)} of {@code frames}; returns the size (pages) after the last one. */
  static long writeFrames(FileChannel ch, FrameBuffer frames, long count) throws IOException {
    return writeFrames(ch, frames, count, -1);
  }

  /** As above; a test process halts after {@code haltAfter} pages (>= 0) to leave a torn file. */
  static long writeFrames(FileChannel ch, FrameBuffer frames, long count, long haltAfter) throws IOException {
    long size = -1;
    for (long i = 0; i < count; i++) {
      if (i == haltAfter) {
        Runtime.getRuntime().halt(99);
      }
      Frame f = frames.get(i);
      ByteBuffer page = ByteBuffer.wrap(f.data, Frame.HEADER_SIZE, Frame.PAGE_SIZE);
      long pos = (f.pageNo() - 1) * Frame.PAGE_SIZE;
      while (page.hasRemaining()) {
        pos += ch.write(page, pos);
      }
      if (f.isCommit()) {
        size = f.sizeAfter();
        ch.truncate(size * Frame.PAGE_SIZE);
      }
    }
    return size;
  }

  /**
   * Page 1: read/write versions (offsets 18, 19) to 1 (rollback journal: the primary's header
   * says WAL), change counter (24) and version-valid-for (92) to {@code counter}, size in pages
   * (28) to {@code sizePages}.
   */
  static void patchHeader(FileChannel ch, long sizePages, long counter) throws IOException {
    write(ch, ByteBuffer.wrap(new byte[] {1, 1}), 18);
    ByteBuffer b = ByteBuffer.allocate(8);
    b.putInt((int) counter).putInt((int) sizePages).flip();
    write(ch, b, 24);
    ByteBuffer c = ByteBuffer.allocate(4);
    c.putInt((int) counter).flip();
    write(ch, c, 92);
  }

  static void write(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      pos += ch.write(b, pos);
    }
  }

  static void read(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      int n = ch.read(b, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file at " + pos);
      }
      pos += n;
    }
  }
}
