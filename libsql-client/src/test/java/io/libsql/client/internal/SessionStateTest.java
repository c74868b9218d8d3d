package io.libsql.client.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionStateTest {
  @Test
  void releasingTheOutermostSavepointEndsTheTransactionItBegan() {
    SessionState s = new SessionState();
    s.ran("SAVEPOINT outer_sp");
    s.ran("savepoint \"Inner\"");
    s.ran("SAVEPOINT third");
    s.ran("ROLLBACK TO inner");
    assertTrue(s.inTransaction());
    s.ran("RELEASE SAVEPOINT \"INNER\""); // also releases third
    assertTrue(s.inTransaction());
    s.ran("/* c */ RELEASE -- x\n Outer_SP");
    assertFalse(s.inTransaction(), "RELEASE of the outermost savepoint commits, whatever was opened after it");
  }

  @Test
  void savepointsInsideBeginDoNotEndIt() {
    SessionState s = new SessionState();
    s.ran("BEGIN");
    s.ran("SAVEPOINT a");
    s.ran("RELEASE a");
    assertTrue(s.inTransaction());
    s.ran("COMMIT");
    assertFalse(s.inTransaction());
  }
}
