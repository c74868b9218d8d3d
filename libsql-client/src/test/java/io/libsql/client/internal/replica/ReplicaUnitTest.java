package io.libsql.client.internal.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import io.libsql.client.LibsqlException;
import io.libsql.client.Statement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replica's pure parts: frames, the spill buffer, the sidecar, the page writer, the wire format, routing. */
class ReplicaUnitTest {
  @TempDir
  Path dir;

  static byte[] frameBytes(long frameNo, long pageNo, long sizeAfter, byte fill) {
    ByteBuffer b = ByteBuffer.allocate(Frame.SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(frameNo).putLong(0).putInt((int) pageNo).putInt((int) sizeAfter);
    while (b.hasRemaining()) {
      b.put(fill);
    }
    return b.array();
  }

  static Frame frame(long frameNo, long pageNo, long sizeAfter) {
    return Frame.of(frameBytes(frameNo, pageNo, sizeAfter, (byte) frameNo));
  }

  @Test
  void frameHeaderIsLittleEndian() {
    Frame f = Frame.of(frameBytes(0x0102030405L, 7, 0xfffffffeL, (byte) 1));
    assertEquals(0x0102030405L, f.frameNo());
    assertEquals(7, f.pageNo());
    assertEquals(0xfffffffeL, f.sizeAfter());
    assertTrue(f.isCommit());
    LibsqlException e = assertThrows(LibsqlException.class, () -> Frame.of(new byte[100]));
    assertEquals("SYNC_FAILED", e.code());
    assertTrue(e.getMessage().contains("expected a 4120-byte frame, received 100 bytes"), e.getMessage());
    assertThrows(LibsqlException.class, () -> Frame.of(frameBytes(1, 0, 0, (byte) 0)));
  }

  @Test
  void frameBufferSpillsPastItsBoundAndKeepsOrder() throws IOException {
    long spilled = ReplicaStats.FRAMES_SPILLED.get();
    try (FrameBuffer b = new FrameBuffer(dir, 3L * Frame.SIZE)) {
      for (int i = 0; i < 10; i++) {
        b.add(frame(i, i + 1, i == 6 ? 7 : 0));
      }
      assertEquals(10, b.size());
      assertTrue(b.spilled());
      assertEquals(7, ReplicaStats.FRAMES_SPILLED.get() - spilled);
      for (int i = 0; i < 10; i++) {
        assertEquals(i, b.get(i).frameNo());
        assertEquals((byte) i, b.get(i).data[Frame.SIZE - 1]);
      }
      assertEquals(7, b.committedCount());
      assertEquals(6, b.lastCommitFrameNo());
      assertEquals(7, b.lastCommitSize());
      try (FrameBuffer tail = b.tail(1 << 20)) {
        assertEquals(3, tail.size());
        assertEquals(7, tail.get(0).frameNo());
        assertEquals(0, tail.committedCount());
      }
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(0, files.count(), "the spill file is unlinked while in use");
      }
    }
  }

