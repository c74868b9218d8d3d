package io.libsql.client.internal.http;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Response bodies read with a size limit ({@code Config.maxResponseSize}): a larger one fails with
 * RESPONSE_TOO_LARGE and its exchange is cancelled (the connection is closed, not read to the end).
 */
final class LimitedBodies {
  private LimitedBodies() {}

  static LibsqlException tooLarge(String what, long size, long max) {
    return new LibsqlException(ErrorCode.RESPONSE_TOO_LARGE, what + " is " + (size < 0 ? "more than " + max : size)
        + " bytes, more than maxResponseSize (" + max + " bytes); the statement may have run on the server."
        + " Raise Config.Builder.maxResponseSize, or read large results with stream()");
  }

  /** The whole body as bytes, failing once it exceeds {@code max} bytes. */
  static HttpResponse.BodyHandler<byte[]> ofByteArray(long max) {
    return info -> {
      long declared = info.headers().firstValueAsLong("content-length").orElse(-1L);
      return new Subscriber(max, declared > max ? declared : -1);
    };
  }

  private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final long max;
    private final long declaredTooLarge;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private byte[] buffer = new byte[8192];
    private int size;

    Subscriber(long max, long declaredTooLarge) {
      this.max = max;
      this.declaredTooLarge = declaredTooLarge;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (declaredTooLarge >= 0) {
        s.cancel();
        body.completeExceptionally(tooLarge("the response", declaredTooLarge, max));
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        int n = b.remaining();
        if ((long) size + n > max) {
          subscription.cancel();
          body.completeExceptionally(tooLarge("the response", -1, max));
          return;
        }
        if (buffer.length - size < n) {
          long want = Math.max((long) size + n, Math.min(max, buffer.length * 2L));
          buffer = java.util.Arrays.copyOf(buffer, (int) want);
        }
        b.get(buffer, size, n);
        size += n;
      }
    }

    @Override
    public void onError(Throwable t) {
      body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      body.complete(size == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, size));
    }
  }

  /**
   * Counts the bytes read since {@link #startEntry()} and fails the read that passes {@code max}
   * with {@link TooLarge}, so that one row of a cursor cannot be larger than the limit while the
   * whole body can.
   */
  static final class EntryLimit extends FilterInputStream {
    /** Decoders read ahead in chunks (Jackson 8000 bytes, protobuf 4096): allowed beyond the limit. */
    private static final int READ_AHEAD = 64 * 1024;
    private final long max;
    private long read;

    EntryLimit(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    void startEntry() {
      read = 0;
    }

    private int count(int n) throws IOException {
      if (n > 0) {
        read += n;
        if (read > max + READ_AHEAD) {
          throw new TooLarge(tooLarge("one entry of the streamed result", -1, max));
        }
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return count(super.read(b, off, len));
    }

    @Override
    public long skip(long n) throws IOException {
      return count((int) super.skip(Math.min(n, Integer.MAX_VALUE)));
    }
  }

  /** The I/O failure an {@link EntryLimit} raises; {@link #error} is what the caller gets. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    final transient LibsqlException error;

    TooLarge(LibsqlException error) {
      super(error.getMessage());
      this.error = error;
    }
  }
}
