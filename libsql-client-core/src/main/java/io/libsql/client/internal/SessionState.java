package io.libsql.client.internal;

import io.libsql.client.internal.sql.Effect;
import io.libsql.client.internal.sql.SqlText;
import java.util.ArrayList;

/**
 * What a session's SQL did to its connection, judged from each statement's leading keywords: whether
 * a transaction is open, and whether connection state was created that a new connection would lack.
 * Not thread-safe. Not API.
 */
public final class SessionState {
  private boolean inTransaction;
  private boolean stateful;
  /**
   * The open savepoints, innermost last, when the transaction was begun by SAVEPOINT rather than
   * BEGIN (releasing the outermost one commits it); empty otherwise.
   */
  private final ArrayList<String> savepoints = new ArrayList<>();

  public boolean inTransaction() {
    return inTransaction;
  }

  /** True once temporary objects, PRAGMAs or attachments may exist on the connection. */
  public boolean stateful() {
    return stateful;
  }

  /** Records a statement that ran successfully. */
  public void ran(String sql) {
    SqlText text = SqlText.of(sql);
    switch (text.transaction()) {
      case BEGIN:
        inTransaction = true;
        savepoints.clear();
        break;
      case SAVEPOINT:
        if (!inTransaction) {
          inTransaction = true;
          savepoints.add(text.savepointName());
        } else if (!savepoints.isEmpty()) {
          savepoints.add(text.savepointName());
        }
        break;
      case RELEASE: {
        // RELEASE x also releases every savepoint opened after x (SQLite's rule)
        int i = savepoints.lastIndexOf(text.savepointName());
        if (i >= 0) {
          savepoints.subList(i, savepoints.size()).clear();
          if (savepoints.isEmpty()) {
            inTransaction = false;
          }
        }
        break;
      }
      case COMMIT:
      case ROLLBACK:
        inTransaction = false;
        savepoints.clear();
        break;
      default:
        break;
    }
    if (text.effect() == Effect.SESSION) {
      stateful = true;
    }
  }

  /** Records a script: every statement may have run. */
  public void ranScript(String sql) {
    for (String statement : SqlText.split(sql)) {
      ran(statement);
    }
  }

  /** Records that connection state may exist (a script that touched it failed part-way). */
  public void stateMayExist() {
    stateful = true;
  }
}
