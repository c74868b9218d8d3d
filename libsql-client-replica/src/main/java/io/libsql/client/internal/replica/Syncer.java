package io.libsql.client.internal.replica;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.SyncResult;
import io.libsql.client.internal.url.AuthTokens;
import io.libsql.client.internal.url.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Pulls the primary's log into the replica file. Three ways to move the file forward:
 * <ul>
 *   <li>incremental: each batch of whole transactions applied in place under SQLite's exclusive
 *       lock ({@link ReplicaFile#apply});</li>
 *   <li>bootstrap (no file yet, or an empty one): the database is built in a file beside it, with
 *       no lock and one flush, then renamed into place;</li>
 *   <li>full resync (the primary's {@code log_id} changed, or an interrupted apply cannot be
 *       resumed): built beside from frame 0, then copied over the live file under the lock.</li>
 * </ul>
 * {@code NO_HELLO} re-says Hello; {@code NEED_SNAPSHOT} fetches the snapshot and applies it as one
 * transaction. All methods run on the engine's sync thread, except {@link #abort()}.
 */
final class Syncer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.libsql.client.replica");
  private static final int MAX_HELLO_RETRIES = 3;
  private static final int SNAPSHOT_ATTEMPTS = 50;
  private static final long SNAPSHOT_RETRY_MS = 200;

  private final Path db;
  private final Path bootstrapPath;
  private final DatabaseUrl primary;
  private final AuthTokens tokens;
  private final Duration connectTimeout;
  private final long memoryLimit;
  private final ReplicaMeta meta;
  /** Written by the sync thread; volatile for {@link #abort()}. */
  private volatile ReplicationClient client;
  private ReplicaFile file;
  /** The primary's log, learnt from Hello in this process (null before the first Hello). */
  private String serverLogId;
  /** Frames after the last commit of the previous batch (normally none). */
  private FrameBuffer pending;
  /** False while the file may be torn (an apply started and did not finish). Read by readers' threads. */
  private volatile boolean readable;

  Syncer(Path db, DatabaseUrl primary, String authToken, Duration connectTimeout, long memoryLimit) throws IOException {
    this(db, primary, AuthTokens.fixed(authToken), connectTimeout, memoryLimit);
  }

  Syncer(Path db, DatabaseUrl primary, AuthTokens tokens, Duration connectTimeout, long memoryLimit) throws IOException {
    this.db = db;
    this.bootstrapPath = db.resolveSibling(db.getFileName() + "-libsql-bootstrap");
    this.primary = primary;
    this.tokens = tokens;
    this.connectTimeout = connectTimeout;
    this.memoryLimit = memoryLimit;
    Path metaPath = db.resolveSibling(db.getFileName() + "-libsql-replica");
    boolean dbHasContent = Files.exists(db) && Files.size(db) > 0;
    if (dbHasContent && !Files.exists(metaPath)) {
      throw new LibsqlException(ErrorCode.CONFIG_INVALID, "file:" + db + " exists but is not an embedded replica made by"
          + " this client (no " + metaPath.getFileName() + " beside it); choose a new path, or delete the file to"
          + " replace it with the replica");
    }
    this.meta = ReplicaMeta.open(metaPath);
    Files.deleteIfExists(bootstrapPath);
    if (dbHasContent && meta.existed() && meta.logId() != null) {
      try {
        this.file = ReplicaFile.open(db);
      } catch (IOException | RuntimeException e) {
        meta.close();
        throw e;
      }
      this.readable = !meta.dirty();
    }
  }

  /** True when the file holds a complete synced state that readers may open. */
  boolean readable() {
    return readable;
  }

  /** Cancels a network call in flight (from any thread); the sync then fails. */
  void abort() {
    ReplicationClient c = client;
    if (c != null) {
      c.close();
    }
  }

  SyncResult sync() {
    try {
      return doSync();
    } catch (IOException | UncheckedIOException e) {
      Throwable io = e instanceof UncheckedIOException ? e.getCause() : e;
      throw new LibsqlException(ErrorCode.SYNC_FAILED, "cannot write the replica file " + db.getFileName() + ": "
          + io.getMessage(), io);
    } catch (LibsqlException e) {
      if (e.is(ErrorCode.CONNECTION_FAILED) || e.is(ErrorCode.TIMEOUT)) {
        // A fresh channel reconnects at once; grpc-java's would wait out its reconnect backoff.
        resetClient();
      }
      throw e;
    } finally {
      dropPending();
    }
  }

  private void resetClient() {
    if (client != null) {
      client.close();
      client = null;
    }
    serverLogId = null;
  }

  private ReplicationClient client() {
    if (client == null) {
      client = ReplicationClient.withTokens(primary, tokens, connectTimeout, spillDir(), memoryLimit);
    }
    return client;
  }

  private Path spillDir() {
    Path dir = db.toAbsolutePath().getParent();
    return dir == null ? Path.of(".") : dir;
  }

  private void hello() {
    serverLogId = client().hello().logId;
  }

  /** The primary's log is no longer the one being followed: start over from frame 0. */
  private static final class LogChanged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LogChanged() {
      super(null, null, false, false);
    }
  }

  /** Frames from {@code offset}: a batch of the log or, once compacted away, a snapshot. */
  private static final class Fetched {
    final FrameBuffer frames;
    final boolean snapshot;

    Fetched(FrameBuffer frames, boolean snapshot) {
      this.frames = frames;
      this.snapshot = snapshot;
    }
  }

  private Fetched fetch(long offset, String following) {
    int hellos = 0;
    boolean statusLost = false;
    while (true) {
      try {
        return new Fetched(client().batch(offset), false);
      } catch (ReplicationException.NoHello e) {
        if (++hellos > MAX_HELLO_RETRIES) {
          throw new LibsqlException(ErrorCode.SYNC_FAILED, "the primary keeps forgetting this replica's session (NO_HELLO)");
        }
      } catch (ReplicationException.NeedSnapshot e) {
        return new Fetched(snapshot(offset), true);
      } catch (ReplicationException.StatusLost e) {
        if (statusLost) {
          // Hello did not help, so not NO_HELLO: most likely NEED_SNAPSHOT.
          return new Fetched(snapshot(offset), true);
        }
        statusLost = true;
      }
      hello();
      if (!serverLogId.equals(following)) {
        throw new LogChanged();
      }
    }
  }

  private SyncResult doSync() throws IOException {
    if (serverLogId == null) {
      hello();
    }
    if (file == null || meta.logId() == null) {
      return rebuild(false);
    }
    long applied = 0;
    if (meta.dirty()) {
      ReplicaStats.RESUMED_DIRTY.incrementAndGet();
      LOG.log(Level.INFO, "resuming an interrupted apply of " + db + " from frame " + meta.nextOffset());
    }
    try {
      if (!serverLogId.equals(meta.logId())) {
        throw new LogChanged();
      }
      while (true) {
        Fetched f = fetch(meta.nextOffset() + pendingSize(), meta.logId());
        FrameBuffer batch = f.frames;
        try {
          if (f.snapshot) {
            dropPending();
            applyLive(batch, batch.size(), batch.maxFrameNo() + 1);
            applied += batch.size();
            continue;
          }
          if (batch.isEmpty()) {
            if (meta.dirty()) {
              // An interrupted apply whose frames the log no longer offers: rebuild.
              throw new LogChanged();
            }
            return new SyncResult(applied, meta.nextOffset() - 1);
          }
          checkContiguous(batch, meta.nextOffset() + pendingSize());
          FrameBuffer work = merge(batch);
          long count = work.committedCount();
          if (count > 0) {
            applyLive(work, count, work.lastCommitFrameNo() + 1);
            applied += count;
          }
          keepTail(work);
        } finally {
          if (batch != pending) {
            batch.close();
          }
        }
      }
    } catch (LogChanged e) {
      ReplicaStats.FULL_RESYNCS.incrementAndGet();
      LOG.log(Level.INFO, "full resync of " + db + ": the primary's log is " + serverLogId + ", the replica followed "
          + meta.logId() + (meta.dirty() ? " (interrupted apply)" : ""));
      return new SyncResult(applied + rebuild(true).framesApplied(), meta.nextOffset() - 1);
    }
  }

  /** Applies in place; the file stays readable unless the apply broke off after it began writing. */
  private void applyLive(FrameBuffer frames, long count, long next) throws IOException {
    try {
      file.apply(frames, count, meta, meta.logId(), next);
    } finally {
      readable = !meta.dirty();
    }
  }

  private static void checkContiguous(FrameBuffer batch, long expected) {
    long first = batch.get(0).frameNo();
    if (first != expected) {
      throw ReplicationException.protocol("asked for frames from " + expected + ", received frame " + first + " first");
    }
  }

  /** The frames to apply: the pending tail (if any) followed by {@code batch}. */
  private FrameBuffer merge(FrameBuffer batch) {
    if (pending == null) {
      return batch;
    }
    pending.addAll(batch);
    return pending;
  }

  private void keepTail(FrameBuffer work) {
    if (work.committedCount() == work.size()) {
      if (work == pending) {
        dropPending();
      }
      return;
    }
    FrameBuffer tail = work.tail(memoryLimit);
    if (work == pending) {
      pending.close();
    }
    pending = tail;
  }

  private long pendingSize() {
    return pending == null ? 0 : pending.size();
  }

  private void dropPending() {
    if (pending != null) {
      pending.close();
      pending = null;
    }
  }

  /** Fetches the snapshot covering {@code offset}, retrying while the server is still writing it. */
  private FrameBuffer snapshot(long offset) {
    for (int attempt = 1; ; attempt++) {
      FrameBuffer snap = new FrameBuffer(spillDir(), memoryLimit);
      try {
        if (client().snapshot(offset, snap)) {
          if (snap.isEmpty() || !snap.get(snap.size() - 1).isCommit()) {
            throw ReplicationException.protocol("a snapshot whose last frame is not a commit frame");
          }
          ReplicaStats.SNAPSHOTS.incrementAndGet();
          return snap;
        }
      } catch (RuntimeException e) {
        snap.close();
        throw e;
      }
      snap.close();
      if (attempt >= SNAPSHOT_ATTEMPTS) {
        throw new LibsqlException(ErrorCode.SYNC_FAILED, "the primary had no snapshot ready after "
            + SNAPSHOT_ATTEMPTS * SNAPSHOT_RETRY_MS / 1000 + " s");
      }
      try {
        Thread.sleep(SNAPSHOT_RETRY_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LibsqlException(ErrorCode.CANCELLED, "interrupted while waiting for the primary's snapshot");
      }
    }
  }

  /**
   * Builds the whole database from frame 0 in a file beside the replica, then installs it: by
   * rename when there is no live file yet, else by copying it in under the lock ({@code replace}).
   */
  private SyncResult rebuild(boolean replace) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return rebuildOnce(replace);
      } catch (LogChanged e) {
        if (attempt >= MAX_HELLO_RETRIES) {
          throw new LibsqlException(ErrorCode.SYNC_FAILED, "the primary's log kept changing during a full resync");
        }
      }
    }
  }

  private SyncResult rebuildOnce(boolean replace) throws IOException {
    dropPending();
    String logId = serverLogId;
    long next = 0;
    long applied = 0;
    boolean empty;
    Files.deleteIfExists(bootstrapPath);
    try (FileChannel out = FileChannel.open(bootstrapPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      long size = -1;
      while (true) {
        Fetched f = fetch(next + pendingSize(), logId);
        FrameBuffer batch = f.frames;
        try {
          if (f.snapshot) {
            dropPending();
            size = PageWriter.writeFrames(out, batch, batch.size());
            applied += batch.size();
            next = batch.maxFrameNo() + 1;
            continue;
          }
          if (batch.isEmpty()) {
            break;
          }
          checkContiguous(batch, next + pendingSize());
          FrameBuffer work = merge(batch);
          long count = work.committedCount();
          if (count > 0) {
            size = PageWriter.writeFrames(out, work, count);
            applied += count;
            next = work.lastCommitFrameNo() + 1;
          }
          keepTail(work);
        } finally {
          if (batch != pending) {
            batch.close();
          }
        }
      }
      dropPending();
      empty = size < 0;
      if (!empty) {
        PageWriter.patchHeader(out, size, 1);
        out.force(true);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(bootstrapPath);
      throw e;
    }
    if (empty) {
      emptyDatabase(bootstrapPath);
    }
    if (replace && file != null) {
      try {
        file.replaceWith(bootstrapPath, meta, logId, next);
      } finally {
        readable = !meta.dirty();
        Files.deleteIfExists(bootstrapPath);
      }
    } else {
      install(logId, next);
    }
    return new SyncResult(applied, next - 1);
  }

  /** Renames the built file into place (nothing reads the live path yet) and records it. */
  private void install(String logId, long next) throws IOException {
    if (file != null) {
      file.close();
      file = null;
    }
    // A stale rollback journal would be "rolled back" into the new file by the next reader.
    Files.deleteIfExists(db.resolveSibling(db.getFileName() + "-journal"));
    Files.deleteIfExists(db.resolveSibling(db.getFileName() + "-wal"));
    Files.deleteIfExists(db.resolveSibling(db.getFileName() + "-shm"));
    Files.move(bootstrapPath, db, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(spillDir(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException ignored) {
      // not every platform can flush a directory
    }
    meta.write(logId, next, false);
    file = ReplicaFile.open(db);
    readable = true;
  }

  /** A valid empty database (one 4096-byte page, rollback journal) for a primary with no frames yet. */
  private static void emptyDatabase(Path path) throws IOException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + path); Statement st = c.createStatement()) {
      st.execute("PRAGMA page_size = 4096");
      st.execute("PRAGMA user_version = 0");
    } catch (SQLException e) {
      throw new IOException("cannot create an empty database at " + path + ": " + e.getMessage(), e);
    }
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  @Override
  public void close() {
    dropPending();
    if (client != null) {
      client.close();
    }
    if (file != null) {
      file.close();
    }
    try {
      meta.close();
    } catch (IOException ignored) {
      // best effort
    }
  }
}
