package io.libsql.client.internal.hrana;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.internal.sql.Effect;
import org.junit.jupiter.api.Test;

class StreamReuseTest {
  static LibsqlException error(String code) {
    return new LibsqlException(code, "x", -1, null);
  }

  @Test
  void plainStatementsKeepTheirStreamUnlessTheFailureIsNotTheStatements() {
    assertTrue(StreamReuse.mayReuse(Effect.NONE, null, null));
    assertTrue(StreamReuse.mayReuse(Effect.NONE, null, true));
    assertTrue(StreamReuse.mayReuse(Effect.NONE, error("SQLITE_CONSTRAINT_UNIQUE"), true));
    assertTrue(StreamReuse.mayReuse(Effect.NONE, error("SQL_PARSE_ERROR"), null));
    assertFalse(StreamReuse.mayReuse(Effect.NONE, new LibsqlException(ErrorCode.CONNECTION_LOST, "x"), null));
    assertFalse(StreamReuse.mayReuse(Effect.NONE, error("TRANSACTION_TIMEOUT"), null));
    assertFalse(StreamReuse.mayReuse(Effect.NONE, null, false), "a plain statement that left a transaction open");
  }

  @Test
  void lockFailuresNeverKeepTheirStream() {
    for (String code : new String[] {"SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_LOCKED", "SQLITE_LOCKED_SHAREDCACHE"}) {
      assertFalse(StreamReuse.mayReuse(Effect.NONE, error(code), true), code);
      assertTrue(StreamReuse.isLockError(error(code)), code);
    }
    assertFalse(StreamReuse.isLockError(error("SQLITE_CONSTRAINT")));
  }

  @Test
  void transactionEffectsNeedAutocommitConfirmed() {
    assertTrue(StreamReuse.mayReuse(Effect.TRANSACTION, null, true));
    assertFalse(StreamReuse.mayReuse(Effect.TRANSACTION, null, false));
    assertFalse(StreamReuse.mayReuse(Effect.TRANSACTION, null, null), "Hrana 1 and 2 cannot tell");
    assertTrue(StreamReuse.mayReuse(Effect.TRANSACTION, error("SQLITE_CONSTRAINT_CHECK"), true));
  }

  @Test
  void onlyOperationsWhoseStreamMayComeBackAreWorthPooling() {
    assertTrue(StreamReuse.worthPooling(Effect.NONE, 2));
    assertTrue(StreamReuse.worthPooling(Effect.TRANSACTION, 3));
    assertFalse(StreamReuse.worthPooling(Effect.TRANSACTION, 2), "Hrana 2 cannot tell whether a transaction is open");
    assertFalse(StreamReuse.worthPooling(Effect.SESSION, 3));
  }

  @Test
  void sessionEffectsNeverShareAStream() {
    assertFalse(StreamReuse.mayReuse(Effect.SESSION, null, true));
    assertFalse(StreamReuse.mayReuse(Effect.SESSION, null, null));
  }
}
