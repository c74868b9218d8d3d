package io.libsql.client.internal.replica;

import io.libsql.client.Config;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.SyncResult;
import io.libsql.client.internal.url.DatabaseUrl;
import io.libsql.client.internal.engine.Engine;
import io.libsql.client.internal.engine.Engines;
import io.libsql.client.internal.url.AuthTokens;
import io.libsql.client.internal.call.Futures;
import io.libsql.client.internal.call.IoThread;
import io.libsql.client.internal.call.SafeListener;
import io.libsql.client.internal.local.LocalEngine;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One replica file's shared state in this JVM: the lock file, the {@link Syncer} and the one
 * daemon thread that runs every sync, the read-only local engine and the remote engine. Clients
 * opened on the same file share one (reference-counted by {@link #acquire}/{@link #release}), so
 * there is exactly one syncer per file; another process gets {@code REPLICA_LOCKED}.
 */
final class Replica {
  private static final System.Logger LOG = System.getLogger("io.libsql.client.replica");
  /** Frames held on the heap per batch before spilling to disk. */
  static final long MEMORY_LIMIT = Long.getLong("io.libsql.replica.memoryLimit", 8L << 20);
  /** Guarded by itself. */
  private static final Map<Path, Replica> OPEN = new HashMap<>();

  private final Path path;
  private final Config config;
  private final DatabaseUrl primary;
  private final String authToken;
  /** The supplier of tokens, or null when {@link #authToken} is fixed. */
  private final java.util.function.Supplier<String> authTokenSupplier;
  /** The listeners of the clients sharing this replica (each sees every sync). */
  private final java.util.concurrent.CopyOnWriteArrayList<SafeListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final FileChannel lockChannel;
  private final FileLock fileLock;
  private final Syncer syncer;
  private final ScheduledExecutorService syncThread;
  private final ReentrantLock lock = new ReentrantLock();
  /** Guarded by {@link #OPEN}. */
  private int refs = 1;
  /** Created once the file is readable; guarded by {@link #lock} for creation. */
  private volatile LocalEngine local;
  /** Created on the first write; guarded by {@link #lock} for creation. */
  private volatile Engine remote;
  /** A sync requested but not started yet; guarded by {@link #lock}. */
  private CompletableFuture<SyncResult> queued;
  private volatile boolean closed;

  private Replica(Path path, Config config, DatabaseUrl primary, String authToken, FileChannel lockChannel,
      FileLock fileLock, Syncer syncer) {
    this.path = path;
    this.config = config;
    this.primary = primary;
    this.authToken = authToken;
    this.authTokenSupplier = config.authTokenSupplier();
    this.lockChannel = lockChannel;
    this.fileLock = fileLock;
    this.syncer = syncer;
    // An IoThread: a blocking call inside a callback of sync()'s future would wait for itself.
    this.syncThread = Executors.newSingleThreadScheduledExecutor(r -> new IoThread(r, "libsql-replica-sync"));
    Duration interval = config.syncInterval();
    if (!interval.isZero()) {
      long ms = Math.max(1, interval.toMillis());
      syncThread.scheduleWithFixedDelay(this::backgroundSync, syncer.readable() ? ms : 0, ms, TimeUnit.MILLISECONDS);
    }
  }

  /** The replica for {@code config}'s file, opened (no network) or shared with the clients that have it open. */
  static Replica acquire(Config config) {
    DatabaseUrl url = DatabaseUrl.of(config);
    DatabaseUrl primary = DatabaseUrl.parse(config.syncUrl(), null);
    String token = config.authToken() != null ? config.authToken() : primary.authToken();
    if (config.sslContext() != null && primary.tls()) {
      throw new LibsqlException(ErrorCode.CONFIG_INVALID, "a custom sslContext is not supported for replica sync yet;"
          + " add the primary's CA to the JVM trust store (javax.net.ssl.trustStore) instead");
    }
    Path path = canonical(Path.of(url.path()).toAbsolutePath());
    synchronized (OPEN) {
      Replica open = OPEN.get(path);
      if (open != null) {
        if (!open.primary.redacted().equals(primary.redacted()) || !Objects.equals(open.authToken, token)
            || open.authTokenSupplier != config.authTokenSupplier()) {
          throw new LibsqlException(ErrorCode.CONFIG_INVALID, "file:" + url.path() + " is already open in this JVM as a"
              + " replica of another primary or with another token");
        }
        open.refs++;
        return open;
      }
      Replica r = open(path, config, primary, token);
      OPEN.put(path, r);
      return r;
    }
  }

  private static Path canonical(Path p) {
    try {
      Path dir = p.getParent();
      return dir == null ? p : dir.toRealPath().resolve(p.getFileName());
    } catch (IOException e) {
      throw new LibsqlException(ErrorCode.CONFIG_INVALID, "the replica's directory " + p.getParent() + " does not exist");
    }
  }

  private static Replica open(Path path, Config config, DatabaseUrl primary, String token) {
    Path lockPath = path.resolveSibling(path.getFileName() + "-libsql-replica.lock");
    FileChannel lockChannel = null;
    FileLock fileLock = null;
    try {
      lockChannel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        fileLock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        fileLock = null;
      }
      if (fileLock == null) {
        throw new LibsqlException(ErrorCode.REPLICA_LOCKED, "file:" + path + " is already open as a replica by another"
            + " process; one process syncs a replica file at a time");
      }
      AuthTokens tokens = config.authTokenSupplier() != null ? AuthTokens.of(config) : AuthTokens.fixed(token);
      Syncer syncer = new Syncer(path, primary, tokens, config.connectTimeout(), MEMORY_LIMIT);
      return new Replica(path, config, primary, token, lockChannel, fileLock, syncer);
    } catch (IOException e) {
      closeQuietly(fileLock, lockChannel);
      throw new LibsqlException(ErrorCode.SYNC_FAILED, "cannot open the replica file:" + path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(fileLock, lockChannel);
      throw e;
    }
  }

  private static void closeQuietly(FileLock fileLock, FileChannel channel) {
    try {
      if (fileLock != null) {
        fileLock.release();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // best effort
    }
  }

  Path path() {
    return path;
  }

  DatabaseUrl primary() {
    return primary;
  }

  // ---- reads

  /** Runs {@code op} on the local engine, first syncing if the file is not readable yet. */
  <T> CompletableFuture<T> read(Function<LocalEngine, CompletableFuture<T>> op) {
    if (closed) {
      return closedFuture();
    }
    if (syncer.readable()) {
      try {
        return op.apply(local());
      } catch (LibsqlException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return requestSync().handle((r, t) -> {
      if (t != null) {
        LibsqlException e = Futures.unwrap(t);
        throw new LibsqlException(e.code(), "the replica has no complete local copy yet (never synced, or a sync was"
            + " interrupted) and syncing failed: " + e.getMessage(), -1, e);
      }
      if (!syncer.readable()) {
        throw new LibsqlException(ErrorCode.SYNC_FAILED, "the replica file is incomplete after a failed sync");
      }
      return local();
    }).thenCompose(op);
  }

  private LocalEngine local() {
    LocalEngine l = local;
    if (l != null) {
      return l;
    }
    lock.lock();
    try {
      if (closed) {
        throw new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed");
      }
      if (local == null) {
        // Read-only connections with mmap off: the syncer writes pages and truncates the file
        // underneath SQLite, and a local write must fail (and go to the primary) untouched.
        local = LocalEngine.openReadOnly(path.toString());
      }
      return local;
    } finally {
      lock.unlock();
    }
  }

  // ---- writes

  Engine remote() {
    Engine r = remote;
    if (r != null) {
      return r;
    }
    lock.lock();
    try {
      if (closed) {
        throw new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed");
      }
      if (remote == null) {
        remote = openRemote();
      }
      return remote;
    } finally {
      lock.unlock();
    }
  }

  private Engine openRemote() {
    try {
      return Engines.open(remoteConfig(config.syncUrl()));
    } catch (LibsqlException e) {
      if (!e.is(ErrorCode.URL_SCHEME_NOT_SUPPORTED) || primary.scheme().startsWith("http")) {
        throw e;
      }
      // Not every transport may be in this build; the same server speaks Hrana over HTTP on the same port.
      return Engines.open(remoteConfig(primary.baseUri(primary.tls() ? "https" : "http")));
    }
  }

  private Config remoteConfig(String url) {
    Config.Builder b = Config.builder(url)
        .connectTimeout(config.connectTimeout())
        .requestTimeout(config.requestTimeout())
        .concurrency(config.concurrency())
        .hranaVersion(config.hranaVersion())
        .encoding(config.encoding())
        .sslContext(config.sslContext())
        .retryReads(config.retryReads());
    if (authTokenSupplier != null) {
      b.authTokenSupplier(authTokenSupplier);
    } else {
      b.authToken(authToken);
    }
    if (primary.tlsOverride() != null && url.startsWith("libsql:")) {
      b.tls(primary.tlsOverride());
    }
    return b.build();
  }

  // ---- sync

  /** Queues a sync on the sync thread, or joins the one queued and not started yet. */
  CompletableFuture<SyncResult> requestSync() {
    CompletableFuture<SyncResult> f;
    lock.lock();
    try {
      if (closed) {
        return closedFuture();
      }
      if (queued != null) {
        return queued.copy(); // a caller cancelling its copy must not cancel the others'
      }
      f = new CompletableFuture<>();
      queued = f;
      CompletableFuture<SyncResult> mine = f;
      try {
        syncThread.execute(() -> runQueued(mine));
      } catch (RejectedExecutionException e) {
        queued = null;
        return closedFuture();
      }
    } finally {
      lock.unlock();
    }
    return f.copy();
  }

  private void runQueued(CompletableFuture<SyncResult> f) {
    lock.lock();
    try {
      if (queued == f) {
        queued = null;
      }
    } finally {
      lock.unlock();
    }
    try {
      if (closed) {
        throw new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed");
      }
      f.complete(observedSync());
    } catch (Throwable t) {
      f.completeExceptionally(Futures.unwrap(t));
    }
  }

  /** Adds the listener of a client that uses this replica; {@link #removeListener} when it closes. */
  void addListener(SafeListener listener) {
    if (listener != null) {
      listeners.add(listener);
    }
  }

  void removeListener(SafeListener listener) {
    if (listener != null) {
      listeners.remove(listener);
    }
  }

  /** One sync on the sync thread, reported to the listeners (each user listener once). */
  private SyncResult observedSync() {
    java.util.List<SafeListener> targets = new java.util.ArrayList<>();
    java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (SafeListener l : listeners) {
      if (seen.add(l.unwrap())) {
        targets.add(l);
      }
    }
    for (SafeListener l : targets) {
      l.syncStart();
    }
    long start = System.nanoTime();
    try {
      SyncResult r = syncer.sync();
      for (SafeListener l : targets) {
        l.syncEnd(System.nanoTime() - start, r.framesApplied(), null);
      }
      return r;
    } catch (RuntimeException e) {
      String code = Futures.unwrap(e).code();
      for (SafeListener l : targets) {
        l.syncEnd(System.nanoTime() - start, 0, code);
      }
      throw e;
    }
  }

  private void backgroundSync() {
    if (closed) {
      return;
    }
    try {
      observedSync();
    } catch (RuntimeException e) {
      if (closed) {
        return; // close() cut the call short
      }
      LibsqlException le = Futures.unwrap(e);
      LOG.log(Level.WARNING, "background sync of " + path.getFileName() + " failed: " + le.code() + ": " + le.getMessage());
    }
  }

  static <T> CompletableFuture<T> closedFuture() {
    return CompletableFuture.failedFuture(new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed"));
  }

  /** Drops one reference; the last one stops the sync thread and closes everything. */
  void release() {
    synchronized (OPEN) {
      if (--refs > 0) {
        return;
      }
      OPEN.remove(path, this);
      // Still under the registry's lock: a client reopening this file waits for the lock file.
      close();
    }
  }

  private void close() {
    CompletableFuture<SyncResult> pending;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      pending = queued;
      queued = null;
    } finally {
      lock.unlock();
    }
    syncThread.shutdown();
    syncer.abort();
    try {
      if (!syncThread.awaitTermination(30, TimeUnit.SECONDS)) {
        syncThread.shutdownNow();
        syncThread.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      syncThread.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (pending != null) {
      pending.completeExceptionally(new LibsqlException(ErrorCode.CLIENT_CLOSED, "the client is closed"));
    }
    LocalEngine l = local;
    if (l != null) {
      l.close();
    }
    Engine r = remote;
    if (r != null) {
      r.close();
    }
    syncer.close();
    closeQuietly(fileLock, lockChannel);
  }
}
