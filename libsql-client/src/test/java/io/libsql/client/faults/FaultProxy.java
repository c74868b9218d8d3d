package io.libsql.client.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that sits between a client and a server (sqld) and injects faults: drop
 * every connection, stall them, cut each new connection after N bytes in one direction (mid-frame,
 * mid-header, anywhere), delay every chunk, refuse new connections, or freeze the current
 * connections for good (a half-open peer). {@link #heal()} clears every fault; connections frozen
 * by {@link #blackhole()} stay dead, as they would after a NAT timeout.
 *
 * <p>Two daemon threads per connection (named {@code fault-proxy-...}, which leak checks skip)
 * copy bytes with blocking I/O; {@link #close()} ends them all. Thread-safe. Test code only: it
 * binds to 127.0.0.1 and connects only to 127.0.0.1.
 */
public final class FaultProxy implements AutoCloseable {
  /** Which way bytes travel. */
  public enum Direction { UPSTREAM, DOWNSTREAM }

  /** The prefix of every thread the proxy starts. */
  public static final String THREAD_PREFIX = "fault-proxy-";

  private static final AtomicInteger IDS = new AtomicInteger();

  private final int targetPort;
  private final int id = IDS.incrementAndGet();
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong[] bytes = {new AtomicLong(), new AtomicLong()};
  private final Object gate = new Object();

  private volatile int port;
  /** Guarded by {@code this}. */
  private ServerSocket listener;
  /** Guarded by {@code this}. */
  private Thread acceptor;
  private volatile boolean closed;

  // Faults; read by the pumps, guarded by gate for waits.
  private volatile boolean stalled;
  private volatile boolean refusing;
  private volatile Direction cutDirection;
  private volatile long cutAfter = -1;
  private volatile long delayNanos;
  /** Guarded by itself: a copy of downstream bytes while recording, else null. */
  private java.io.ByteArrayOutputStream tap;
  private final Object tapLock = new Object();

  private FaultProxy(int targetPort) {
    this.targetPort = targetPort;
  }

  /** Starts a proxy on a free loopback port that forwards to {@code 127.0.0.1:targetPort}. */
  public static FaultProxy start(int targetPort) {
    FaultProxy p = new FaultProxy(targetPort);
    p.listen(0);
    return p;
  }

  /** The loopback port clients connect to. */
  public int port() {
    return port;
  }

  /** {@code scheme://127.0.0.1:port}. */
  public String url(String scheme) {
    return scheme + "://127.0.0.1:" + port;
  }

  /** Connections accepted so far. */
  public long accepted() {
    return accepted.get();
  }

  /** Connections currently open through the proxy. */
  public int openConnections() {
    return links.size();
  }

  /** Sockets the proxy holds open in this JVM (two per connection, plus the listener), for fd counts. */
  public synchronized int openSockets() {
    return 2 * links.size() + (listener != null ? 1 : 0);
  }

  /** Bytes forwarded so far in {@code direction}, over all connections. */
  public long bytes(Direction direction) {
    return bytes[direction.ordinal()].get();
  }

  /** Resets every connection now (RST, as a crashed peer or a middlebox would). */
  public void dropAll() {
    for (Link l : links) {
      l.close(true);
    }
  }

  /** Stops forwarding on every connection, current and new, until {@link #heal()}; bytes wait. */
  public void stall() {
    stalled = true;
  }

  /**
   * Each connection accepted from now on is closed once {@code n} bytes went {@code direction}
   * (those {@code n} bytes are delivered; nothing after them). Until {@link #heal()}.
   */
  public void cutAfter(Direction direction, long n) {
    if (n < 0) {
      throw new IllegalArgumentException("n < 0");
    }
    cutDirection = direction;
    cutAfter = n;
  }

  /** Sleeps this long before forwarding each chunk of bytes, until {@link #heal()}. */
  public void delay(Duration perChunk) {
    delayNanos = perChunk.toNanos();
  }

  /**
   * From now on keeps a copy of the bytes sent to clients (up to 4 MiB), for tests that read what
   * the server answered; {@link #takeRecorded()} returns and clears it.
   */
  public void record() {
    synchronized (tapLock) {
      tap = new java.io.ByteArrayOutputStream();
    }
  }

  /** The bytes recorded since {@link #record()} or the last call, and clears them. */
  public byte[] takeRecorded() {
    synchronized (tapLock) {
      if (tap == null) {
        return new byte[0];
      }
      byte[] b = tap.toByteArray();
      tap.reset();
      return b;
    }
  }

  private boolean recording() {
    synchronized (tapLock) {
      return tap != null;
    }
  }

  private void recordDownstream(byte[] b, int n) {
    synchronized (tapLock) {
      if (tap != null && tap.size() + n <= (4 << 20)) {
        tap.write(b, 0, n);
      }
    }
  }

  /** Closes the listening socket: new connections are refused (ECONNREFUSED) until {@link #heal()}. */
  public synchronized void refuse() {
    refusing = true;
    closeListener();
  }

  /**
   * Freezes every current connection for good: bytes sent on them vanish and nothing comes back,
   * and they are never closed (a half-open peer). New connections are not affected.
   */
  public void blackhole() {
    for (Link l : links) {
      l.frozen = true;
    }
  }

  /**
   * Clears every fault: forwarding resumes, new connections are accepted, cuts and delays stop
   * (also on connections already cut-armed). Connections frozen by {@link #blackhole()} stay frozen.
   */
  public void heal() {
    cutAfter = -1;
    cutDirection = null;
    for (Link l : links) {
      l.cutAfter = -1;
    }
    delayNanos = 0;
    synchronized (gate) {
      stalled = false;
      gate.notifyAll();
    }
    synchronized (this) {
      if (refusing && !closed) {
        refusing = false;
        listen(port);
      }
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      closeListener();
    }
    synchronized (gate) {
      gate.notifyAll();
    }
    for (Link l : links) {
      l.close(true);
    }
    for (Link l : links) {
      l.join();
    }
  }

  @Override
  public String toString() {
    return "FaultProxy[127.0.0.1:" + port + " -> 127.0.0.1:" + targetPort + ", open=" + links.size() + "]";
  }

  // ------------------------------------------------------------------------------------------

  private synchronized void listen(int onPort) {
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 512);
      listener = s;
      port = s.getLocalPort();
      Thread t = new Thread(() -> acceptLoop(s), THREAD_PREFIX + id + "-accept");
      t.setDaemon(true);
      acceptor = t;
      t.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + onPort, e);
    }
  }

  private void closeListener() {
    ServerSocket s = listener;
    listener = null;
    Thread t = acceptor;
    acceptor = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing
      }
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void acceptLoop(ServerSocket s) {
    int n = 0;
    while (!s.isClosed()) {
      Socket client;
      try {
        client = s.accept();
      } catch (IOException e) {
        return;
      }
      accepted.incrementAndGet();
      Socket server = new Socket();
      try {
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
      } catch (IOException e) {
        closeQuietly(client, true);
        closeQuietly(server, true);
        continue;
      }
      Link link = new Link(client, server, cutDirection, cutAfter);
      links.add(link);
      if (closed) {
        link.close(true);
        return;
      }
      link.start(id + "-" + (++n));
    }
  }

  private static void closeQuietly(Socket s, boolean reset) {
    try {
      if (reset && !s.isClosed()) {
        s.setSoLinger(true, 0);
      }
    } catch (SocketException ignored) {
      // already gone
    }
    try {
      s.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  /** One proxied connection: two pumps. */
  private final class Link {
    final Socket client;
    final Socket server;
    final Direction cutDirection;
    /** Negative once healed. */
    volatile long cutAfter;
    final Thread[] pumps = new Thread[2];
    volatile boolean frozen;
    private boolean closedLink;

    Link(Socket client, Socket server, Direction cutDirection, long cutAfter) {
      this.client = client;
      this.server = server;
      this.cutDirection = cutAfter < 0 ? null : cutDirection;
      this.cutAfter = cutAfter;
    }

    void start(String name) {
      pumps[0] = new Thread(() -> pump(client, server, Direction.UPSTREAM), THREAD_PREFIX + name + "-up");
      pumps[1] = new Thread(() -> pump(server, client, Direction.DOWNSTREAM), THREAD_PREFIX + name + "-down");
      for (Thread t : pumps) {
        t.setDaemon(true);
        t.start();
      }
      if (cutDirection != null && cutAfter == 0) {
        close(false);
      }
    }

    void pump(Socket from, Socket to, Direction direction) {
      byte[] buf = new byte[16 * 1024];
      long sent = 0;
      boolean cutting = direction == cutDirection;
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        for (;;) {
          int want = buf.length;
          if (cutting && cutAfter < 0) {
            cutting = false; // healed
          }
          if (cutting) {
            long left = cutAfter - sent;
            if (left <= 0) {
              if (direction == Direction.DOWNSTREAM && recording()) {
                drainAfterCut(in);
              }
              break;
            }
            want = (int) Math.min(want, left);
          }
          int n = in.read(buf, 0, want);
          if (n < 0) {
            break;
          }
          if (!awaitForwarding()) {
            break;
          }
          long delay = delayNanos;
          if (delay > 0) {
            Thread.sleep(delay / 1_000_000, (int) (delay % 1_000_000));
          }
          if (frozen) {
            freeze();
            break;
          }
          if (direction == Direction.DOWNSTREAM) {
            recordDownstream(buf, n);
          }
          out.write(buf, 0, n);
          out.flush();
          sent += n;
          bytes[direction.ordinal()].addAndGet(n);
        }
      } catch (IOException e) {
        // the other pump or a fault closed the sockets
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (frozen) {
        freeze();
      }
      close(false);
    }

    /**
     * While recording, a downstream cut closes the client's side at once but still reads what the
     * server goes on sending (until it pauses for 150 ms), so tests see every baton it gave out.
     */
    private void drainAfterCut(InputStream in) throws IOException {
      closeQuietly(client, false);
      server.setSoTimeout(150);
      byte[] buf = new byte[16 * 1024];
      try {
        for (int n; (n = in.read(buf)) >= 0;) {
          recordDownstream(buf, n);
        }
      } catch (java.net.SocketTimeoutException e) {
        // the server said all it had to say
      }
    }

    /** Waits while the proxy is stalled; false once it is closed. */
    private boolean awaitForwarding() throws InterruptedException {
      synchronized (gate) {
        while (stalled && !closed) {
          gate.wait(1_000);
        }
      }
      return !closed;
    }

    /** A frozen link swallows everything until the proxy closes. */
    private void freeze() {
      synchronized (gate) {
        while (!closed && !closedLink()) {
          try {
            gate.wait(1_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }

    private synchronized boolean closedLink() {
      return closedLink;
    }

    void close(boolean reset) {
      synchronized (this) {
        if (closedLink) {
          return;
        }
        if (frozen && !reset && !closed) {
          return; // half-open: nobody hears about it
        }
        closedLink = true;
      }
      closeQuietly(client, reset);
      closeQuietly(server, reset);
      links.remove(this);
      synchronized (gate) {
        gate.notifyAll();
      }
    }

    void join() {
      for (Thread t : pumps) {
        if (t != null && t != Thread.currentThread()) {
          try {
            t.join(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }
}
