package io.libsql.client.internal.ws;

import io.libsql.client.internal.call.IoThread;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A client {@link WebSocket} (RFC 6455) on a plain JDK socket, for servers the JDK's own
 * implementation cannot talk to: sqld 0.24 answers the upgrade with {@code 101} plus {@code
 * Content-Length: 31} and no body, and JDK 17's HttpClient then waits for those 31 bytes forever
 * ({@code Http1Response.fixupContentLen} only treats a 101 as bodiless without a Content-Length).
 * Here a 101 never has a body.
 *
 * <p>One reader thread per socket connects, handshakes, calls {@link WebSocket.Listener#onOpen}
 * and then delivers whole messages ({@code last == true}; fragments are reassembled) to the
 * listener, sequentially. Demand ({@link #request}) is ignored: the socket is always read, as Hrana
 * asks of clients. Sends write the frame on the calling thread and return a completed future; a
 * send from the reader thread itself is handed to {@code writeExecutor}, so the reader never blocks
 * on a full send buffer (which could deadlock with a server blocked on writing to us).
 *
 * <p>TLS uses the given {@link SSLContext} with hostname verification (endpoint identification
 * "HTTPS") and SNI. Proxies are not supported.
 */
final class SocketWebSocket implements WebSocket {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int MAX_MESSAGE = 256 << 20;
  private static final int MAX_HEADER_BYTES = 64 << 10;
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();

  private static final int OP_CONTINUATION = 0x0;
  private static final int OP_TEXT = 0x1;
  private static final int OP_BINARY = 0x2;
  private static final int OP_CLOSE = 0x8;
  private static final int OP_PING = 0x9;
  private static final int OP_PONG = 0xA;

  /** The upgrade was answered with something else than 101. */
  static final class HandshakeException extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    HandshakeException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /**
   * A listener that bounds incoming messages: a larger one is read past and reported (with its first
   * bytes, which say which request it answers) instead of being delivered; the socket stays usable.
   */
  interface SizeLimited {
    /** The largest message to deliver, in bytes. */
    long maxMessageSize();

    /** A message of {@code length} bytes was skipped; {@code head} holds its first bytes (unmasked). */
    void onMessageTooLarge(WebSocket ws, boolean text, byte[] head, long length);
  }

  /** How many first bytes of a skipped message are kept for {@link SizeLimited#onMessageTooLarge}. */
  static final int HEAD_BYTES = 256;

  /** The thread that reads a socket and runs the listener (an {@link IoThread}: blocking on it is refused). */
  private static final class ReaderThread extends IoThread {
    ReaderThread(Runnable r, String name) {
      super(r, name);
    }
  }

  /** True on a socket's reader thread, where blocking for a response would deadlock. */
  static boolean onReaderThread() {
    return Thread.currentThread() instanceof ReaderThread;
  }

  private final URI uri;
  private final List<String> subprotocols;
  private final Duration connectTimeout;
  private final SSLContext sslContext;
  private final Listener listener;
  private final Executor writeExecutor;
  private final CompletableFuture<WebSocket> opened = new CompletableFuture<>();
  private final ReentrantLock writeLock = new ReentrantLock();

  private volatile Thread reader;
  private volatile Socket socket;
  /** Guarded by writeLock. */
  private OutputStream out;
  private volatile String subprotocol = "";
  private volatile boolean outputClosed;
  private volatile boolean inputClosed;
  private volatile boolean aborted;

  private SocketWebSocket(URI uri, List<String> subprotocols, Duration connectTimeout, SSLContext sslContext,
      Listener listener, Executor writeExecutor) {
    this.uri = uri;
    this.subprotocols = subprotocols;
    this.connectTimeout = connectTimeout;
    this.sslContext = sslContext;
    this.listener = listener;
    this.writeExecutor = writeExecutor;
  }

  /**
   * Connects on a new reader thread; the future completes after {@code listener.onOpen}, or fails
   * with the connect or handshake error ({@link HandshakeException} for a non-101 answer).
   *
   * @param sslContext for {@code wss:}; null means {@link SSLContext#getDefault()}
   */
  static CompletableFuture<WebSocket> connect(URI uri, List<String> subprotocols, Duration connectTimeout,
      SSLContext sslContext, Listener listener, Executor writeExecutor) {
    SocketWebSocket ws = new SocketWebSocket(uri, subprotocols, connectTimeout, sslContext, listener, writeExecutor);
    Thread t = new ReaderThread(ws::run, "libsql-ws-reader-" + THREAD_IDS.incrementAndGet());
    t.setDaemon(true);
    ws.reader = t;
    t.start();
    return ws.opened;
  }

  private void run() {
    InputStream in;
    try {
      in = open();
    } catch (Throwable e) {
      closeSocket();
      opened.completeExceptionally(e);
      return;
    }
    if (aborted) {
      closeSocket();
      opened.completeExceptionally(new IOException("aborted while connecting"));
      return;
    }
    try {
      listener.onOpen(this);
    } catch (RuntimeException e) {
      abort();
    }
    opened.complete(this);
    readLoop(in);
  }

  // ---------------------------------------------------------------- handshake

  private InputStream open() throws IOException {
    boolean tls = uri.getScheme().equalsIgnoreCase("wss");
    String host = uri.getHost();
    int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
    int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
    long deadline = System.nanoTime() + connectTimeout.toNanos();
    Socket s = new Socket();
    socket = s;
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), timeoutMillis);
    } catch (SocketTimeoutException e) {
      throw timeout(e);
    }
    if (tls) {
      SSLContext ctx;
      try {
        ctx = sslContext != null ? sslContext : SSLContext.getDefault();
      } catch (NoSuchAlgorithmException e) {
        throw new IOException("no default TLS context", e);
      }
      SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(s, host, port, true);
      SSLParameters params = ssl.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      ssl.setSSLParameters(params);
      s = ssl;
      socket = s;
    }
    s.setSoTimeout(remainingMillis(deadline));
    try {
      if (s instanceof SSLSocket) {
        ((SSLSocket) s).startHandshake();
      }
      byte[] keyBytes = new byte[16];
      ThreadLocalRandom.current().nextBytes(keyBytes);
      String key = Base64.getEncoder().encodeToString(keyBytes);
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (uri.getRawQuery() != null) {
        path += "?" + uri.getRawQuery();
      }
      boolean defaultPort = uri.getPort() < 0 || uri.getPort() == (tls ? 443 : 80);
      StringBuilder req = new StringBuilder(256)
          .append("GET ").append(path).append(" HTTP/1.1\r\n")
          .append("Host: ").append(host).append(defaultPort ? "" : ":" + port).append("\r\n")
          .append("Upgrade: websocket\r\n")
          .append("Connection: Upgrade\r\n")
          .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
          .append("Sec-WebSocket-Version: 13\r\n");
      if (!subprotocols.isEmpty()) {
        req.append("Sec-WebSocket-Protocol: ").append(String.join(", ", subprotocols)).append("\r\n");
      }
      req.append("User-Agent: libsql-java\r\n\r\n");
      OutputStream o = s.getOutputStream();
      o.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      o.flush();
      InputStream in = new BufferedInputStream(s.getInputStream(), 64 << 10);
      readHandshakeResponse(in, key, deadline);
      s.setSoTimeout(0);
      writeLock.lock();
      try {
        out = o;
      } finally {
        writeLock.unlock();
      }
      return in;
    } catch (SocketTimeoutException e) {
      throw timeout(e);
    }
  }

  private HttpTimeoutException timeout(SocketTimeoutException e) {
    HttpTimeoutException t = new HttpTimeoutException("no WebSocket connection within " + connectTimeout.toMillis() + " ms");
    t.initCause(e);
    return t;
  }

  private static int remainingMillis(long deadline) {
    long ms = (deadline - System.nanoTime()) / 1_000_000;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
  }

  private void readHandshakeResponse(InputStream in, String key, long deadline) throws IOException {
    String status = readLine(in);
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new ProtocolException("not an HTTP response to the WebSocket upgrade: " + abbreviate(status));
    }
    int code;
    try {
      code = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new ProtocolException("bad HTTP status line: " + abbreviate(status));
    }
    String accept = null;
    String protocol = null;
    boolean upgrade = false;
    int total = status.length();
    for (;;) {
      socket.setSoTimeout(remainingMillis(deadline));
      String line = readLine(in);
      total += line.length();
      if (total > MAX_HEADER_BYTES) {
        throw new ProtocolException("the upgrade response headers are too large");
      }
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      switch (name) {
        case "sec-websocket-accept":
          accept = value;
          break;
        case "sec-websocket-protocol":
          protocol = value;
          break;
        case "upgrade":
          upgrade = value.equalsIgnoreCase("websocket");
          break;
        default:
          break;
      }
    }
    if (code != 101) {
      throw new HandshakeException(code, "the server answered the WebSocket upgrade with HTTP " + code);
    }
    // A 101 has no body whatever Content-Length says (RFC 9110 section 15.2): the next byte is a frame.
    if (!upgrade) {
      throw new ProtocolException("the 101 response lacks 'Upgrade: websocket'");
    }
    String expected;
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      expected = Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("SHA-1 is not available", e);
    }
    if (!expected.equals(accept)) {
      throw new ProtocolException("the server's Sec-WebSocket-Accept does not match the key");
    }
    if (protocol != null && !protocol.isEmpty() && !subprotocols.contains(protocol)) {
      throw new ProtocolException("the server chose the subprotocol '" + abbreviate(protocol) + "', which was not offered");
    }
    subprotocol = protocol == null ? "" : protocol;
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    for (;;) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the server closed the connection during the WebSocket upgrade");
      }
      if (b == '\n') {
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
          sb.setLength(n - 1);
        }
        return sb.toString();
      }
      if (sb.length() > MAX_HEADER_BYTES) {
        throw new ProtocolException("an upgrade response line is too long");
      }
      sb.append((char) b);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 100 ? s.substring(0, 100) + "..." : s;
  }

  // ---------------------------------------------------------------- reading

  private void readLoop(InputStream in) {
    long limit = listener instanceof SizeLimited ? ((SizeLimited) listener).maxMessageSize() : 0;
    boolean skipping = false;
    int skippedOpcode = -1;
    byte[] skippedHead = null;
    long skipped = 0;
    byte[] header = new byte[8];
    byte[] fragments = null;
    int fragmentsLength = 0;
    int fragmentsOpcode = -1;
    try {
      for (;;) {
        readFully(in, header, 2);
        int b0 = header[0] & 0xFF;
        int b1 = header[1] & 0xFF;
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        if ((b0 & 0x70) != 0) {
          throw new ProtocolException("the server set reserved WebSocket frame bits (no extension was negotiated)");
        }
        long length = b1 & 0x7F;
        if (length == 126) {
          readFully(in, header, 2);
          length = ((header[0] & 0xFF) << 8) | (header[1] & 0xFF);
        } else if (length == 127) {
          readFully(in, header, 8);
          length = 0;
          for (int i = 0; i < 8; i++) {
            length = (length << 8) | (header[i] & 0xFF);
          }
        }
        byte[] mask = null;
        if ((b1 & 0x80) != 0) {
          mask = new byte[4];
          readFully(in, mask, 4);
        }
        if (length < 0) {
          throw new ProtocolException("a WebSocket frame with a negative length");
        }
        boolean dataFrame = opcode == OP_TEXT || opcode == OP_BINARY || opcode == OP_CONTINUATION;
        if (skipping && opcode == OP_CONTINUATION) {
          skipFully(in, length);
          skipped += length;
          if (fin) {
            skipping = false;
            tooLarge(skippedOpcode, skippedHead, skipped);
          }
          continue;
        }
        if (dataFrame && limit > 0 && fragmentsLength + length > limit && !(fragmentsOpcode < 0 && opcode == OP_CONTINUATION)) {
          // Too large for the listener: skip the rest of the message and say so; the socket stays usable.
          int op = opcode == OP_CONTINUATION ? fragmentsOpcode : opcode;
          byte[] head = fragmentsLength > 0 ? java.util.Arrays.copyOf(fragments, Math.min(fragmentsLength, HEAD_BYTES))
              : new byte[(int) Math.min(length, HEAD_BYTES)];
          if (fragmentsLength == 0) {
            readFully(in, head, head.length);
            if (mask != null) {
              for (int i = 0; i < head.length; i++) {
                head[i] ^= mask[i & 3];
              }
            }
            skipFully(in, length - head.length);
          } else {
            skipFully(in, length);
          }
          long total = fragmentsLength + length;
          fragmentsOpcode = -1;
          fragments = null;
          fragmentsLength = 0;
          if (fin) {
            tooLarge(op, head, total);
          } else {
            skipping = true;
            skippedOpcode = op;
            skippedHead = head;
            skipped = total;
          }
          continue;
        }
        if (limit <= 0 && (length > MAX_MESSAGE || fragmentsLength + length > MAX_MESSAGE)) {
          throw new ProtocolException("a WebSocket message of more than " + (MAX_MESSAGE >> 20) + " MiB");
        }
        byte[] payload = new byte[(int) length];
        readFully(in, payload, payload.length);
        if (mask != null) {
          for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
          }
        }
        switch (opcode) {
          case OP_TEXT:
          case OP_BINARY:
            if (fragmentsOpcode >= 0) {
              throw new ProtocolException("a new WebSocket message started inside a fragmented one");
            }
            if (fin) {
              deliver(opcode, payload, payload.length);
            } else {
              fragmentsOpcode = opcode;
              fragments = payload;
              fragmentsLength = payload.length;
            }
            break;
          case OP_CONTINUATION:
            if (fragmentsOpcode < 0) {
              throw new ProtocolException("a WebSocket continuation frame without a message");
            }
            if (fragments.length - fragmentsLength < payload.length) {
              fragments = java.util.Arrays.copyOf(fragments, Math.max(fragmentsLength + payload.length, fragments.length * 2));
            }
            System.arraycopy(payload, 0, fragments, fragmentsLength, payload.length);
            fragmentsLength += payload.length;
            if (fin) {
              int op = fragmentsOpcode;
              byte[] data = fragments;
              int n = fragmentsLength;
              fragmentsOpcode = -1;
              fragments = null;
              fragmentsLength = 0;
              deliver(op, data, n);
            }
            break;
          case OP_PING:
            sendPong(ByteBuffer.wrap(payload));
            break;
          case OP_PONG:
            if (!aborted) {
              listener.onPong(this, ByteBuffer.wrap(payload));
            }
            break;
          case OP_CLOSE: {
            int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : NORMAL_CLOSURE;
            String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
            inputClosed = true;
            if (!outputClosed) {
              writeFrame(OP_CLOSE, closePayload(payload.length >= 2 ? code : 1000, ""), true);
            }
            closeSocket();
            if (!aborted) {
              listener.onClose(this, payload.length >= 2 ? code : 1005, reason);
            }
            return;
          }
          default:
            throw new ProtocolException("unknown WebSocket opcode " + opcode);
        }
      }
    } catch (Throwable e) {
      inputClosed = true;
      outputClosed = true;
      closeSocket();
      if (!aborted) {
        listener.onError(this, e);
      }
    }
  }

  private void tooLarge(int opcode, byte[] head, long length) {
    if (!aborted) {
      ((SizeLimited) listener).onMessageTooLarge(this, opcode == OP_TEXT, head, length);
    }
  }

  private static void skipFully(InputStream in, long n) throws IOException {
    byte[] sink = new byte[8192];
    while (n > 0) {
      int r = in.read(sink, 0, (int) Math.min(sink.length, n));
      if (r < 0) {
        throw new EOFException("the server closed the connection without a WebSocket close frame");
      }
      n -= r;
    }
  }

  private void deliver(int opcode, byte[] data, int length) {
    if (aborted) {
      return;
    }
    if (opcode == OP_TEXT) {
      listener.onText(this, new String(data, 0, length, StandardCharsets.UTF_8), true);
    } else {
      listener.onBinary(this, ByteBuffer.wrap(data, 0, length), true);
    }
  }

  private static void readFully(InputStream in, byte[] buf, int n) throws IOException {
    int off = 0;
    while (off < n) {
      int r = in.read(buf, off, n - off);
      if (r < 0) {
        throw new EOFException("the server closed the connection without a WebSocket close frame");
      }
      off += r;
    }
  }

  // ---------------------------------------------------------------- writing

  @Override
  public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
    byte[] payload = data.toString().getBytes(StandardCharsets.UTF_8);
    return send(OP_TEXT, payload, last);
  }

  @Override
  public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
    byte[] payload = new byte[data.remaining()];
    data.get(payload);
    return send(OP_BINARY, payload, last);
  }

  @Override
  public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
    byte[] payload = new byte[message.remaining()];
    message.get(payload);
    return send(OP_PING, payload, true);
  }

  @Override
  public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
    byte[] payload = new byte[message.remaining()];
    message.get(payload);
    return send(OP_PONG, payload, true);
  }

  @Override
  public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
    CompletableFuture<WebSocket> f = send(OP_CLOSE, closePayload(statusCode, reason), true);
    outputClosed = true;
    return f;
  }

  private static byte[] closePayload(int code, String reason) {
    byte[] r = reason.getBytes(StandardCharsets.UTF_8);
    byte[] p = new byte[2 + Math.min(r.length, 123)];
    p[0] = (byte) (code >> 8);
    p[1] = (byte) code;
    System.arraycopy(r, 0, p, 2, p.length - 2);
    return p;
  }

  private CompletableFuture<WebSocket> send(int opcode, byte[] payload, boolean last) {
    if (!last) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("partial messages are not supported"));
    }
    if (Thread.currentThread() == reader) {
      CompletableFuture<WebSocket> f = new CompletableFuture<>();
      try {
        writeExecutor.execute(() -> complete(f, opcode, payload));
      } catch (RuntimeException e) {
        f.completeExceptionally(new IOException("the WebSocket is closed", e));
      }
      return f;
    }
    CompletableFuture<WebSocket> f = new CompletableFuture<>();
    complete(f, opcode, payload);
    return f;
  }

  private void complete(CompletableFuture<WebSocket> f, int opcode, byte[] payload) {
    try {
      writeFrame(opcode, payload, false);
      f.complete(this);
    } catch (IOException e) {
      f.completeExceptionally(e);
    }
  }

  /**
   * The largest frame written: a longer message goes out in fragments (sqld's WebSocket library
   * drops the connection on a frame over 16 MiB, but takes messages of up to 64 MiB in fragments).
   */
  static final int MAX_FRAME = 1 << 20;

  /** Writes one masked message (fragmented above {@link #MAX_FRAME}) under the write lock. */
  private void writeFrame(int opcode, byte[] payload, boolean quiet) throws IOException {
    int n = payload.length;
    byte[][] frames;
    if (n <= MAX_FRAME || opcode >= 0x8) {
      frames = new byte[][] {encodeFrame(opcode, true, payload, 0, n)};
    } else {
      frames = new byte[(n + MAX_FRAME - 1) / MAX_FRAME][];
      for (int i = 0; i < frames.length; i++) {
        int off = i * MAX_FRAME;
        frames[i] = encodeFrame(i == 0 ? opcode : OP_CONTINUATION, i == frames.length - 1, payload, off,
            Math.min(MAX_FRAME, n - off));
      }
    }
    writeLock.lock();
    try {
      if (out == null || aborted || (outputClosed && opcode != OP_CLOSE)) {
        if (quiet) {
          return;
        }
        throw new IOException("the WebSocket output is closed");
      }
      if (opcode == OP_CLOSE) {
        outputClosed = true;
      }
      for (byte[] frame : frames) {
        out.write(frame);
      }
      out.flush();
    } catch (IOException e) {
      if (!quiet) {
        throw e;
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** One masked frame of {@code payload[off, off + n)}. */
  private static byte[] encodeFrame(int opcode, boolean fin, byte[] payload, int off, int n) {
    int headerLength = 2 + (n < 126 ? 0 : n < 65536 ? 2 : 8) + 4;
    byte[] frame = new byte[headerLength + n];
    frame[0] = (byte) ((fin ? 0x80 : 0) | opcode);
    int p = 2;
    if (n < 126) {
      frame[1] = (byte) (0x80 | n);
    } else if (n < 65536) {
      frame[1] = (byte) (0x80 | 126);
      frame[p++] = (byte) (n >> 8);
      frame[p++] = (byte) n;
    } else {
      frame[1] = (byte) (0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame[p++] = (byte) ((long) n >> shift);
      }
    }
    int mask = ThreadLocalRandom.current().nextInt();
    byte m0 = (byte) (mask >> 24);
    byte m1 = (byte) (mask >> 16);
    byte m2 = (byte) (mask >> 8);
    byte m3 = (byte) mask;
    frame[p++] = m0;
    frame[p++] = m1;
    frame[p++] = m2;
    frame[p++] = m3;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      frame[p + i] = (byte) (payload[off + i] ^ m0);
      frame[p + i + 1] = (byte) (payload[off + i + 1] ^ m1);
      frame[p + i + 2] = (byte) (payload[off + i + 2] ^ m2);
      frame[p + i + 3] = (byte) (payload[off + i + 3] ^ m3);
    }
    for (; i < n; i++) {
      frame[p + i] = (byte) (payload[off + i] ^ ((i & 3) == 0 ? m0 : (i & 3) == 1 ? m1 : (i & 3) == 2 ? m2 : m3));
    }
    return frame;
  }

  // ---------------------------------------------------------------- the rest of WebSocket

  /** Ignored: the reader always reads (Hrana clients must), delivering messages sequentially. */
  @Override
  public void request(long n) {
  }

  @Override
  public String getSubprotocol() {
    return subprotocol;
  }

  @Override
  public boolean isOutputClosed() {
    return outputClosed;
  }

  @Override
  public boolean isInputClosed() {
    return inputClosed;
  }

  @Override
  public void abort() {
    aborted = true;
    inputClosed = true;
    outputClosed = true;
    closeSocket();
  }

  private void closeSocket() {
    Socket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }

  @Override
  public String toString() {
    return "SocketWebSocket[" + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "]";
  }
}
