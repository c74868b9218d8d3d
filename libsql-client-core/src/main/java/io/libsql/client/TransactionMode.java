package io.libsql.client;

/** How a transaction (or an atomic batch) begins. */
public enum TransactionMode {
  /** {@code BEGIN IMMEDIATE}: takes the write lock at once, so writes never fail with SQLITE_BUSY midway. */
  WRITE("BEGIN IMMEDIATE"),
  /** {@code BEGIN TRANSACTION READONLY} on libSQL servers; a read-only connection locally. Writes fail. */
  READ("BEGIN TRANSACTION READONLY"),
  /** {@code BEGIN DEFERRED}: takes locks as statements need them. */
  DEFERRED("BEGIN DEFERRED");

  private final String beginSql;

  TransactionMode(String beginSql) {
    this.beginSql = beginSql;
  }

  /**
   * The statement that starts a transaction in this mode on a libSQL server.
   *
   * @return the SQL that begins such a transaction
   */
  public String beginSql() {
    return beginSql;
  }
}
