package io.libsql.client.internal.replica;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The replica's database file as the syncer writes it: one {@link FileChannel} and one SQLite
 * connection held for the replica's life (on Linux, closing any descriptor of a file drops all of
 * the process's POSIX locks on it, SQLite's included). Frames are applied under SQLite's own
 * {@code BEGIN EXCLUSIVE}, so readers in this and other processes see whole transactions only.
 * Used by the syncer thread only.
 */
final class ReplicaFile implements AutoCloseable {
  static final int BUSY_TIMEOUT_MS = 10_000;
  /** Tests only: halt the JVM after writing this many pages of an in-place apply (a crash mid-apply). */
  private static final long HALT_AFTER_PAGES = Long.getLong("io.libsql.replica.haltAfterPagesForTests", -1);

  private final Path path;
  private final FileChannel channel;
  private final Connection lock;

  private ReplicaFile(Path path, FileChannel channel, Connection lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  /** Opens an existing, non-empty replica file. */
  static ReplicaFile open(Path path) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      if (ch.size() == 0) {
        // BEGIN EXCLUSIVE on an empty file would make SQLite write a fresh page 1 at COMMIT.
        throw new IOException(path + " is empty");
      }
      // A crash between writing the primary's page 1 and patching it leaves it saying WAL; SQLite
      // must not see that (it would switch the file to WAL mode): back to rollback journal first.
      ByteBuffer versions = ByteBuffer.allocate(2);
      if (ch.size() >= 100) {
        PageWriter.read(ch, versions, 18);
        if (versions.get(0) != 1 || versions.get(1) != 1) {
          PageWriter.write(ch, ByteBuffer.wrap(new byte[] {1, 1}), 18);
          ch.force(false);
        }
      }
      Properties p = new Properties();
      p.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
      p.setProperty("mmap_size", "0");
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + path, p);
      return new ReplicaFile(path, ch, c);
    } catch (SQLException e) {
      ch.close();
      throw new IOException("cannot open " + path + " with SQLite: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Applies frames {@code [0, count)} (whole transactions) under an exclusive lock: marks the
   * sidecar dirty, writes and flushes the pages, commits, then records {@code nextOffset}.
   */
  void apply(FrameBuffer frames, long count, ReplicaMeta meta, String logId, long nextOffset) throws IOException {
    locked(meta, () -> {
      long counter = PageWriter.changeCounter(channel) + 1;
      long size = PageWriter.writeFrames(channel, frames, count, HALT_AFTER_PAGES);
      PageWriter.patchHeader(channel, size, counter);
    });
    meta.write(logId, nextOffset, false);
  }

  /** Replaces the whole content with {@code built} (a complete database) under the lock. */
  void replaceWith(Path built, ReplicaMeta meta, String logId, long nextOffset) throws IOException {
    try (FileChannel src = FileChannel.open(built, StandardOpenOption.READ)) {
      locked(meta, () -> {
        long counter = PageWriter.changeCounter(channel) + 1;
        long size = src.size();
        long pos = 0;
        while (pos < size) {
          pos += src.transferTo(pos, size - pos, channel.position(pos));
        }
        channel.truncate(size);
        PageWriter.patchHeader(channel, size / Frame.PAGE_SIZE, counter);
      });
    }
    meta.write(logId, nextOffset, false);
  }

  private interface Io {
    void run() throws IOException;
  }

  private void locked(ReplicaMeta meta, Io writes) throws IOException {
    try (Statement st = lock.createStatement()) {
      try {
        st.execute("BEGIN EXCLUSIVE");
      } catch (SQLException e) {
        throw new LibsqlException(ErrorCode.SYNC_FAILED, "cannot lock the replica file " + path.getFileName()
            + " to apply frames (readers held it for " + BUSY_TIMEOUT_MS / 1000 + " s?): " + e.getMessage(), e);
      }
      boolean done = false;
      long locked = System.nanoTime();
      try {
        meta.markDirty();
        writes.run();
        channel.force(false);
        done = true;
      } finally {
        try {
          st.execute(done ? "COMMIT" : "ROLLBACK");
          ReplicaStats.LOCKED_NANOS.addAndGet(System.nanoTime() - locked);
        } catch (SQLException e) {
          if (done) {
            throw new IOException("cannot release the replica file's lock: " + e.getMessage(), e);
          }
        }
      }
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }

  /** The file's size in bytes. */
  long size() throws IOException {
    return channel.size();
  }

  /** Reads page 1's first 100 bytes (tests and diagnostics). */
  ByteBuffer header() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(100);
    PageWriter.read(channel, b, 0);
    return b.flip();
  }

  @Override
  public void close() {
    try {
      lock.close();
    } catch (SQLException ignored) {
      // best effort
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // best effort
    }
  }
}
