package io.libsql.client.internal.sql;

/** What running SQL may do to the connection it runs on, from harmless to worst. */
public enum Effect {
  /** Leaves the connection as it was (in autocommit mode, no session state). */
  NONE,
  /** May open or end a transaction (BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT, RELEASE). */
  TRANSACTION,
  /** Changes session state that outlives the statement (PRAGMA, ATTACH, DETACH, TEMP objects). */
  SESSION;

  /**
   * The worst of this and {@code other}.
   *
   * @param other another effect
   * @return the worse of the two
   */
  public Effect max(Effect other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /**
   * The worst effect of any statement in {@code sql} (one statement or a script).
   *
   * @param sql SQL text, or null
   * @return {@link #NONE} for null
   */
  public static Effect of(String sql) {
    return sql == null ? NONE : SqlText.of(sql).effect();
  }
}
