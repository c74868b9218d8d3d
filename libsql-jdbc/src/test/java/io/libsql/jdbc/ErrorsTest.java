package io.libsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import org.junit.jupiter.api.Test;

/** The SQLState table of the README, code by code. */
class ErrorsTest {
  private static SQLException map(String code, String message) {
    return Errors.map(new LibsqlException(code, message, -1, null), false);
  }

  @Test
  void constraints() {
    SQLException pk = map("SQLITE_CONSTRAINT_PRIMARYKEY", "UNIQUE constraint failed: t.id");
    assertInstanceOf(SQLIntegrityConstraintViolationException.class, pk);
    assertEquals("23505", pk.getSQLState());
    assertEquals(19, pk.getErrorCode());
    assertEquals("23505", map("SQLITE_CONSTRAINT_UNIQUE", "UNIQUE constraint failed: t.e").getSQLState());
    assertEquals("23505", map("SQLITE_CONSTRAINT", "UNIQUE constraint failed: t.e").getSQLState(),
        "a server that sends only the primary code is read from the message");
    assertEquals("23000", map("SQLITE_CONSTRAINT_NOTNULL", "NOT NULL constraint failed: t.a").getSQLState());
    assertEquals("23000", map("SQLITE_CONSTRAINT_FOREIGNKEY", "FOREIGN KEY constraint failed").getSQLState());
  }

  @Test
  void busyAndLockedAreTransient() {
    SQLException busy = map("SQLITE_BUSY", "database is locked");
    assertInstanceOf(SQLTransientException.class, busy);
    assertEquals(5, busy.getErrorCode());
    assertEquals(6, map("SQLITE_LOCKED_SHAREDCACHE", "locked").getErrorCode());
    assertTrue(!busy.getSQLState().startsWith("08") && !busy.getSQLState().equals("0A000"));
  }

  @Test
  void connectionStatesOnlyForRealConnectionTrouble() {
    assertEquals("08006", map("CONNECTION_LOST", "socket closed").getSQLState());
    assertInstanceOf(SQLTransientConnectionException.class, map("CONNECTION_LOST", "x"));
    assertEquals("08001", map("CONNECTION_FAILED", "refused").getSQLState());
    assertEquals("08003", map("CLIENT_CLOSED", "closed").getSQLState());
    assertInstanceOf(SQLNonTransientConnectionException.class, map("HRANA_PROTO_ERROR", "bad frame"));
    assertInstanceOf(SQLInvalidAuthorizationSpecException.class, map("AUTH_FAILED", "token expired"));
    assertEquals("28000", map("AUTH_FAILED", "x").getSQLState());
    for (String sqlError : new String[] {"SQLITE_ERROR", "SQLITE_READONLY", "SQLITE_MISMATCH", "SQLITE_FULL",
        "SERVER_ERROR", "ARGUMENT_INVALID", "TIMEOUT", "CANCELLED", "STREAM_EXPIRED", "SQL_PARSE_ERROR", "SOMETHING_NEW"}) {
      String state = map(sqlError, "x").getSQLState();
      assertTrue(!state.startsWith("08") && !state.equals("0A000"), sqlError + " -> " + state);
    }
  }

  @Test
  void sqlErrors() {
    assertInstanceOf(SQLSyntaxErrorException.class, map("SQLITE_ERROR", "near \"SELEC\": syntax error"));
    assertEquals("42000", map("SQLITE_ERROR", "no such table: x").getSQLState());
    assertEquals("HY000", map("SQLITE_ERROR", "cannot start a transaction within a transaction").getSQLState());
    assertEquals("42000", map("SQL_PARSE_ERROR", "bad").getSQLState());
    assertEquals(1, map("SQL_INPUT_ERROR", "SQL input error: no such column: x").getErrorCode(),
        "sqld's own code for what SQLite reports as SQLITE_ERROR");
    assertEquals("25006", map("SQLITE_READONLY", "attempt to write a readonly database").getSQLState());
    assertInstanceOf(SQLTimeoutException.class, map("TIMEOUT", "slow"));
    assertEquals("HYT00", map("TIMEOUT", "slow").getSQLState());
    assertEquals("57014", map("CANCELLED", "cancelled").getSQLState());
    assertEquals("57014", map("SQLITE_INTERRUPT", "interrupted").getSQLState());
  }

  @Test
  void messageNamesTheCodeAndKeepsTheCause() {
    LibsqlException cause = new LibsqlException(ErrorCode.CONNECTION_LOST, "gone");
    SQLException e = Errors.map(cause, false);
    assertTrue(e.getMessage().startsWith("[CONNECTION_LOST] "), e.getMessage());
    assertSame(cause, e.getCause());
    assertEquals("SQLITE_IOERR", Errors.primaryName("SQLITE_IOERR_SHORT_READ"));
    assertEquals(10, Errors.vendorCode("SQLITE_IOERR_SHORT_READ"));
    assertEquals(0, Errors.vendorCode("CONNECTION_LOST"));
  }
}
