package io.libsql.client.quiet;

import io.libsql.client.AsyncClient;
import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.Encoding;
import io.libsql.client.Libsql;
import io.libsql.client.Statement;
import io.libsql.client.Transaction;
import io.libsql.client.TransactionMode;
import java.util.List;

/**
 * Run by {@link QuietStderrTest} in a JVM of its own: the calls an application makes, on each URL
 * given, with both encodings and both clients. Prints one line per URL and encoding on stdout.
 */
public final class QuietMain {
  private QuietMain() {}

  public static void main(String[] urls) {
    for (String url : urls) {
      for (Encoding encoding : Encoding.values()) {
        Config config = Config.builder(url).encoding(encoding).build();
        long count;
        try (Client db = Libsql.createClient(config)) {
          db.execute("CREATE TABLE IF NOT EXISTS quiet (id INTEGER PRIMARY KEY, v TEXT, b BLOB)");
          db.execute("INSERT INTO quiet (v, b) VALUES (?, ?)", "x", new byte[] {1, 2});
          db.batch(TransactionMode.WRITE, List.of(Statement.of("INSERT INTO quiet (v) VALUES ('y')")));
          try (Transaction tx = db.transaction(TransactionMode.WRITE)) {
            tx.execute("INSERT INTO quiet (v) VALUES ('z')");
            tx.commit();
          }
          try (var rows = db.stream(Statement.of("SELECT v FROM quiet"))) {
            rows.forEach(row -> row.getString(0));
          }
          count = db.execute("SELECT count(*) FROM quiet").rows().get(0).getLong(0);
        }
        try (AsyncClient db = Libsql.createAsyncClient(config)) {
          db.execute("SELECT 1").join();
        }
        System.out.println(encoding + " " + count);
      }
    }
  }
}
