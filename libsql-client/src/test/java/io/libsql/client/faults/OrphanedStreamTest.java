package io.libsql.client.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.LibsqlException;
import io.libsql.client.Libsql;
import io.libsql.client.Transaction;
import io.libsql.client.TransactionMode;
import io.libsql.testing.SqldServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An HTTP transaction whose request is lost before it reaches the server (the connection dropped)
 * gives its stream back at once: the client closes it with the baton it still holds, so the write
 * lock is free for others instead of held until sqld times the transaction out (about 5 s).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OrphanedStreamTest {
  @Test
  void aLostHttpTransactionReleasesTheWriteLockAtOnce() throws Exception {
    try (SqldServer sqld = SqldServer.builder().start(); FaultProxy proxy = FaultProxy.start(sqld.httpPort());
        Client direct = Libsql.createClient(sqld.httpUrl());
        Client client = Libsql.createClient(Config.builder(proxy.url("http")).build())) {
      direct.execute("CREATE TABLE o (v INTEGER)");
      Transaction tx = client.transaction(TransactionMode.WRITE);
      tx.execute("INSERT INTO o VALUES (1)"); // holds the write lock now
      proxy.stall();
      Thread lost = new Thread(() -> assertThrows(LibsqlException.class, () -> tx.execute("INSERT INTO o VALUES (2)")));
      lost.start();
      Thread.sleep(200); // the request sits in the proxy
      proxy.dropAll();
      proxy.heal();
      lost.join(10_000);
      tx.close();
      long start = System.nanoTime();
      direct.execute("INSERT INTO o VALUES (3)");
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(millis < 2_000, "another writer waited " + millis + " ms for the lost transaction's lock");
      assertEquals(1L, direct.execute("SELECT count(*) FROM o").rows().get(0).getLong(0));
    }
  }
}
