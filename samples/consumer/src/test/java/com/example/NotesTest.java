package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.libsql.testing.SqldServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotesTest {
  @Test
  void localFile(@TempDir Path dir) throws Exception {
    Notes notes = new Notes("file:" + dir.resolve("notes.db"));
    assertEquals(List.of("first"), notes.add("first"));
    assertEquals(List.of("first", "second"), notes.add("second"));
    assertEquals(2, notes.count());
  }

  @Test
  void remoteServer() throws Exception {
    try (SqldServer sqld = SqldServer.builder().start()) {
      Notes notes = new Notes(sqld.httpUrl());
      assertEquals(List.of("over http"), notes.add("over http"));
      assertEquals(1, new Notes(sqld.wsUrl()).count());
    }
  }
}
