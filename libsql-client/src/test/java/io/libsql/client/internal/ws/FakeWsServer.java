package io.libsql.client.internal.ws;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * A scripted WebSocket server for what a real sqld never does (protocol violations, odd framing).
 * Accepts connections on loopback; for each text message from the client it calls the script with
 * the message and a {@link Peer} to answer with. Test-only, and minimal on purpose.
 */
final class FakeWsServer implements AutoCloseable {
  /** The server side of one connection. */
  interface Peer {
    void sendText(String text) throws IOException;

    /** Sends a text message split into {@code parts} frames. */
    void sendFragmented(String text, int parts) throws IOException;

    void sendPing(byte[] payload) throws IOException;

    void close() throws IOException;

    /** 0 for the first connection accepted, 1 for the next, ... */
    int connection();
  }

  private final ServerSocket server;
  private final Thread acceptor;
  private final List<Socket> sockets = new ArrayList<>();
  final List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
  volatile int pongs;
  private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * @param status the upgrade's answer (101 to proceed)
   * @param subprotocol the subprotocol to choose, or null for none
   * @param script called for each text message from the client
   */
  FakeWsServer(int status, String subprotocol, BiConsumer<String, Peer> script) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          synchronized (sockets) {
            sockets.add(s);
          }
          int index = connections.getAndIncrement();
          Thread t = new Thread(() -> serve(s, index, status, subprotocol, script), "fake-ws-conn");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }, "fake-ws-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "ws://127.0.0.1:" + server.getLocalPort();
  }

  private void serve(Socket s, int index, int status, String subprotocol, BiConsumer<String, Peer> script) {
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      String key = null;
      for (;;) {
        String line = readLine(in);
        if (line.isEmpty()) {
          break;
        }
        if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
          key = line.substring(line.indexOf(':') + 1).trim();
        }
      }
      if (status != 101) {
        out.write(("HTTP/1.1 " + status + " No\r\nContent-Length: 2\r\nConnection: close\r\n\r\nno").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return;
      }
      String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
          .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
      // Like sqld 0.24: a Content-Length on the 101, and no body.
      out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: " + accept + "\r\n"
          + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n")
          + "Content-Length: 31\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Peer peer = new Peer() {
        @Override
        public void sendText(String text) throws IOException {
          frame(out, 0x81, text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void sendFragmented(String text, int parts) throws IOException {
          byte[] b = text.getBytes(StandardCharsets.UTF_8);
          int step = (b.length + parts - 1) / parts;
          for (int i = 0, off = 0; off < b.length; i++, off += step) {
            int end = Math.min(b.length, off + step);
            int opcode = i == 0 ? 0x1 : 0x0;
            frame(out, (end == b.length ? 0x80 : 0) | opcode, java.util.Arrays.copyOfRange(b, off, end));
          }
        }

        @Override
        public void sendPing(byte[] payload) throws IOException {
          frame(out, 0x89, payload);
        }

        @Override
        public void close() throws IOException {
          s.close();
        }

        @Override
        public int connection() {
          return index;
        }
      };
      for (;;) {
        int b0 = in.read();
        if (b0 < 0) {
          return;
        }
        int b1 = in.read();
        long len = b1 & 0x7f;
        if (len == 126) {
          len = (in.read() << 8) | in.read();
        } else if (len == 127) {
          len = 0;
          for (int i = 0; i < 8; i++) {
            len = (len << 8) | in.read();
          }
        }
        byte[] mask = in.readNBytes(4);
        byte[] payload = in.readNBytes((int) len);
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i & 3];
        }
        int opcode = b0 & 0x0f;
        if (opcode == 0x1) {
          String text = new String(payload, StandardCharsets.UTF_8);
          received.add(text);
          script.accept(text, peer);
        } else if (opcode == 0xA) {
          pongs++;
        } else if (opcode == 0x8) {
          return;
        }
      }
    } catch (Exception e) {
      // the connection ends
    }
  }

  private static void frame(OutputStream out, int b0, byte[] payload) throws IOException {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write(b0);
    if (payload.length < 126) {
      f.write(payload.length);
    } else {
      f.write(126);
      f.write(payload.length >> 8);
      f.write(payload.length);
    }
    f.write(payload);
    synchronized (out) {
      out.write(f.toByteArray());
      out.flush();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (;;) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException();
      }
      if (b == '\n') {
        return sb.toString().strip();
      }
      sb.append((char) b);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
