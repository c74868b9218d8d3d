package io.libsql.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The protocol floor: the least client work that still speaks Hrana. One WebSocket with
 * subprotocol {@code hrana2} (JSON), one stream opened once and reused, request strings built by
 * concatenation, and a response looked at only for its {@code request_id} and whether it is
 * {@code response_ok} without an error: no rows are decoded. W1, W4 and W5 on {@code ws://}. W4
 * keeps at most {@value #W4_WINDOW} requests in flight: sqld drops a socket once about 128 requests
 * wait on it. W5 makes the round trips both clients make per transaction, and no more: a batch of
 * {@code BEGIN IMMEDIATE} and the first INSERT (run only if BEGIN succeeded), 4 INSERTs, COMMIT, on
 * its one stream (the clients also open and close a stream per transaction, pipelined).
 *
 * <p>The WebSocket is a minimal RFC 6455 client over a blocking {@link Socket} (one reader thread;
 * writes under a lock), not {@code java.net.http.WebSocket}: sqld 0.24.32 answers the upgrade
 * with {@code 101 Switching Protocols} and a {@code content-length: 31} header but no body, and the
 * JDK client waits for those 31 bytes, so its handshake never completes.
 */
final class RawFloorContestant extends JavaContestant {
  static final int W4_WINDOW = 64;
  /** Request ids cycle through this many slots; far more than can be in flight. */
  private static final int SLOTS = 1024;
  private static final byte[] REQUEST_ID = "\"request_id\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RESPONSE_OK = "\"response_ok\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HELLO_OK = "\"hello_ok\"".getBytes(StandardCharsets.US_ASCII);
  /** In a batch's {@code step_errors} or a {@code response_error}: a failed step. */
  private static final byte[] ERROR_MESSAGE = "\"message\":".getBytes(StandardCharsets.US_ASCII);
  private static final String EXECUTE_HEAD = "{\"type\":\"request\",\"request_id\":";
  private static final String EXECUTE_TAIL =
      ",\"request\":{\"type\":\"execute\",\"stream_id\":1,\"stmt\":{\"sql\":\"SELECT 1\",\"want_rows\":true}}}";

  private final AtomicReferenceArray<CompletableFuture<Void>> pending = new AtomicReferenceArray<>(SLOTS);
  private final CompletableFuture<Void> helloOk = new CompletableFuture<>();
  private final Semaphore window = new Semaphore(W4_WINDOW);
  private final Socket socket;
  private final InputStream in;
  /** Guarded by itself: the sending thread and the reader's pong share it. */
  private final OutputStream out;
  private final byte[] mask = new byte[4];
  /** Used by the one sending thread only. */
  private int nextId = 1;

  private final String insertSql;

  RawFloorContestant(String wsUrl, Workload workload, String table, Runnable resetTable, long warmupMillis,
      Deadline deadline) {
    super(workload, resetTable, warmupMillis);
    if (workload != Workload.W1 && workload != Workload.W4 && workload != Workload.W5) {
      throw new IllegalArgumentException("the raw floor runs W1, W4 and W5 only, not " + workload);
    }
    this.insertSql = Data.insertSql(table);
    URI uri = URI.create(wsUrl);
    ThreadLocalRandom.current().nextBytes(mask);
    try {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
      in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      out = socket.getOutputStream();
      handshake(uri);
    } catch (IOException e) {
      throw new BenchException("raw WebSocket to " + wsUrl + " failed: " + e, e);
    }
    Thread reader = new Thread(this::readLoop, "bench-floor-reader");
    reader.setDaemon(true);
    reader.start();
    sendText("{\"type\":\"hello\",\"jwt\":null}");
    await(helloOk, deadline);
    CompletableFuture<Void> opened = expect(0);
    sendText("{\"type\":\"request\",\"request_id\":0,\"request\":{\"type\":\"open_stream\",\"stream_id\":1}}");
    await(opened, deadline);
  }

  private void handshake(URI uri) throws IOException {
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    String request = "GET / HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
        + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Protocol: hrana2\r\n\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    StringBuilder head = new StringBuilder();
    while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the server closed the connection during the upgrade: " + head);
      }
      head.append((char) b);
    }
    if (!head.toString().startsWith("HTTP/1.1 101")) {
      throw new IOException("upgrade refused: " + head.toString().strip());
    }
  }

  private CompletableFuture<Void> expect(int id) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    pending.set(id % SLOTS, f);
    return f;
  }

  private CompletableFuture<Void> sendSelect1() {
    int id = nextId;
    nextId = nextId == Integer.MAX_VALUE ? 1 : nextId + 1;
    CompletableFuture<Void> response = expect(id);
    sendText(EXECUTE_HEAD + id + EXECUTE_TAIL);
    return response;
  }

  /** Sends {@code {"type":"request","request_id":N,"request":<request>}}. */
  private CompletableFuture<Void> send(String request) {
    int id = nextId;
    nextId = nextId == Integer.MAX_VALUE ? 1 : nextId + 1;
    CompletableFuture<Void> response = expect(id);
    sendText(EXECUTE_HEAD + id + ",\"request\":" + request + "}");
    return response;
  }

  /** The W5 INSERT of row {@code id} as a hrana2 JSON {@code stmt}, with the values Data.rowArgs gives. */
  private String insertStmt(long id) {
    byte[] blob = (byte[]) Data.rowArgs(id)[3];
    return "{\"sql\":\"" + insertSql + "\",\"args\":[{\"type\":\"integer\",\"value\":\"" + id
        + "\"},{\"type\":\"text\",\"value\":\"value-" + id + "\"},{\"type\":\"float\",\"value\":" + (id * 0.5)
        + "},{\"type\":\"blob\",\"base64\":\"" + Base64.getEncoder().encodeToString(blob) + "\"}],\"want_rows\":false}";
  }

  private void sendText(String text) {
    sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
  }

  /** One final, masked frame (client frames must be masked). */
  private void sendFrame(int opcode, byte[] payload) {
    int n = payload.length;
    int header = n < 126 ? 2 : n < 65536 ? 4 : 10;
    byte[] frame = new byte[header + 4 + n];
    frame[0] = (byte) (0x80 | opcode);
    if (n < 126) {
      frame[1] = (byte) (0x80 | n);
    } else if (n < 65536) {
      frame[1] = (byte) (0x80 | 126);
      frame[2] = (byte) (n >>> 8);
      frame[3] = (byte) n;
    } else {
      frame[1] = (byte) (0x80 | 127);
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
      }
    }
    System.arraycopy(mask, 0, frame, header, 4);
    for (int i = 0; i < n; i++) {
      frame[header + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
    }
    try {
      synchronized (out) {
        out.write(frame);
        out.flush();
      }
    } catch (IOException e) {
      throw new BenchException("cannot send on the raw WebSocket: " + e, e);
    }
  }

  @Override
  Measurement round(double scale, Deadline deadline) {
    switch (workload) {
      case W1:
        return w1(scale, deadline);
      case W4:
        return w4(scale, deadline);
      default:
        return w5(scale, deadline);
    }
  }

  private Measurement w5(double scale, Deadline deadline) {
    long start = System.nanoTime();
    int txs = Workload.scaled(Workload.W5_TXS, scale);
    long id = 0;
    for (int t = 0; t < txs; t++) {
      deadline.check("W5");
      await(send("{\"type\":\"batch\",\"stream_id\":1,\"batch\":{\"steps\":["
          + "{\"stmt\":{\"sql\":\"BEGIN IMMEDIATE\",\"want_rows\":false}},"
          + "{\"condition\":{\"type\":\"ok\",\"step\":0},\"stmt\":" + insertStmt(++id) + "}]}}"), deadline);
      for (int i = 1; i < Workload.W5_INSERTS_PER_TX; i++) {
        await(send("{\"type\":\"execute\",\"stream_id\":1,\"stmt\":" + insertStmt(++id) + "}"), deadline);
      }
      await(send("{\"type\":\"execute\",\"stream_id\":1,\"stmt\":{\"sql\":\"COMMIT\",\"want_rows\":false}}"), deadline);
    }
    return Measurement.of(txs, System.nanoTime() - start);
  }

  private Measurement w1(double scale, Deadline deadline) {
    long start = System.nanoTime();
    int n = w1Ops(scale);
    long[] latencies = new long[n];
    for (int i = 0; i < n; i++) {
      deadline.check("W1");
      long s = System.nanoTime();
      await(sendSelect1(), deadline);
      latencies[i] = System.nanoTime() - s;
    }
    return Measurement.withLatencies(n, System.nanoTime() - start, latencies);
  }

  private Measurement w4(double scale, Deadline deadline) {
    long start = System.nanoTime();
    int n = Workload.scaled(Workload.W4_OPS, scale);
    CompletableFuture<?>[] calls = new CompletableFuture<?>[n];
    try {
      for (int i = 0; i < n; i++) {
        if (!window.tryAcquire(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
          deadline.check("W4");
        }
        calls[i] = sendSelect1();
        calls[i].whenComplete((v, e) -> window.release());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
    await(CompletableFuture.allOf(calls), deadline);
    return Measurement.of(n, System.nanoTime() - start);
  }

  @Override
  public void close() {
    try {
      sendFrame(0x8, new byte[] {0x03, (byte) 0xe8}); // close, 1000
    } catch (BenchException ignored) {
      // already gone
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }

  /** Reads frames until the socket closes; completes the request named by each text message. */
  private void readLoop() {
    byte[] message = new byte[1 << 12];
    int length = 0;
    try {
      while (true) {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
          throw new EOFException("sqld closed the connection");
        }
        long n = b1 & 0x7f;
        if (n == 126) {
          n = (in.read() << 8) | in.read();
        } else if (n == 127) {
          n = 0;
          for (int i = 0; i < 8; i++) {
            n = (n << 8) | in.read();
          }
        }
        int opcode = b0 & 0x0f;
        if (length + n > message.length) {
          byte[] bigger = new byte[(int) Math.max(message.length * 2L, length + n)];
          System.arraycopy(message, 0, bigger, 0, length);
          message = bigger;
        }
        int end = length + (int) n;
        while (length < end) {
          int r = in.read(message, length, end - length);
          if (r < 0) {
            throw new EOFException("sqld closed the connection mid-frame");
          }
          length += r;
        }
        if (opcode == 0x8) {
          throw new EOFException("sqld closed the WebSocket");
        } else if (opcode == 0x9) {
          byte[] ping = java.util.Arrays.copyOfRange(message, end - (int) n, end);
          length = end - (int) n;
          sendFrame(0xA, ping);
        } else if (opcode == 0xA) {
          length = end - (int) n;
        } else if ((b0 & 0x80) != 0) {
          dispatch(message, length);
          length = 0;
        }
      }
    } catch (IOException | RuntimeException e) {
      failAll(new BenchException("raw WebSocket failed: " + e, e));
    }
  }

  private void dispatch(byte[] msg, int length) {
    int at = indexOf(msg, length, REQUEST_ID);
    if (at < 0) {
      if (indexOf(msg, length, HELLO_OK) >= 0) {
        helloOk.complete(null);
      } else {
        helloOk.completeExceptionally(new BenchException("hello failed: " + new String(msg, 0, length, StandardCharsets.UTF_8)));
      }
      return;
    }
    int id = 0;
    for (int i = at + REQUEST_ID.length; i < length && msg[i] >= '0' && msg[i] <= '9'; i++) {
      id = id * 10 + (msg[i] - '0');
    }
    CompletableFuture<Void> f = pending.getAndSet(id % SLOTS, null);
    if (f == null) {
      return;
    }
    if (indexOf(msg, length, RESPONSE_OK) >= 0 && indexOf(msg, length, ERROR_MESSAGE) < 0) {
      f.complete(null);
    } else {
      f.completeExceptionally(new BenchException("request " + id + " failed: "
          + new String(msg, 0, length, StandardCharsets.UTF_8)));
    }
  }

  private static int indexOf(byte[] haystack, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private void failAll(BenchException e) {
    helloOk.completeExceptionally(e);
    for (int i = 0; i < SLOTS; i++) {
      CompletableFuture<Void> f = pending.getAndSet(i, null);
      if (f != null) {
        f.completeExceptionally(e);
      }
    }
  }
}
