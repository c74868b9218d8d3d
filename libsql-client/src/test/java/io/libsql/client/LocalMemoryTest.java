package io.libsql.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** In-memory databases: one database per client, shared by its transactions. */
class LocalMemoryTest {
  @Test
  void memoryDatabaseIsSharedWithinOneClientOnly() {
    try (Client a = Libsql.createClient(":memory:"); Client b = Libsql.createClient("file::memory:")) {
      a.execute("CREATE TABLE t (v INTEGER)");
      try (Transaction tx = a.transaction()) {
        tx.execute("INSERT INTO t VALUES (1)");
        tx.commit();
      }
      assertEquals(1L, a.execute("SELECT count(*) FROM t").rows().get(0).get(0));
      assertEquals(List.of(), b.execute("SELECT name FROM sqlite_master").rows());
    }
  }
}
