package com.example.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.Libsql;
import io.libsql.client.LibsqlException;
import io.libsql.testing.SqldServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libsql-client-core alone: remote URLs work; file: and replicas name the artifact they need. */
class RemoteOnlyTest {
  @Test
  void remoteUrlsWork() {
    try (SqldServer sqld = SqldServer.builder().start()) {
      for (String url : new String[] {sqld.wsUrl(), sqld.httpUrl()}) {
        try (Client db = Libsql.createClient(Config.builder(url).build())) {
          assertEquals(2L, db.execute("SELECT 1 + 1").rows().get(0).getLong(0), url);
        }
      }
    }
  }

  @Test
  void fileUrlNamesTheLocalArtifact(@TempDir Path dir) {
    Config config = Config.builder("file:" + dir.resolve("a.db")).build();
    LibsqlException e = assertThrows(LibsqlException.class, () -> Libsql.createClient(config));
    assertEquals("ENGINE_NOT_AVAILABLE", e.code());
    assertEquals("a file: URL needs io.libsql:libsql-client-local on the class path: add that dependency"
        + " (or io.libsql:libsql-client, which brings every engine)", e.getMessage());
    assertEquals("ENGINE_NOT_AVAILABLE",
        assertThrows(LibsqlException.class, () -> Libsql.createAsyncClient(config)).code());
  }

  @Test
  void syncUrlNamesTheReplicaArtifact(@TempDir Path dir) {
    Config config = Config.builder("file:" + dir.resolve("r.db")).syncUrl("http://127.0.0.1:1").build();
    LibsqlException e = assertThrows(LibsqlException.class, () -> Libsql.createClient(config));
    assertEquals("ENGINE_NOT_AVAILABLE", e.code());
    assertTrue(e.getMessage().startsWith("an embedded replica (a syncUrl) needs io.libsql:libsql-client-replica "),
        e.getMessage());
  }

  @Test
  void classPathHoldsNoEngine() {
    for (String absent : new String[] {"org.sqlite.JDBC", "io.grpc.ManagedChannel",
        "io.libsql.client.internal.local.LocalEngine", "io.libsql.client.internal.replica.ReplicaEngine"}) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(absent), absent);
    }
  }
}
