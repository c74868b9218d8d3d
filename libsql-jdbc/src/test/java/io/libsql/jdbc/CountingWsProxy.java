package io.libsql.jdbc;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback TCP proxy in front of sqld that parses the WebSocket frames the client sends (after
 * passing its HTTP upgrade request through) and counts the data messages, so a test can count Hrana
 * requests over WebSocket (one client message per request). The server's bytes are copied as they
 * are. Every byte is forwarded unchanged, as soon as it has been read. With {@code encoding=json}
 * it also records the type of each Hrana request ({@code batch}, {@code store_sql}, ...).
 */
final class CountingWsProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "counting-ws-proxy");
    t.setDaemon(true);
    return t;
  });
  private final List<Socket> sockets = new ArrayList<>();
  /** Complete client data messages (text or binary; control frames not counted). */
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong upgrades = new AtomicLong();
  /** Hrana request types of the client's JSON messages ("hello", "open_stream", "batch", ...), in order. */
  private final List<String> types = new ArrayList<>();
  private static final Pattern REQUEST_TYPE = Pattern.compile("\\{\"type\":\"(\\w+)\"(?:,\"request_id\":\\d+,\"request\":\\{\"type\":\"(\\w+)\")?");

  /** Starts a proxy on a free loopback port forwarding to {@code port} on loopback. */
  CountingWsProxy(int port) throws IOException {
    target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    executor.execute(this::accept);
  }

  /** {@code ws://127.0.0.1:PORT}. */
  String url() {
    return "ws://127.0.0.1:" + listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(target, 10_000);
        synchronized (sockets) {
          sockets.add(client);
          sockets.add(server);
        }
        executor.execute(() -> clientToServer(client, server));
        executor.execute(() -> copy(server, client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void clientToServer(Socket client, Socket server) {
    try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
      // The HTTP upgrade request, up to its blank line.
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int state = 0;
      while (state < 4) {
        int b = read(in);
        head.write(b);
        state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
            : b == '\r' ? 1 : 0;
      }
      out.write(head.toByteArray());
      out.flush();
      upgrades.incrementAndGet();
      // Then frames: FIN|opcode, MASK|len (126: 16-bit, 127: 64-bit length follows), mask key,
      // payload. Each frame is read whole and counted before it is forwarded, so the counts are
      // complete once the client has its answer.
      while (true) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int b0 = read(in);
        int b1 = read(in);
        frame.write(b0);
        frame.write(b1);
        long len = b1 & 0x7f;
        int extra = len == 126 ? 2 : len == 127 ? 8 : 0;
        if (extra > 0) {
          len = 0;
          for (int i = 0; i < extra; i++) {
            int b = read(in);
            frame.write(b);
            len = len << 8 | b;
          }
        }
        byte[] mask = new byte[4];
        if ((b1 & 0x80) != 0) {
          for (int i = 0; i < 4; i++) {
            mask[i] = (byte) read(in);
          }
          frame.write(mask);
        }
        byte[] payload = in.readNBytes((int) len);
        if (payload.length != len) {
          throw new EOFException();
        }
        frame.write(payload);
        int opcode = b0 & 0x0f;
        if ((b0 & 0x80) != 0 && opcode <= 2) {
          messages.incrementAndGet();
        }
        if (opcode == 1) {
          byte[] start = new byte[Math.min(payload.length, 200)];
          for (int i = 0; i < start.length; i++) {
            start[i] = (byte) (payload[i] ^ mask[i & 3]);
          }
          Matcher m = REQUEST_TYPE.matcher(new String(start, java.nio.charset.StandardCharsets.UTF_8));
          synchronized (types) {
            types.add(!m.lookingAt() ? "?" : m.group(2) != null ? m.group(2) : m.group(1));
          }
        }
        frame.writeTo(out);
        out.flush();
      }
    } catch (IOException e) {
      closeQuietly(server);
      closeQuietly(client);
    }
  }

  private static int read(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException();
    }
    return b;
  }

  private static void copy(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      byte[] buf = new byte[65536];
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  /** Client data messages so far (one per Hrana request). */
  long messages() {
    return messages.get();
  }

  /** Request types of the client's JSON text messages so far (with {@code encoding=json}). */
  List<String> requestTypes() {
    synchronized (types) {
      return List.copyOf(types);
    }
  }

  void resetTypes() {
    synchronized (types) {
      types.clear();
    }
  }

  /** WebSocket connections opened through the proxy so far. */
  long upgrades() {
    return upgrades.get();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    synchronized (sockets) {
      sockets.forEach(CountingWsProxy::closeQuietly);
    }
    executor.shutdownNow();
  }
}
