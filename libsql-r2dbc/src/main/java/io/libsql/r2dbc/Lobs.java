package io.libsql.r2dbc;

import io.r2dbc.spi.Blob;
import io.r2dbc.spi.Clob;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Blob and Clob values: read whole before a statement runs (SQLite values are never streamed). */
final class Lobs {
  private Lobs() {}

  static Blob blob(byte[] bytes) {
    return Blob.from(Mono.fromSupplier(() -> ByteBuffer.wrap(bytes)));
  }

  static Clob clob(String text) {
    return Clob.from(Mono.just(text));
  }

  /** The bound value with Blob and Clob read into byte[] and String; other values as they are. */
  static Mono<Object> resolve(Object v) {
    if (v instanceof Blob) {
      return Flux.from(((Blob) v).stream())
          .collect(ByteArrayOutputStream::new, (out, buf) -> {
            ByteBuffer b = buf.duplicate();
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            out.write(chunk, 0, chunk.length);
          })
          .map(out -> (Object) out.toByteArray());
    }
    if (v instanceof Clob) {
      return Flux.from(((Clob) v).stream())
          .collect(StringBuilder::new, StringBuilder::append)
          .map(sb -> (Object) sb.toString());
    }
    return Mono.just(v);
  }
}
