package io.libsql.r2dbc;

import io.libsql.client.ResultSet;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The outcome of one SQL statement: its rows (streamed from a cursor, or from a result already
 * fetched) and, for INSERT, UPDATE, DELETE and statements without columns, the count of rows
 * changed. Consumable once.
 */
final class LibsqlResult implements Result {
  private final Flux<Segment> rows;
  private final Long updateCount;
  private final Predicate<Segment> filter;
  private final AtomicBoolean consumed;

  private LibsqlResult(Flux<Segment> rows, Long updateCount, Predicate<Segment> filter, AtomicBoolean consumed) {
    this.rows = rows;
    this.updateCount = updateCount;
    this.filter = filter;
    this.consumed = consumed;
  }

  /** A result fetched whole; {@code counts} says whether it reports an update count. */
  static LibsqlResult of(ResultSet rs, boolean counts) {
    Flux<Segment> rows = Flux.empty();
    if (!rs.columns().isEmpty() && rs.size() > 0) {
      LibsqlRowMetadata md = new LibsqlRowMetadata(rs.columns(), rs.columnTypes());
      rows = Flux.fromIterable(rs.rows()).map(r -> new RowSegmentImpl(new LibsqlRow(md, r.values())));
    }
    return new LibsqlResult(rows, counts || rs.columns().isEmpty() ? rs.rowsAffected() : null, s -> true,
        new AtomicBoolean());
  }

  /** A query's rows, read from a cursor when (and only when) the result is consumed. */
  static LibsqlResult streamed(Flux<io.libsql.client.Row> source) {
    Flux<Segment> rows = Flux.defer(() -> {
      LibsqlRowMetadata[] md = new LibsqlRowMetadata[1];
      return source.map(r -> {
        if (md[0] == null) {
          md[0] = new LibsqlRowMetadata(r.columns(), r.columnTypes());
        }
        return new RowSegmentImpl(new LibsqlRow(md[0], r.values()));
      });
    });
    return new LibsqlResult(rows, null, s -> true, new AtomicBoolean());
  }

  private Flux<Segment> segments() {
    return Flux.defer(() -> {
      if (!consumed.compareAndSet(false, true)) {
        return Flux.error(new IllegalStateException("this result was consumed already; a Result can be read once"));
      }
      Flux<Segment> all = updateCount == null ? rows : rows.concatWith(Mono.just(new UpdateCountImpl(updateCount)));
      return all.filter(filter);
    });
  }

  @Override
  public Publisher<Long> getRowsUpdated() {
    if (updateCount == null) {
      return Flux.defer(() -> {
        if (!consumed.compareAndSet(false, true)) {
          return Flux.error(new IllegalStateException("this result was consumed already; a Result can be read once"));
        }
        return Flux.<Long>empty();
      }).next();
    }
    return segments().ofType(UpdateCount.class).map(UpdateCount::value).next();
  }

  @Override
  public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mapper) {
    return segments().ofType(RowSegment.class).map(s -> {
      Row row = s.row();
      return mapper.apply(row, row.getMetadata());
    });
  }

  @Override
  public <T> Publisher<T> map(Function<? super io.r2dbc.spi.Readable, ? extends T> mapper) {
    return segments().ofType(RowSegment.class).map(s -> mapper.apply(s.row()));
  }

  @Override
  public Result filter(Predicate<Segment> predicate) {
    if (predicate == null) {
      throw new IllegalArgumentException("predicate must not be null");
    }
    return new LibsqlResult(rows, updateCount, filter.and(predicate), consumed);
  }

  @Override
  public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mapper) {
    return segments().concatMap(mapper);
  }

  private static final class RowSegmentImpl implements RowSegment {
    private final Row row;

    RowSegmentImpl(Row row) {
      this.row = row;
    }

    @Override
    public Row row() {
      return row;
    }
  }

  private static final class UpdateCountImpl implements UpdateCount {
    private final long value;

    UpdateCountImpl(long value) {
      this.value = value;
    }

    @Override
    public long value() {
      return value;
    }
  }
}
