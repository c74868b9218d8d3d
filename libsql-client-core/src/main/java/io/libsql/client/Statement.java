package io.libsql.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One SQL statement with its arguments, immutable and safe to share and reuse.
 *
 * <p>Positional arguments bind to {@code ?} and {@code ?NNN}; named arguments bind to {@code :name},
 * {@code @name} and {@code $name} (the map key may be given with or without its prefix). Arguments
 * are checked when the statement is built: supported are {@code null}, {@code Long}, {@code Integer},
 * {@code Short}, {@code Byte}, {@code Double}, {@code Float}, {@code String}, {@code byte[]},
 * {@code ByteBuffer}, {@code Boolean} (1/0), {@code BigInteger} within int64, {@code java.time.Instant}
 * and {@code java.util.Date} (both as epoch milliseconds), {@code float[]} (a libSQL float32 vector
 * blob, byte for byte what {@code vector32('[...]')} stores, for {@code F32_BLOB} columns) and
 * {@code double[]} (a float64 vector blob, as {@code vector64}). Vectors must have 1 to 65536 finite
 * components. Anything else fails with {@link ErrorCode#ARGUMENT_INVALID} naming the argument, before
 * anything is sent.
 */
public final class Statement {
  private final String sql;
  private final List<Object> args;
  private final Map<String, Object> namedArgs;
  /** Null: the client's {@link Config#requestTimeout()}. */
  private final Duration timeout;

  private Statement(String sql, List<Object> args, Map<String, Object> namedArgs) {
    this(sql, args, namedArgs, null);
  }

  private Statement(String sql, List<Object> args, Map<String, Object> namedArgs, Duration timeout) {
    this.sql = sql;
    this.args = args;
    this.namedArgs = namedArgs;
    this.timeout = timeout;
  }

  /**
   * A copy of this statement with its own time limit, replacing the client's
   * {@link Config#requestTimeout()} for the call that runs it ({@code execute}, {@code stream}, a
   * transaction's or session's {@code execute}); {@link Duration#ZERO} for no limit. A batch takes
   * the longest limit among its statements that set one (zero winning), or the client's when none
   * does. See {@link Config.Builder#requestTimeout(Duration)} for what a timeout does.
   *
   * <pre>{@code
   * client.execute(Statement.of("SELECT * FROM report WHERE day = ?", day).withTimeout(Duration.ofMinutes(5)));
   * }</pre>
   *
   * @param timeout how long the statement may take; null for the client's {@link Config#requestTimeout()}
   * @return a copy of this statement with the timeout
   */
  public Statement withTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID, "a statement's timeout must not be negative");
    }
    return new Statement(sql, args, namedArgs, timeout);
  }

  /**
   * The time limit set by {@link #withTimeout(Duration)}, or null to use the client's.
   *
   * @return the timeout, or null
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * A statement with positional arguments.
   *
   * @param args the values of the placeholders, in order
   * @param sql the SQL text, with {@code ?} placeholders for the arguments
   * @return the statement
   */
  public static Statement of(String sql, Object... args) {
    requireSql(sql);
    if (args == null || args.length == 0) {
      return new Statement(sql, List.of(), Map.of());
    }
    List<Object> values = new ArrayList<>(args.length);
    for (int i = 0; i < args.length; i++) {
      values.add(Arguments.toSqlValue(args[i], "argument " + (i + 1)));
    }
    return new Statement(sql, Collections.unmodifiableList(values), Map.of());
  }

  /**
   * A statement with named arguments; iteration order of the map is kept.
   *
   * @param args the values by name, with or without the prefix ({@code :}, {@code @} or {@code $})
   * @param sql the SQL text, with {@code ?} placeholders for the arguments
   * @return the statement
   */
  public static Statement named(String sql, Map<String, ?> args) {
    requireSql(sql);
    Objects.requireNonNull(args, "args");
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : args.entrySet()) {
      String name = e.getKey();
      if (name == null || name.isEmpty()) {
        throw new LibsqlException(ErrorCode.ARGUMENT_INVALID, "named argument with an empty name");
      }
      values.put(name, Arguments.toSqlValue(e.getValue(), "argument '" + name + "'"));
    }
    return new Statement(sql, List.of(), Collections.unmodifiableMap(values));
  }

  private static void requireSql(String sql) {
    if (sql == null) {
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID, "sql must not be null");
    }
  }

  /**
   * The SQL text.
   *
   * @return the SQL text
   */
  public String sql() {
    return sql;
  }

  /**
   * The positional arguments, already converted to SQL values ({@code null}, {@code Long},
   * {@code Double}, {@code String} or {@code byte[]}).
   *
   * @return the positional arguments (empty when named)
   */
  public List<Object> args() {
    return args;
  }

  /**
   * The named arguments, keyed as given, converted like {@link #args()}.
   *
   * @return the named arguments (empty when positional)
   */
  public Map<String, Object> namedArgs() {
    return namedArgs;
  }

  @Override
  public String toString() {
    return "Statement[" + sql + ", " + (namedArgs.isEmpty() ? args.size() : namedArgs.size()) + " args"
        + (timeout == null ? "" : ", timeout=" + timeout) + "]";
  }
}
