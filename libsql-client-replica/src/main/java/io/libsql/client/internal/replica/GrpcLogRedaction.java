package io.libsql.client.internal.replica;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * grpc-netty logs every HTTP/2 frame it sends at FINE (JUL), request headers included, so with
 * debug logging on the replica's {@code x-authorization: Bearer ...} header would print the auth
 * token. A filter on that one logger blanks the value of any authorization header in its records
 * (and keeps whatever filter was there). Logging through an SLF4J binding bypasses JUL: keep
 * {@value #FRAME_LOGGER} below DEBUG there.
 */
final class GrpcLogRedaction {
  static final String FRAME_LOGGER = "io.grpc.netty.shaded.io.grpc.netty.NettyClientHandler";
  private static final Pattern AUTHORIZATION =
      Pattern.compile("(?i)(authorization\\s*[:=]\\s*)(bearer\\s+)?[^,\\]\\s}]+");
  /** Held so the logger, and with it the filter, is not collected. */
  private static final Logger LOGGER = Logger.getLogger(FRAME_LOGGER);

  static {
    Filter previous = LOGGER.getFilter();
    LOGGER.setFilter(record -> {
      redact(record);
      return previous == null || previous.isLoggable(record);
    });
  }

  private GrpcLogRedaction() {}

  /** Installs the filter (once, on first use of this class). */
  static void install() {
    // the static initializer did it
  }

  static void redact(LogRecord record) {
    String message = record.getMessage();
    if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("authorization")) {
      record.setMessage(AUTHORIZATION.matcher(message).replaceAll("$1<redacted>"));
    }
    Object[] params = record.getParameters();
    if (params != null) {
      for (int i = 0; i < params.length; i++) {
        String p = String.valueOf(params[i]);
        if (p.toLowerCase(java.util.Locale.ROOT).contains("authorization")) {
          params[i] = AUTHORIZATION.matcher(p).replaceAll("$1<redacted>");
        }
      }
    }
  }
}
