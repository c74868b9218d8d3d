package io.libsql.client;

/**
 * The stable codes this client raises itself, as returned by {@link LibsqlException#code()}.
 *
 * <p>SQLite errors are not listed here: they carry SQLite's extended result code name
 * ({@code SQLITE_CONSTRAINT_PRIMARYKEY}, {@code SQLITE_BUSY}, ...) exactly as SQLite or the server
 * reports it, the same for local and remote databases.
 */
public enum ErrorCode {
  /** The URL could not be parsed, or has a part this client does not accept (fragment, host on file:). */
  URL_INVALID,
  /**
   * The URL has a query parameter other than {@code authToken} and {@code tls} (and, on
   * {@code file:} URLs, the replica's {@code syncUrl}, {@code syncInterval}, {@code readYourWrites}).
   */
  URL_PARAM_NOT_SUPPORTED,
  /** The URL's scheme is not one of file, ws, wss, http, https, libsql. */
  URL_SCHEME_NOT_SUPPORTED,
  /** No URL was given. */
  URL_UNDEFINED,
  /**
   * The URL needs an engine that is not on the class path: {@code file:} URLs need
   * {@code io.libsql:libsql-client-local}, embedded replicas (a {@code syncUrl})
   * {@code io.libsql:libsql-client-replica}; the message names the artifact to add.
   * {@code io.libsql:libsql-client} brings every engine.
   */
  ENGINE_NOT_AVAILABLE,
  /** A configuration value is out of range or contradicts another. */
  CONFIG_INVALID,
  /**
   * A statement's arguments do not fit it: an unsupported type or value, more or fewer arguments
   * than the statement has parameters, a named parameter without a value or a name that matches no
   * parameter, or more than 32,766 parameters (SQLite's limit). Nothing was run or sent.
   */
  ARGUMENT_INVALID,
  /**
   * The SQL of a statement holds no statement: it is empty, blank or only comments. For a batch,
   * {@link LibsqlException#statementIndex()} says which statement; nothing ran.
   */
  SQL_NO_STATEMENT,
  /**
   * The SQL of a statement holds more than one statement, where execute, stream and each statement
   * of a batch take exactly one (run a script with {@code executeMultiple}). Nothing ran.
   */
  SQL_MANY_STATEMENTS,
  /** The client was closed. */
  CLIENT_CLOSED,
  /** The transaction was committed, rolled back, closed, or lost its connection. */
  TRANSACTION_CLOSED,
  /** The server expired the stream (for example an HTTP transaction left idle too long). */
  STREAM_EXPIRED,
  /** The server could not be reached (refused, DNS, TLS handshake). Nothing was executed. */
  CONNECTION_FAILED,
  /** The connection dropped while a request was in flight; whether it was executed is unknown. */
  CONNECTION_LOST,
  /** The server rejected the credentials (missing, wrong or expired token). */
  AUTH_FAILED,
  /** The server answered something that is not valid Hrana. */
  HRANA_PROTO_ERROR,
  /** The operation needs a newer protocol version than the server speaks. */
  PROTOCOL_VERSION_ERROR,
  /** The server answered 404 for the endpoint. */
  ENDPOINT_NOT_FOUND,
  /** The server failed with an error that carries no SQLite code (HTTP 5xx, internal errors). */
  SERVER_ERROR,
  /**
   * The call did not finish within its timeout ({@link Config#requestTimeout()} or
   * {@link Statement#withTimeout}). The message says whether it may still have run: a local
   * statement is interrupted and rolled back by SQLite; a remote one that was sent may still run on
   * the server. A transaction whose call timed out is closed (and rolled back).
   */
  TIMEOUT,
  /**
   * The call was cancelled: its future was cancelled or its thread interrupted. The message says
   * whether it may still have run, as for {@link #TIMEOUT}.
   */
  CANCELLED,
  /**
   * A blocking call, or a {@code join()}/{@code get()} on an unfinished {@link AsyncClient} future,
   * was made on one of the client's I/O threads (inside a callback of an {@link AsyncClient}
   * future), where waiting would deadlock the connection; chain with {@code thenCompose}, or make
   * the call from another thread (e.g. with {@code thenApplyAsync}).
   */
  BLOCKING_ON_IO_THREAD,
  /** A frame, row or value exceeded a configured size limit. */
  RESPONSE_TOO_LARGE,
  /** {@code sync()} was called on a client that is not an embedded replica (no {@code syncUrl}). */
  SYNC_NOT_SUPPORTED,
  /**
   * An embedded replica could not sync: the primary answered something unexpected, a local file
   * operation failed, or a forwarded write landed on the primary but the replica could not catch
   * up. An unreachable primary is {@link #CONNECTION_FAILED}, rejected credentials
   * {@link #AUTH_FAILED}. Local reads keep working on the last synced state.
   */
  SYNC_FAILED,
  /** Another client or process is already syncing this replica file (one syncer per file). */
  REPLICA_LOCKED,
  /** A failure inside this client that is not the caller's fault; please report it. */
  INTERNAL_ERROR
}
