package io.libsql.r2dbc;

import io.libsql.client.Statement;
import io.libsql.client.internal.sql.SqlParameters;
import io.r2dbc.spi.Parameter;
import io.r2dbc.spi.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An R2DBC statement: SQL with {@code ?}, {@code ?N}, {@code $N} or named ({@code :name},
 * {@code @name}, {@code $name}) parameters, bound by 0-based index or by name, with {@link #add()}
 * for several sets of bindings (run in one round trip).
 */
final class LibsqlStatement implements io.r2dbc.spi.Statement {
  private static final Object UNSET = new Object();

  private final LibsqlConnection connection;
  private final ParsedSql sql;
  private final List<Object[]> bindings = new ArrayList<>();
  private Object[] current;
  private String[] generatedColumns;

  LibsqlStatement(LibsqlConnection connection, String sql) {
    this.connection = connection;
    this.sql = ParsedSql.parse(sql);
    if (this.sql.parameterCount > SqlParameters.MAX_PARAMETERS) {
      throw new IllegalArgumentException("the statement has " + this.sql.parameterCount
          + " parameters; SQLite takes at most " + SqlParameters.MAX_PARAMETERS);
    }
    this.current = fresh();
  }

  private Object[] fresh() {
    Object[] values = new Object[sql.parameterCount];
    Arrays.fill(values, UNSET);
    return values;
  }

  private int unbound(Object[] values) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == UNSET) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public LibsqlStatement add() {
    int missing = unbound(current);
    if (missing >= 0) {
      throw new IllegalStateException("parameter " + (missing + 1) + " is not bound; bind every parameter before add()");
    }
    bindings.add(current);
    current = fresh();
    return this;
  }

  @Override
  public LibsqlStatement bind(int index, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("value must not be null; use bindNull(" + index + ", type)");
    }
    set(checkIndex(index), value);
    return this;
  }

  @Override
  public LibsqlStatement bind(String name, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("value must not be null; use bindNull(\"" + name + "\", type)");
    }
    set(indexOf(name), value);
    return this;
  }

  @Override
  public LibsqlStatement bindNull(int index, Class<?> type) {
    requireType(type);
    current[checkIndex(index)] = null;
    return this;
  }

  @Override
  public LibsqlStatement bindNull(String name, Class<?> type) {
    requireType(type);
    current[indexOf(name)] = null;
    return this;
  }

  private static void requireType(Class<?> type) {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
  }

  private int checkIndex(int index) {
    if (index < 0 || index >= sql.parameterCount) {
      throw new IndexOutOfBoundsException("parameter index " + index + " is out of range: the statement has "
          + sql.parameterCount + " parameters, bound by 0-based index");
    }
    return index;
  }

  private int indexOf(String name) {
    if (name == null) {
      throw new IllegalArgumentException("name must not be null");
    }
    int i = sql.indexOf(name);
    if (i < 0) {
      throw new NoSuchElementException("the statement has no parameter '" + name + "'; its named parameters are "
          + sql.names().keySet() + " and positions are bound as $1..$" + sql.parameterCount);
    }
    return i;
  }

  private void set(int index, Object value) {
    if (value instanceof Parameter) {
      value = ((Parameter) value).getValue();
      if (value == null) {
        current[index] = null;
        return;
      }
    }
    if (!Codecs.canEncode(value.getClass())) {
      throw new IllegalArgumentException("cannot bind a " + value.getClass().getName()
          + "; bind Long, Integer, Short, Byte, Double, Float, Boolean, BigDecimal, BigInteger, String, byte[],"
          + " ByteBuffer, Blob, Clob, UUID, enums or java.time values");
    }
    current[index] = value;
  }

  @Override
  public LibsqlStatement returnGeneratedValues(String... columns) {
    if (columns == null) {
      throw new IllegalArgumentException("columns must not be null");
    }
    for (String c : columns) {
      if (c == null || c.isBlank()) {
        throw new IllegalArgumentException("a generated column name must not be null or blank");
      }
    }
    this.generatedColumns = columns.clone();
    return this;
  }

  @Override
  public LibsqlStatement fetchSize(int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("fetch size must not be negative");
    }
    return this; // the client's cursors fetch in their own steps, as the subscriber asks
  }

  @Override
  public Publisher<? extends Result> execute() {
    if (sql.parameterCount > 0) {
      int missing = unbound(current);
      if (missing >= 0) {
        boolean nothingBound = Arrays.stream(current).allMatch(v -> v == UNSET);
        throw new IllegalStateException(!bindings.isEmpty() && nothingBound
            ? "add() was called after the last set of bindings; remove it or bind the next set"
            : "parameter " + (missing + 1) + " is not bound");
      }
    }
    if (sql.parts.isEmpty()) {
      throw new IllegalArgumentException("the SQL holds no statement");
    }
    if (sql.parts.size() > 1 && sql.parameterCount > 0) {
      throw new IllegalArgumentException("SQL with several statements cannot take parameters; execute them one by one");
    }
    List<Object[]> sets = new ArrayList<>(bindings);
    sets.add(current);
    bindings.clear();
    current = fresh();
    List<ParsedSql.Part> parts = sql.parts;
    String[] generated = generatedColumns;
    return Flux.fromIterable(sets)
        .concatMap(LibsqlStatement::resolveLobs)
        .collectList()
        .flatMapMany(resolved -> {
          List<Statement> statements = new ArrayList<>();
          List<ParsedSql.Part> kinds = new ArrayList<>();
          for (List<Object> args : resolved) {
            for (ParsedSql.Part part : parts) {
              String text = part.sql();
              if (generated != null && part.dml() && !part.returning()) {
                text = text + " RETURNING " + (generated.length == 0 ? "*" : String.join(", ", generated));
              }
              statements.add(Statement.of(text, args.toArray()));
              kinds.add(part);
            }
          }
          return connection.run(statements, kinds);
        })
        .onErrorMap(Errors::map);
  }

  private static Mono<List<Object>> resolveLobs(Object[] values) {
    return Flux.range(0, values.length)
        .concatMap(i -> values[i] == null ? Mono.just(NULL) : Lobs.resolve(values[i]))
        .collect(ArrayList::new, (list, v) -> list.add(v == NULL ? null : Codecs.encode(v)));
  }

  /** Stands for null in the Flux of values, which cannot carry nulls. */
  private static final Object NULL = new Object();
}
