package io.libsql.client.internal.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text that arrives in pieces (a shell's lines) into statements, where {@link SqlText}
 * would: {@link #feed} returns the statements that became complete, each with its semicolon, and
 * keeps the rest for more text. Not thread-safe.
 */
public final class SqlSplitter {
  /**
   * One complete statement and the 1-based line its first token is on.
   *
   * @param sql the statement, stripped, with its semicolon
   * @param line the line of its first token
   */
  public record Piece(String sql, int line) {}

  private final StringBuilder buf = new StringBuilder();
  private Lexer lexer = new Lexer(buf);
  private Boundaries boundaries = new Boundaries();
  /** Where the current statement's text starts in {@link #buf}. */
  private int start;
  /** The current statement has a token other than whitespace, comments and semicolons. */
  private boolean content;
  /** The line where the lexer stands, and the line where the current statement's first token is. */
  private int line;
  private int contentLine;

  /** A splitter whose first line is line 1. */
  public SqlSplitter() {
    this(1);
  }

  /**
   * A splitter whose first line is numbered {@code firstLine}.
   *
   * @param firstLine the number of the first line fed
   */
  public SqlSplitter(int firstLine) {
    this.line = firstLine;
  }

  /**
   * True when {@code sql} ends with a complete statement, as {@code sqlite3_complete()} decides.
   *
   * @param sql SQL text
   * @return whether it is complete
   */
  public static boolean isComplete(String sql) {
    return SqlText.of(sql).isComplete();
  }

  /**
   * True when {@code sql} ends with no unfinished statement: what follows the last statement is
   * only whitespace, semicolons and terminated comments.
   *
   * @param sql SQL text
   * @return whether nothing is pending
   */
  public static boolean isBlank(String sql) {
    SqlSplitter s = new SqlSplitter();
    s.feed(sql);
    return s.isBlank();
  }

  /**
   * Appends {@code text} and returns the statements it completed.
   *
   * @param text the next piece of text
   * @return the completed statements, in order, without empty ones
   */
  public List<Piece> feed(CharSequence text) {
    buf.append(text);
    List<Piece> out = new ArrayList<>();
    lex(false, out);
    if (start > 0) {
      buf.delete(0, start);
      lexer.shift(start);
      start = 0;
    }
    return out;
  }

  /**
   * True when no statement text is pending: only whitespace, semicolons and terminated comments
   * since the last statement.
   *
   * @return whether nothing is pending
   */
  public boolean isBlank() {
    if (content) {
      return false;
    }
    Lexer rest = new Lexer(buf.subSequence(lexer.end(), buf.length()));
    while (rest.next(true)) {
      if (rest.type() != Lexer.SPACE && rest.type() != Lexer.COMMENT || !rest.terminated()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The line number the next character fed will be on.
   *
   * @return the line number
   */
  public int line() {
    return line + newlines(lexer.end(), buf.length());
  }

  /**
   * Ends the input: returns what remains as a last statement (without a final semicolon, or
   * unterminated: SQLite then reports it), or null if only whitespace and comments remain. Resets.
   *
   * @return the last statement, or null
   */
  public Piece finish() {
    boolean open = false;
    List<Piece> none = new ArrayList<>(0);
    while (lexer.next(true)) {
      token(none);
      open = !lexer.terminated();
    }
    Piece last = null;
    if (content || open) {
      String sql = SqlText.strip(buf, start, buf.length());
      if (!sql.isEmpty()) {
        last = new Piece(sql, content ? contentLine : line);
      }
    }
    reset(line);
    return last;
  }

  /**
   * Drops any pending text.
   *
   * @param nextLine the line number of the next character fed
   */
  public void reset(int nextLine) {
    buf.setLength(0);
    lexer = new Lexer(buf);
    boundaries = new Boundaries();
    start = 0;
    content = false;
    line = nextLine;
  }

  private void lex(boolean complete, List<Piece> out) {
    while (lexer.next(complete)) {
      token(out);
    }
  }

  private void token(List<Piece> out) {
    int t = lexer.type();
    boolean ends = boundaries.endsStatement(lexer);
    if (t != Lexer.SPACE && t != Lexer.COMMENT && t != Lexer.SEMICOLON && !content) {
      content = true;
      contentLine = line;
    }
    line += newlines(lexer.start(), lexer.end());
    if (ends) {
      if (content) {
        out.add(new Piece(SqlText.strip(buf, start, lexer.end()), contentLine));
      }
      start = lexer.end();
      content = false;
    }
  }

  private int newlines(int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if (buf.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }
}
