package io.libsql.client.internal.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames in arrival order: the first {@code memoryLimit} bytes on the heap, the rest in an
 * unlinked temporary file beside the replica (so a 50 MB transaction never sits on the heap). Also
 * tracks the last commit frame, since only whole transactions are applied. Not thread-safe.
 */
final class FrameBuffer implements AutoCloseable {
  private final Path spillDir;
  private final int memoryFrames;
  private final List<Frame> memory = new ArrayList<>();
  private FileChannel spill;
  private long spilled;
  /** Index of the last commit frame, or -1. */
  private long lastCommit = -1;
  private long maxFrameNo = -1;
  private long minFrameNo = Long.MAX_VALUE;
  private long lastCommitFrameNo = -1;
  private long lastCommitSize;

  FrameBuffer(Path spillDir, long memoryLimitBytes) {
    this.spillDir = spillDir;
    this.memoryFrames = (int) Math.max(1, Math.min(Integer.MAX_VALUE, memoryLimitBytes / Frame.SIZE));
  }

  void add(Frame f) {
    if (memory.size() < memoryFrames && spill == null) {
      memory.add(f);
    } else {
      writeSpill(f);
    }
    long index = size() - 1;
    long no = f.frameNo();
    maxFrameNo = Math.max(maxFrameNo, no);
    minFrameNo = Math.min(minFrameNo, no);
    if (f.isCommit()) {
      lastCommit = index;
      lastCommitFrameNo = no;
      lastCommitSize = f.sizeAfter();
    }
  }

  private void writeSpill(Frame f) {
    try {
      if (spill == null) {
        Path p = Files.createTempFile(spillDir, ".libsql-replica-spill-", ".tmp");
        spill = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Files.delete(p); // unlinked: the space is freed even if this process dies
      }
      ByteBuffer b = ByteBuffer.wrap(f.data);
      long pos = spilled * Frame.SIZE;
      while (b.hasRemaining()) {
        pos += spill.write(b, pos);
      }
      spilled++;
      ReplicaStats.FRAMES_SPILLED.incrementAndGet();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill replication frames to " + spillDir, e);
    }
  }

  long size() {
    return memory.size() + spilled;
  }

  boolean isEmpty() {
    return size() == 0;
  }

  boolean spilled() {
    return spilled > 0;
  }

  /** Frames up to and including the last commit frame (0 if there is none). */
  long committedCount() {
    return lastCommit + 1;
  }

  long lastCommitFrameNo() {
    return lastCommitFrameNo;
  }

  /** The database size in pages after the last commit frame. */
  long lastCommitSize() {
    return lastCommitSize;
  }

  long maxFrameNo() {
    return maxFrameNo;
  }

  long minFrameNo() {
    return minFrameNo;
  }

  /** Frame {@code i} (0-based); spilled frames are read back from disk. */
  Frame get(long i) {
    if (i < memory.size()) {
      return memory.get((int) i);
    }
    long at = (i - memory.size()) * Frame.SIZE;
    byte[] data = new byte[Frame.SIZE];
    ByteBuffer b = ByteBuffer.wrap(data);
    try {
      while (b.hasRemaining()) {
        int n = spill.read(b, at + b.position());
        if (n < 0) {
          throw new IOException("spill file truncated");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spilled replication frames", e);
    }
    return Frame.of(data);
  }

  /** A new buffer holding the frames after the last commit (a transaction not complete yet). */
  FrameBuffer tail(long memoryLimitBytes) {
    FrameBuffer t = new FrameBuffer(spillDir, memoryLimitBytes);
    for (long i = committedCount(); i < size(); i++) {
      t.add(get(i));
    }
    return t;
  }

  /** Appends all of {@code other}'s frames. */
  void addAll(FrameBuffer other) {
    for (long i = 0; i < other.size(); i++) {
      add(other.get(i));
    }
  }

  @Override
  public void close() {
    memory.clear();
    if (spill != null) {
      try {
        spill.close();
      } catch (IOException ignored) {
        // unlinked already; closing only frees the descriptor
      }
      spill = null;
    }
  }
}
