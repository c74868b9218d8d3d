package io.libsql.client.internal.replica;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.stub.ClientCalls;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.url.AuthTokens;
import io.libsql.client.internal.url.DatabaseUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of the primary's {@code wal_log.ReplicationLog} gRPC service on its public port (h2c for
 * {@code http:}/{@code ws:}, TLS otherwise), with the JWT in {@code x-authorization} and the Hello
 * session token in {@code x-session-token}. Owns its channel, event loop and executor; used by one
 * thread at a time (the syncer).
 */
final class ReplicationClient implements AutoCloseable {
  private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("x-authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> SESSION_TOKEN = Metadata.Key.of("x-session-token", Metadata.ASCII_STRING_MARSHALLER);
  private static final int MAX_MESSAGE = Integer.MAX_VALUE;
  private static final Duration HELLO_DEADLINE = Duration.ofSeconds(30);
  private static final Duration BATCH_DEADLINE = Duration.ofMinutes(2);
  private static final Duration SNAPSHOT_DEADLINE = Duration.ofMinutes(30);

  private final DatabaseUrl primary;
  /** Asked for each call (a supplier's token may change); never logged. */
  private final AuthTokens tokens;
  private final Duration connectTimeout;
  private final EventLoopGroup eventLoop;
  private final ExecutorService offload;
  private final ManagedChannel channel;
  private final MethodDescriptor<byte[], ReplicationProto.Hello> hello;
  private final MethodDescriptor<byte[], FrameBuffer> batchLogEntries;
  private final MethodDescriptor<byte[], Frame> snapshot;
  /** Set by {@link #hello()}; read by the syncer thread only. */
  private String sessionToken;

  ReplicationClient(DatabaseUrl primary, String authToken, Duration connectTimeout, Path spillDir, long memoryLimit) {
    this(AuthTokens.fixed(authToken), primary, connectTimeout, spillDir, memoryLimit);
  }

  /** A client whose token is asked of {@code tokens} for each call. */
  static ReplicationClient withTokens(DatabaseUrl primary, AuthTokens tokens, Duration connectTimeout, Path spillDir,
      long memoryLimit) {
    return new ReplicationClient(tokens, primary, connectTimeout, spillDir, memoryLimit);
  }

  private ReplicationClient(AuthTokens tokens, DatabaseUrl primary, Duration connectTimeout, Path spillDir, long memoryLimit) {
    this.primary = primary;
    this.tokens = tokens;
    this.connectTimeout = connectTimeout;
    this.eventLoop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("libsql-replica-grpc", true),
        NioIoHandler.newFactory());
    this.offload = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "libsql-replica-grpc-offload");
      t.setDaemon(true);
      return t;
    });
    GrpcLogRedaction.install(); // grpc-netty's frame log would print the token
    NettyChannelBuilder b = NettyChannelBuilder.forAddress(primary.host().replace("[", "").replace("]", ""),
            primary.effectivePort())
        .eventLoopGroup(eventLoop)
        .channelType(NioSocketChannel.class)
        .executor(offload)
        .offloadExecutor(offload)
        .maxInboundMessageSize(MAX_MESSAGE)
        .withOption(io.grpc.netty.shaded.io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS,
            (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
        .userAgent("libsql-java");
    if (primary.tls()) {
      b.useTransportSecurity();
    } else {
      b.usePlaintext();
    }
    this.channel = b.build();
    this.hello = ReplicationProto.method("Hello", MethodDescriptor.MethodType.UNARY,
        ReplicationProto.parser(ReplicationProto::parseHello));
    this.batchLogEntries = ReplicationProto.method("BatchLogEntries", MethodDescriptor.MethodType.UNARY,
        ReplicationProto.parser(in -> ReplicationProto.parseFrames(in, spillDir, memoryLimit)));
    this.snapshot = ReplicationProto.method("Snapshot", MethodDescriptor.MethodType.SERVER_STREAMING,
        ReplicationProto.parser(ReplicationProto::parseFrame));
  }

  /** Says Hello; later calls carry the session token it returns. */
  ReplicationProto.Hello hello() {
    try {
      ReplicationProto.Hello h = ClientCalls.blockingUnaryCall(withHeaders(), hello, options(HELLO_DEADLINE),
          ReplicationProto.helloRequest());
      sessionToken = h.sessionToken;
      return h;
    } catch (StatusRuntimeException e) {
      throw map(e, "Hello");
    }
  }

  /** Up to 1024 frames from {@code nextOffset} (whole transactions); empty when caught up. */
  FrameBuffer batch(long nextOffset) {
    try {
      return ClientCalls.blockingUnaryCall(withHeaders(), batchLogEntries, options(BATCH_DEADLINE),
          ReplicationProto.logOffset(nextOffset));
    } catch (StatusRuntimeException e) {
      throw map(e, "BatchLogEntries");
    }
  }

  /**
   * Streams the snapshot that covers {@code nextOffset} into {@code into}: one frame per page in
   * decreasing frame_no, the last one a commit frame. Returns false while the server is still
   * writing it ({@code UNAVAILABLE "snapshot not found"}).
   */
  boolean snapshot(long nextOffset, FrameBuffer into) {
    try {
      Iterator<Frame> it = ClientCalls.blockingServerStreamingCall(withHeaders(), snapshot,
          options(SNAPSHOT_DEADLINE), ReplicationProto.logOffset(nextOffset));
      while (it.hasNext()) {
        into.add(it.next());
      }
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNAVAILABLE && String.valueOf(e.getStatus().getDescription()).contains("snapshot not found")) {
        return false;
      }
      RuntimeException mapped = map(e, "Snapshot");
      if (mapped instanceof ReplicationException.StatusLost) {
        return false; // most likely "snapshot not found" with its status lost: retried, bounded
      }
      throw mapped;
    }
  }

  private CallOptions options(Duration deadline) {
    return CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
        .withMaxInboundMessageSize(MAX_MESSAGE);
  }

  private Channel withHeaders() {
    String token = sessionToken;
    String authToken = tokens.get();
    ClientInterceptor headers = new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
          @Override
          public void start(Listener<R> listener, Metadata md) {
            if (authToken != null) {
              md.put(AUTHORIZATION, "Bearer " + authToken);
            }
            if (token != null) {
              md.put(SESSION_TOKEN, token);
            }
            super.start(listener, md);
          }
        };
      }
    };
    return ClientInterceptors.intercept(channel, headers);
  }

  /** Turns a gRPC failure into the sync loop's signals or a {@link LibsqlException}. */
  private RuntimeException map(StatusRuntimeException e, String call) {
    Status s = e.getStatus();
    String description = s.getDescription() == null ? "" : s.getDescription();
    Throwable cause = s.getCause();
    while (cause != null) {
      if (cause instanceof LibsqlException) {
        return (LibsqlException) cause;
      }
      if (cause instanceof UncheckedIOException && cause.getCause() != null) {
        return new LibsqlException(ErrorCode.SYNC_FAILED, "cannot store replication frames: " + cause.getCause().getMessage(), e);
      }
      cause = cause.getCause();
    }
    if (description.contains("NO_HELLO")) {
      return new ReplicationException.NoHello();
    }
    if (description.contains("NEED_SNAPSHOT")) {
      return new ReplicationException.NeedSnapshot();
    }
    String where = primary.redacted();
    switch (s.getCode()) {
      case UNAUTHENTICATED:
      case PERMISSION_DENIED:
        return new LibsqlException(ErrorCode.AUTH_FAILED, "the primary " + where + " rejected the credentials: " + description, e);
      case UNAVAILABLE:
        return new LibsqlException(ErrorCode.CONNECTION_FAILED, "cannot reach the primary " + where + " for replication: "
            + (description.isEmpty() ? String.valueOf(s.getCause()) : description), e);
      case DEADLINE_EXCEEDED:
        return new LibsqlException(ErrorCode.TIMEOUT, "the primary " + where + " did not answer " + call + " in time", e);
      case CANCELLED:
        return new LibsqlException(ErrorCode.CANCELLED, call + " was cancelled (the client is closing)", e);
      default:
        break;
    }
    if (description.contains("auth") || description.contains("Auth") || description.contains("JWT")) {
      return new LibsqlException(ErrorCode.AUTH_FAILED, "the primary " + where + " rejected the credentials: " + description, e);
    }
    if (s.getCode() == Status.Code.INTERNAL && description.contains("unexpected EOS")) {
      // sqld puts grpc-status in the response headers of a body-less answer, which grpc-java
      // strips before reporting only "unexpected EOS". For Hello, ask the same server over plain
      // HTTP whether it accepts the token (the usual reason); later calls leave it to the sync loop.
      if (!call.equals("Hello")) {
        return new ReplicationException.StatusLost(call, e);
      }
      String reason = probeAuth();
      if (reason != null) {
        return new LibsqlException(ErrorCode.AUTH_FAILED, "the primary " + where + " rejected the credentials: " + reason, e);
      }
    }
    return new LibsqlException(ErrorCode.SYNC_FAILED, "the primary " + where + " failed " + call + ": " + s.getCode()
        + (description.isEmpty() ? "" : " " + description), e);
  }

  private static final Pattern ERROR_FIELD = Pattern.compile("\"error\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** The server's complaint about our token over Hrana HTTP, or null if it accepts it. */
  private String probeAuth() {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(primary.baseUri(primary.tls() ? "https" : "http") + "/v2/pipeline"))
        .timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"requests\":[]}"));
    String authToken = tokens.get();
    if (authToken != null) {
      req.header("authorization", "Bearer " + authToken);
    }
    try {
      HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 401 && r.statusCode() != 403) {
        return null;
      }
      Matcher m = ERROR_FIELD.matcher(r.body());
      String text = m.find() ? m.group(1).replace("\\\"", "\"").replace("`", "") : "HTTP " + r.statusCode();
      return text;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    offload.shutdownNow();
    try {
      offload.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
