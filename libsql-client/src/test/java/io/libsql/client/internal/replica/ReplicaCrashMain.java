package io.libsql.client.internal.replica;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.Libsql;

/**
 * A process that syncs a replica: {@code sync FILE URL} syncs once (with
 * {@code -Dio.libsql.replica.haltAfterPagesForTests=N} it halts mid-apply, exit code 99);
 * {@code hold FILE URL} keeps the replica open until its stdin closes.
 */
public final class ReplicaCrashMain {
  private ReplicaCrashMain() {}

  public static void main(String[] args) throws Exception {
    try (Client replica = Libsql.createClient(Config.builder("file:" + args[1]).syncUrl(args[2]).build())) {
      replica.execute("SELECT 1");
      if (args[0].equals("hold")) {
        System.out.println("holding");
        System.out.flush();
        while (System.in.read() >= 0) {
          // wait for the parent
        }
      } else {
        System.out.println("synced " + replica.sync());
      }
    }
  }
}
