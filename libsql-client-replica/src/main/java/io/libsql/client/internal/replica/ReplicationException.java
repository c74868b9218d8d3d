package io.libsql.client.internal.replica;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;

/** Replication outcomes that steer the sync loop rather than reach the user. */
final class ReplicationException {
  private ReplicationException() {}

  /** The primary does not know our session (it restarted): say Hello again. */
  static final class NoHello extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoHello() {
      super("NO_HELLO", null, false, false);
    }
  }

  /** The frames asked for were compacted away: fetch a snapshot instead. */
  static final class NeedSnapshot extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NeedSnapshot() {
      super("NEED_SNAPSHOT", null, false, false);
    }
  }

  /**
   * The call failed but its status was lost: sqld answers errors on its public port with
   * {@code grpc-status} in the response headers of an empty body, which grpc-java strips before
   * reporting {@code INTERNAL "unexpected EOS"}. It may be NO_HELLO, NEED_SNAPSHOT or another
   * error; the sync loop finds out by saying Hello again and then trying the snapshot.
   */
  static final class StatusLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StatusLost(String call, Throwable cause) {
      super(call + " failed and the primary's status was lost (unexpected EOS)", cause, false, false);
    }
  }

  /** The primary sent something this client cannot apply. */
  static LibsqlException protocol(String message) {
    return new LibsqlException(ErrorCode.SYNC_FAILED, "the primary sent unexpected replication data: " + message);
  }
}
