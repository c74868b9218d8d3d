package io.libsql.client.internal;

import java.util.ArrayList;
import java.util.Locale;

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
    String head = head(sql, 3);
    if (head.startsWith("BEGIN")) {
      inTransaction = true;
      savepoints.clear();
    } else if (head.startsWith("SAVEPOINT")) {
      if (!inTransaction) {
        inTransaction = true;
        savepoints.add(savepointName(sql));
      } else if (!savepoints.isEmpty()) {
        savepoints.add(savepointName(sql));
      }
    } else if (head.startsWith("RELEASE")) {
      // RELEASE x also releases every savepoint opened after x (SQLite's rule)
      int i = savepoints.lastIndexOf(savepointName(sql));
      if (i >= 0) {
        savepoints.subList(i, savepoints.size()).clear();
        if (savepoints.isEmpty()) {
          inTransaction = false;
        }
      }
    } else if (head.startsWith("COMMIT") || head.startsWith("END")
        || head.startsWith("ROLLBACK") && !head.startsWith("ROLLBACK TO") && !head.startsWith("ROLLBACK TRANSACTION TO")) {
      inTransaction = false;
      savepoints.clear();
    }
    if (head.startsWith("PRAGMA") || head.startsWith("ATTACH") || head.startsWith("DETACH")
        || head.startsWith("CREATE TEMP")) {
      stateful = true;
    }
  }

  /** Records a script: every statement may have run. */
  public void ranScript(String sql) {
    for (String part : sql.split(";")) {
      ran(part);
    }
  }

  /** Records that connection state may exist (a script that touched it failed part-way). */
  public void stateMayExist() {
    stateful = true;
  }

  /** Forgets the transaction (the server or SQLite ended it). */
  public void transactionEnded() {
    inTransaction = false;
    savepoints.clear();
  }

  /**
   * The savepoint name of {@code SAVEPOINT x} or {@code RELEASE [SAVEPOINT] x}, unquoted and
   * lower-cased (SQLite compares them case-insensitively).
   */
  static String savepointName(String sql) {
    String head = head(sql, 2);
    String skip = head.equals("RELEASE SAVEPOINT") ? head : head(sql, 1);
    // Skip those words and the spaces and comments around them.
    int i = 0;
    int n = sql.length();
    for (int words = skip.split(" ").length; i < n; ) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (words > 0) {
        while (i < n && Character.isLetter(sql.charAt(i))) {
          i++;
        }
        words--;
      } else {
        break;
      }
    }
    if (i >= n) {
      return "";
    }
    char open = sql.charAt(i);
    char close = open == '[' ? ']' : open;
    if (open == '"' || open == '`' || open == '[' || open == '\'') {
      StringBuilder name = new StringBuilder();
      for (int j = i + 1; j < n; j++) {
        char c = sql.charAt(j);
        if (c == close) {
          if (close != ']' && j + 1 < n && sql.charAt(j + 1) == close) {
            name.append(c);
            j++;
            continue;
          }
          break;
        }
        name.append(c);
      }
      return name.toString().toLowerCase(Locale.ROOT);
    }
    int start = i;
    while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
      i++;
    }
    return sql.substring(start, i).toLowerCase(Locale.ROOT);
  }

  /** The first {@code words} keywords of {@code sql}, upper-case, comments and spaces skipped. */
  static String head(String sql, int words) {
    StringBuilder sb = new StringBuilder();
    int n = sql.length();
    int i = 0;
    int taken = 0;
    while (i < n && taken < words) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
          i++;
        }
        if (i == start) {
          break;
        }
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(sql, start, i);
        taken++;
      }
    }
    return sb.toString().toUpperCase(Locale.ROOT);
  }
}