  @Test
  void sidecarUpdatesAreAtomicAcrossTwoSlots() throws IOException {
    Path p = dir.resolve("x.db-libsql-replica");
    try (ReplicaMeta m = ReplicaMeta.open(p)) {
      assertFalse(m.existed());
      assertNull(m.logId());
      m.write("log-a", 10, false);
      m.markDirty();
      m.write("log-a", 25, false);
    }
    try (ReplicaMeta m = ReplicaMeta.open(p)) {
      assertTrue(m.existed());
      assertEquals("log-a", m.logId());
      assertEquals(25, m.nextOffset());
      assertFalse(m.dirty());
    }
    // Tear the newest slot (sequence 3 lives in slot 1): the previous state wins.
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {0x55, 0x55, 0x55}), 512 + 30);
    }
    try (ReplicaMeta m = ReplicaMeta.open(p)) {
      assertEquals(10, m.nextOffset());
      assertTrue(m.dirty());
    }
  }

  /** A real SQLite database cut into frames and written into an empty file comes out identical and valid. */
  @Test
  void pageWriterRebuildsADatabaseAndShrinksIt() throws Exception {
    Path source = dir.resolve("source.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source); java.sql.Statement st = c.createStatement()) {
      st.execute("PRAGMA page_size = 4096");
      st.execute("PRAGMA journal_mode = WAL");
      st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
      st.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300) INSERT INTO t SELECT x, randomblob(2000) FROM c");
      st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    byte[] db = Files.readAllBytes(source);
    int pages = db.length / Frame.PAGE_SIZE;
    Path target = dir.resolve("target.db");
    try (FrameBuffer frames = new FrameBuffer(dir, 1 << 20); FileChannel out = FileChannel.open(target,
        StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      for (int p = pages; p >= 1; p--) { // snapshot order: any order, the commit frame last
        byte[] data = frameBytes(pages - p, p, p == 1 ? pages : 0, (byte) 0);
        System.arraycopy(db, (p - 1) * Frame.PAGE_SIZE, data, Frame.HEADER_SIZE, Frame.PAGE_SIZE);
        frames.add(Frame.of(data));
      }
      // Garbage past the end must be cut off by the commit frame's size.
      out.write(ByteBuffer.wrap(new byte[Frame.PAGE_SIZE * 3]), (long) pages * Frame.PAGE_SIZE);
      assertEquals(pages, PageWriter.writeFrames(out, frames, frames.size()));
      PageWriter.patchHeader(out, pages, 5);
      out.force(true);
    }
    byte[] written = Files.readAllBytes(target);
    assertEquals(db.length, written.length);
    assertEquals(1, written[18]);
    assertEquals(1, written[19]);
    assertEquals(5, ByteBuffer.wrap(written, 24, 4).getInt());
    assertEquals(5, ByteBuffer.wrap(written, 92, 4).getInt());
    assertEquals(pages, ByteBuffer.wrap(written, 28, 4).getInt());
    db[18] = 1;
    db[19] = 1;
    System.arraycopy(written, 24, db, 24, 4);
    System.arraycopy(written, 92, db, 92, 4);
    assertArrayEquals(db, written, "identical apart from the patched header fields");
    assertEquals("ok", ReplicaTesting.integrityCheck(target));
    try (Connection c = ReplicaTesting.readOnly(target); java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT count(*), sum(length(b)) FROM t")) {
      rs.next();
      assertEquals(300, rs.getLong(1));
      assertEquals(600_000, rs.getLong(2));
    }
  }

  @Test
  void helloAndFramesDecodeAndSkipUnknownFields() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream o = CodedOutputStream.newInstance(bytes);
    o.writeString(1, "generation");
    o.writeUInt64(2, 0);
    o.writeString(3, "3f1c-log");
    o.writeByteArray(4, "token-uuid".getBytes());
    o.writeUInt64(5, 42);
    o.writeByteArray(6, new byte[] {8, 1}); // config: skipped
    o.flush();
    ReplicationProto.Hello h = ReplicationProto.parseHello(new ByteArrayInputStream(bytes.toByteArray()));
    assertEquals("3f1c-log", h.logId);
    assertEquals("token-uuid", h.sessionToken);
    assertEquals(42, h.currentReplicationIndex);
    LibsqlException noLog = assertThrows(LibsqlException.class,
        () -> ReplicationProto.parseHello(new ByteArrayInputStream(new byte[0])));
    assertEquals("SYNC_FAILED", noLog.code());

    bytes.reset();
    o = CodedOutputStream.newInstance(bytes);
    for (int i = 0; i < 3; i++) {
      ByteArrayOutputStream f = new ByteArrayOutputStream();
      CodedOutputStream fo = CodedOutputStream.newInstance(f);
      fo.writeByteArray(1, frameBytes(i, i + 1, i == 2 ? 3 : 0, (byte) 9));
      fo.writeUInt64(2, 1234); // a newer field (timestamp): skipped
      fo.flush();
      o.writeByteArray(1, f.toByteArray());
    }
    o.writeUInt64(7, 1); // unknown field of Frames
    o.flush();
    try (FrameBuffer b = ReplicationProto.parseFrames(new ByteArrayInputStream(bytes.toByteArray()), dir, 1 << 20)) {
      assertEquals(3, b.size());
      assertEquals(3, b.committedCount());
      assertEquals(2, b.get(2).frameNo());
    }
    assertArrayEquals(new byte[] {0x08, 0x01}, ReplicationProto.helloRequest());
    assertArrayEquals(new byte[] {0x08, (byte) 0xac, 0x02}, ReplicationProto.logOffset(300));
  }

  @Test
  void routingByKeywordThenByRefusal() {
    assertEquals(Routing.Kind.LOCAL_FIRST, Routing.classify("SELECT 1"));
    assertEquals(Routing.Kind.LOCAL_FIRST, Routing.classify("  /* c */ -- x\n with x as (select 1) insert into t select * from x"));
    assertEquals(Routing.Kind.LOCAL_FIRST, Routing.classify("PRAGMA user_version"));
    assertEquals(Routing.Kind.LOCAL_FIRST, Routing.classify("(VALUES (1))"));
    assertEquals(Routing.Kind.WRITE, Routing.classify("insert into t values (1)"));
    assertEquals(Routing.Kind.WRITE, Routing.classify("DROP TABLE IF EXISTS t"));
    assertEquals(Routing.Kind.WRITE, Routing.classify("CREATE TABLE IF NOT EXISTS t (x)"));
    assertEquals(Routing.Kind.WRITE, Routing.classify("create temp table t (x)"));
    assertEquals(Routing.Kind.TRANSACTION, Routing.classify("BEGIN IMMEDIATE"));
    assertEquals(Routing.Kind.TRANSACTION, Routing.classify("savepoint a"));
    assertTrue(Routing.anyWrite(List.of(Statement.of("SELECT 1"), Statement.of("UPDATE t SET x = 1"))));
    assertFalse(Routing.anyWrite(List.of(Statement.of("SELECT 1"), Statement.of("WITH a AS (SELECT 1) SELECT * FROM a"))));
    assertTrue(Routing.refusedAsWrite(new LibsqlException("SQLITE_READONLY", "attempt to write a readonly database")));
    assertTrue(Routing.refusedAsWrite(new java.util.concurrent.CompletionException(
        new LibsqlException("SQLITE_ERROR", "statement 1 of the batch failed: SQLite error: statement is not executing"))));
    assertFalse(Routing.refusedAsWrite(new LibsqlException("SQLITE_ERROR", "no such table: t")));
    assertFalse(Routing.refusedAsWrite(new LibsqlException("SQLITE_READONLY_DBMOVED", "moved")));
  }
}
