package io.libsql.client.internal;

import io.libsql.client.internal.engine.RowCursor;
import io.libsql.client.Row;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Adapts a {@link RowCursor} to a {@link Stream} that closes the cursor. Not API. */
final class RowStreams {
  private RowStreams() {}

  static Stream<Row> of(RowCursor cursor) {
    Spliterator<Row> split = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
      @Override
      public boolean tryAdvance(Consumer<? super Row> action) {
        Row row = cursor.next();
        if (row == null) {
          cursor.close();
          return false;
        }
        action.accept(row);
        return true;
      }
    };
    return StreamSupport.stream(split, false).onClose(cursor::close);
  }
}
