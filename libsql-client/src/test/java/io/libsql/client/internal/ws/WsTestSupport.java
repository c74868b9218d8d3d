package io.libsql.client.internal.ws;

import java.util.List;
import java.util.stream.Collectors;

/** Helpers shared by the WebSocket tests. */
final class WsTestSupport {
  private WsTestSupport() {}

  /** Live threads started by WebSocket transports (readers and write helpers). */
  static List<String> transportThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("libsql-ws-"))
        .sorted()
        .collect(Collectors.toList());
  }
}
