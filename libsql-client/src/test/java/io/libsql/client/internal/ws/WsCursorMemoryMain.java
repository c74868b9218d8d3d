package io.libsql.client.internal.ws;

import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.internal.hrana.HranaCursor;
import io.libsql.client.internal.proto.Batch;
import io.libsql.client.internal.proto.CursorEntry;
import io.libsql.client.internal.proto.Stmt;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM with a 64 MB heap by {@link WsCursorMemoryTest}: streams {@code rows} rows of
 * about 100 bytes (far more than the heap) through a WebSocket cursor and checks each one.
 * Arguments: ws URL, encoding, row count. Prints {@code OK rows=N valueBytes=B ms=T} and exits 0.
 */
public final class WsCursorMemoryMain {
  private WsCursorMemoryMain() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Encoding encoding = Encoding.valueOf(args[1]);
    long expected = Long.parseLong(args[2]);
    WsTransport t = new WsTransport(Config.builder(url).encoding(encoding).build());
    long start = System.nanoTime();
    long rows = 0;
    long bytes = 0;
    try {
      String sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + expected + ") "
          + "SELECT x, printf('row-%010d-%s', x, '" + "abcdefghij".repeat(7) + "') AS label FROM c";
      Stmt stmt = new Stmt(sql, null, List.of(), List.of(), true);
      HranaCursor c = t.openCursor(new Batch(List.of(new Batch.Step(null, stmt)))).get(60, TimeUnit.SECONDS);
      CursorEntry e;
      while ((e = c.next()) != null) {
        if (e instanceof CursorEntry.Row) {
          Object[] v = ((CursorEntry.Row) e).values();
          long x = (Long) v[0];
          String label = (String) v[1];
          if (x != rows + 1 || !label.startsWith(String.format("row-%010d-", x))) {
            throw new AssertionError("row " + (rows + 1) + " came as " + x + " " + label);
          }
          rows++;
          bytes += label.length() + 8;
        } else if (e instanceof CursorEntry.StepError || e instanceof CursorEntry.Error) {
          throw new AssertionError("cursor failed: " + e);
        }
      }
      c.close();
    } catch (Throwable e) {
      e.printStackTrace(System.out);
      System.exit(1);
    } finally {
      t.close();
    }
    if (rows != expected) {
      System.out.println("FAIL rows=" + rows);
      System.exit(1);
    }
    System.out.println("OK rows=" + rows + " valueBytes=" + bytes + " ms=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
        + " maxHeap=" + Runtime.getRuntime().maxMemory());
  }
}
