package io.libsql.client.internal.hrana;

import io.libsql.client.LibsqlException;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.sql.Effect;
import java.util.concurrent.TimeUnit;

/**
 * Which server streams the client may keep for later calls, and for how long: one rule for the
 * WebSocket and HTTP transports.
 *
 * <p>Every open stream holds one of sqld's database connections (at most
 * {@code --max-concurrent-connections}, 128, per server), so a stream is kept only while it is
 * likely to be used again soon ({@link #IDLE_NANOS}), and never once it may carry something the
 * next call must not inherit:
 * <ul>
 *   <li>session state (PRAGMA, ATTACH, temporary objects);
 *   <li>an open transaction: after an operation that may begin or end one, only Hrana 3's
 *       {@code get_autocommit} saying "autocommit" lets the stream back in;
 *   <li>a failure that is not the statement's own (the stream's state is unknown);
 *   <li>a lock failure ({@code SQLITE_BUSY*}, {@code SQLITE_LOCKED*}): sqld 0.24's write-lock queue
 *       may leave the database's write slot with a connection whose write failed busy, and only
 *       closing that connection hands the slot on; kept open and idle, it stalled every writer of
 *       the database for good (RELIABILITY.md, "the write-lock wedge").
 * </ul>
 */
public final class StreamReuse {
  /**
   * How long an idle pooled stream is kept before it is closed. Short: a client that pauses for a
   * second gives its database connections back (opening a stream again costs no round trip, its
   * {@code open_stream} or baton-less request travels with the call).
   */
  public static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** The most streams a client's one-shot pool holds, idle or in use, per connection or transport. */
  public static final int MAX_POOLED = 16;

  private StreamReuse() {}

  /**
   * May the stream serve another call after an operation with {@code effect} that ended with
   * {@code error} (null on success)?
   *
   * @param autocommit what {@code get_autocommit} said after the operation, or null if not asked
   *     (Hrana 1 and 2 cannot ask)
   */
  public static boolean mayReuse(Effect effect, LibsqlException error, Boolean autocommit) {
    if (effect == Effect.SESSION) {
      return false;
    }
    if (error != null && (!HranaErrors.isStatementError(error) || isLockError(error))) {
      return false;
    }
    if (Boolean.FALSE.equals(autocommit)) {
      return false;
    }
    return effect == Effect.NONE || Boolean.TRUE.equals(autocommit);
  }

  /** The worst effect of any step of a batch on its stream. */
  public static Effect effect(Batch batch) {
    Effect e = Effect.NONE;
    for (Batch.Step step : batch.steps()) {
      e = e.max(Effect.of(step.stmt().sql()));
    }
    return e;
  }

  /**
   * Is it worth running an operation with {@code effect} on a pooled stream, on a server speaking
   * Hrana {@code version}: could {@link #mayReuse} let the stream back in afterwards? Never after
   * session effects; after transaction effects only where {@code get_autocommit} (Hrana 3) can tell.
   */
  public static boolean worthPooling(Effect effect, int version) {
    return effect == Effect.NONE || (effect == Effect.TRANSACTION && version >= 3);
  }

  /** SQLITE_BUSY or SQLITE_LOCKED, with or without an extended code. */
  public static boolean isLockError(LibsqlException e) {
    String code = e.code();
    return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED");
  }
}
