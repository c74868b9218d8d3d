package io.libsql.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives events about a client's calls, connections and syncs: for metrics, logs and traces, in
 * the manner of OkHttp's {@code EventListener}. Register one with
 * {@link Config.Builder#listener(ClientListener)}; every method has an empty default, so override
 * only what you need.
 *
 * <pre>{@code
 * Config config = Config.builder(url).listener(new ClientListener() {
 *   @Override
 *   public void callEnd(CallInfo call, Duration duration, long rows, long rowsAffected) {
 *     if (duration.toMillis() > 500) {
 *       log.warn("slow {} ({} ms): {}", call.kind(), duration.toMillis(), call.sql());
 *     }
 *   }
 * }).build();
 * }</pre>
 *
 * <p><b>What events carry.</b> SQL text as written, never argument values (bind secrets as
 * arguments, not as literals in the SQL), never auth tokens, and URLs only without their query.
 *
 * <p><b>Threads.</b> Methods are called concurrently, on the caller's thread or on the client's I/O
 * threads: they must be thread-safe, return quickly and never block or call the client. An
 * exception thrown by a listener is caught and logged ({@code System.Logger} "io.libsql.client");
 * it never changes the outcome of a call.
 *
 * <p><b>Order.</b> For each call, {@link #callStart} comes first, then exactly one of
 * {@link #callEnd} and {@link #callFailed}. Calls that run concurrently interleave; pair them by the
 * {@link CallInfo} object (or its {@link CallInfo#id()}).
 */
public interface ClientListener {
  /** What a call does. */
  enum CallKind {
    /** {@code execute}: one statement (in a transaction or session when {@link CallInfo#inTransaction()} says so). */
    EXECUTE,
    /** {@code batch}: several statements in one round trip. */
    BATCH,
    /** {@code executeMultiple}: a script. */
    EXECUTE_MULTIPLE,
    /** {@code migrate}. */
    MIGRATE,
    /** {@code stream}: ends when the first rows are available. */
    STREAM,
    /** {@code transaction()}: the transaction starts (its BEGIN travels with its first statement remotely). */
    BEGIN,
    /** A transaction's {@code commit()}. */
    COMMIT,
    /** A transaction's {@code rollback()} or {@code close()} without commit. */
    ROLLBACK,
    /** {@code sync()} of an embedded replica, as called; see also {@link #syncStart()}. */
    SYNC,
    /** A session's {@code describe}: a statement prepared, not run. */
    DESCRIBE
  }

  /** One call: what it is and its SQL. Immutable; the same object is passed to the call's start and end. */
  final class CallInfo {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final CallKind kind;
    private final boolean inTransaction;
    private final Object source;
    private volatile String sql;

    /**
     * Not for users (the client creates these).
     *
     * @param inTransaction whether the call runs inside a transaction
     * @param kind what kind of call
     * @param source a SQL string, a {@link Statement} or a list of them
     */
    public CallInfo(CallKind kind, boolean inTransaction, Object source) {
      this.kind = Objects.requireNonNull(kind, "kind");
      this.inTransaction = inTransaction;
      this.source = source;
    }

    /**
     * A number unique to this call in this JVM.
     *
     * @return the call's number
     */
    public long id() {
      return id;
    }

    /**
     * What kind of call this is.
     *
     * @return the kind of call
     */
    public CallKind kind() {
      return kind;
    }

    /**
     * True for a call inside a transaction: an interactive transaction's, or a session's between BEGIN and COMMIT.
     *
     * @return true inside a transaction
     */
    public boolean inTransaction() {
      return inTransaction;
    }

    /**
     * The SQL text: the statement's, a batch's statements joined with {@code "; "}, the script of
     * {@code executeMultiple}, {@code BEGIN}/{@code COMMIT}/{@code ROLLBACK}; empty for
     * {@code sync}. Never argument values.
     *
     * @return the SQL text
     */
    public String sql() {
      String s = sql;
      if (s == null) {
        s = render(source);
        sql = s;
      }
      return s;
    }

    /**
     * The number of statements: 1 for one statement, the batch's size, 0 for scripts and syncs.
     *
     * @return the number of statements
     */
    public int statementCount() {
      return source instanceof List ? ((List<?>) source).size() : source instanceof Statement ? 1 : 0;
    }

    private static String render(Object source) {
      if (source == null) {
        return "";
      }
      if (source instanceof Statement) {
        return ((Statement) source).sql();
      }
      if (source instanceof List) {
        StringBuilder sb = new StringBuilder();
        for (Object o : (List<?>) source) {
          if (sb.length() > 0) {
            sb.append("; ");
          }
          sb.append(o instanceof Statement ? ((Statement) o).sql() : String.valueOf(o));
        }
        return sb.toString();
      }
      return source.toString();
    }

    @Override
    public String toString() {
      return "CallInfo[" + id + ", " + kind + (inTransaction ? ", in transaction" : "") + "]";
    }
  }

  /**
   * A call starts (before anything is sent or run).
   *
   * @param call the call
   */
  default void callStart(CallInfo call) {}

  /**
   * A call succeeded.
   *
   * @param call the call
   * @param duration how long the call took
   * @param rows rows returned (summed over a batch's statements); -1 for {@code stream}, whose rows
   *     are read later; 0 for calls without rows
   * @param rowsAffected rows inserted, updated or deleted (summed over a batch's statements)
   */
  default void callEnd(CallInfo call, Duration duration, long rows, long rowsAffected) {}

  /**
   * A call failed.
   *
   * @param call the call
   * @param duration how long the call took
   * @param code the {@link LibsqlException#code()} it failed with ({@code TIMEOUT},
   *     {@code CANCELLED}, {@code SQLITE_CONSTRAINT_UNIQUE}, ...)
   */
  default void callFailed(CallInfo call, Duration duration, String code) {}

  /**
   * A connection to the server is open and ready (WebSocket: after the upgrade; HTTP pools its
   * connections inside the JDK's client, out of sight, and reports none).
   *
   * @param url the server's URL without query (no token)
   * @param protocol what was negotiated, e.g. {@code hrana3-protobuf}
   */
  default void connectionOpened(String url, String protocol) {}

  /**
   * A connection closed.
   *
   * @param url the server's URL without query (no token)
   * @param code null when the client closed it; otherwise why it was lost ({@code CONNECTION_LOST},
   *     {@code AUTH_FAILED}, {@code CONNECTION_FAILED} when it never opened, ...)
   */
  default void connectionClosed(String url, String code) {}

  /**
   * A new connection is being opened because the previous one was lost (the client reconnects lazily).
   *
   * @param url the server's URL without query (no token)
   */
  default void reconnect(String url) {}

  /**
   * The server refused a request because it was overloaded, and the client will send it again after
   * {@code backoff}. sqld refuses a request it cannot give a database connection within about a
   * second (HTTP 429), before running any of it, so the retry is safe for writes too. The call
   * fails only when its deadline passes first ({@code TIMEOUT}, saying the server was overloaded).
   * Frequent retries mean the server is short of connections: fewer clients, or shorter
   * transactions, help.
   *
   * @param url the server's URL without query (no token)
   * @param attempt how many times this request has been refused so far (1 for the first refusal)
   * @param backoff how long the client waits before sending it again
   */
  default void overloadRetry(String url, int attempt, Duration backoff) {}

  /** An embedded replica starts pulling frames from its primary (explicit, after a write, or in the background). */
  default void syncStart() {}

  /**
   * An embedded replica's sync ended.
   *
   * @param duration how long the sync took
   * @param framesApplied frames applied to the local file (0 on failure)
   * @param code null on success, else the failure's code
   */
  default void syncEnd(Duration duration, long framesApplied, String code) {}
}
