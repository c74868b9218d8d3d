package io.libsql.client.internal.hrana;

import io.libsql.client.internal.call.Call;

/**
 * When a request is sent again, for both transports: only when the server certainly ran none of it
 * (the WebSocket died before it was written, the first hello was refused, or sqld refused the
 * expired stream it was sent on, pooled or a session's, before running anything), at most once,
 * and not once its call was stopped. A request whose fate is unknown is never sent again here
 * (reads are retried, by {@link HranaEngine}, only with {@code retryReads}).
 */
public final class Resend {
  private Resend() {}

  /**
   * May a request that the server certainly did not run be sent once more?
   *
   * @param resentBefore it was sent again already
   * @param call its call, or null
   */
  public static boolean mayResend(boolean resentBefore, Call call) {
    return !resentBefore && (call == null || !call.isStopped());
  }
}
