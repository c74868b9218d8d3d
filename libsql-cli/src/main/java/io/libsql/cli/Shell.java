package io.libsql.cli;

import io.libsql.client.Client;
import io.libsql.client.LibsqlException;
import io.libsql.client.ResultSet;
import io.libsql.client.Row;
import io.libsql.client.Statement;
import io.libsql.client.Transaction;
import io.libsql.client.TransactionMode;
import io.libsql.client.internal.sql.Effect;
import io.libsql.client.internal.sql.SqlSplitter;
import io.libsql.client.internal.sql.SqlText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs SQL statements and dot commands against one client and prints their results.
 *
 * <p>{@code BEGIN}, {@code COMMIT}, {@code END}, {@code ROLLBACK} and an outermost {@code SAVEPOINT}
 * are not sent as plain statements: they open and end a {@link Transaction}, and every statement in
 * between runs in it. A remote client runs each plain {@link Client#execute} on a stream of its own,
 * and a local one streams rows on a connection of its own, so a transaction begun with a plain
 * {@code BEGIN} would not hold the statements that follow.
 *
 * <p>Queries ({@code SELECT}, {@code VALUES}, {@code WITH ... SELECT}) outside a transaction are
 * streamed with {@link Client#stream}, so big results print with bounded memory; table mode holds
 * up to {@value RowPrinter#TABLE_BUFFER_ROWS} rows to size its columns.
 *
 * <p>Used by one thread, except {@link #cancel()}, which a Ctrl-C handler calls.
 */
final class Shell implements AutoCloseable {
  private static final int MAX_READ_DEPTH = 16;
  private static final int OUTPUT_CHECK_ROWS = 1000;

  final Client client;
  final Settings settings = new Settings();
  final PrintWriter out;
  final PrintWriter err;
  final boolean interactive;

  /** The transaction the user opened, or null. */
  private Transaction tx;
  /** When {@link #tx} was opened by {@code SAVEPOINT name}: that name, whose RELEASE commits. */
  private String txSavepoint;
  private volatile boolean cancelled;
  private volatile Thread worker;
  private boolean quit;
  private int exitCode;
  private int readDepth;
  /**
   * Set once a statement changed the state of the connection it ran on (see
   * {@link #changesConnection}). A local client streams rows on a connection of its own, which
   * would not see that state, so from then on queries run with {@link Client#execute} instead.
   */
  private boolean connectionState;
  /** Set by {@code .read} when the file it ran failed (and printed its error already). */
  private boolean nestedFailure;

  Shell(Client client, PrintWriter out, PrintWriter err, boolean interactive) {
    this.client = client;
    this.out = out;
    this.err = err;
    this.interactive = interactive;
    this.settings.timer = interactive;
  }

  /** True once {@code .quit} or {@code .exit} ran. */
  boolean quitRequested() {
    return quit;
  }

  /** The code {@code .exit N} asked for (0 by default). */
  int exitCode() {
    return exitCode;
  }

  boolean inTransaction() {
    return tx != null;
  }

  /** Asks the running statement to stop: row printing stops and a remote wait is interrupted. */
  void cancel() {
    cancelled = true;
    Thread t = worker;
    if (t != null) {
      t.interrupt();
    }
  }

  void checkCancelled() {
    if (cancelled) {
      throw new ShellException(ShellException.CANCELLED, "interrupted");
    }
  }

  /** Per row of output: stops on Ctrl-C, and when standard output was closed (| head). */
  private void checkRow(long count) {
    checkCancelled();
    if (count % OUTPUT_CHECK_ROWS == 0 && out.checkError()) {
      throw new ShellException(ShellException.OUTPUT_CLOSED, "the output was closed");
    }
  }

  /**
   * Runs one input of the interactive shell: a dot command, or SQL that {@link SqlSplitter} found
   * complete. Stops at the first error, which it prints. Returns true when all succeeded.
   */
  boolean runInput(String text) {
    return runSource(new java.io.StringReader(text), null);
  }

  /**
   * Runs a script: SQL statements ending with {@code ;} and dot commands on lines of their own.
   * Stops at the first error, which it prints with {@code name} and the line (when {@code name}
   * is not null). A last statement without {@code ;} runs too. Returns true when all succeeded.
   */
  boolean runSource(Reader in, String name) {
    SqlSplitter splitter = new SqlSplitter();
    Lines lines = new Lines(in);
    try {
      String line;
      while (!quit && (line = lines.next()) != null) {
        String command = line.strip();
        if (splitter.isBlank() && command.startsWith(".")) {
          int at = splitter.line();
          splitter.reset(at + 1);
          if (!run(() -> DotCommands.run(this, command), name, at)) {
            return false;
          }
          continue;
        }
        for (SqlSplitter.Piece p : splitter.feed(line)) {
          if (quit || !run(() -> execute(p.sql()), name, p.line())) {
            return false;
          }
        }
      }
      SqlSplitter.Piece last = splitter.finish();
      return quit || last == null || run(() -> execute(last.sql()), name, last.line());
    } catch (IOException e) {
      printError(ShellException.IO_ERROR, "cannot read " + (name == null ? "the input" : name) + ": " + e.getMessage(), null, 0);
      return false;
    }
  }

  /** Runs a script file for {@code .read}. */
  boolean runNested(Reader in, String name) {
    if (readDepth >= MAX_READ_DEPTH) {
      throw new ShellException(ShellException.USAGE, ".read is nested more than " + MAX_READ_DEPTH + " deep");
    }
    readDepth++;
    try {
      return runSource(in, name);
    } finally {
      readDepth--;
    }
  }

  /** Runs {@code action}, printing any failure; false if it failed. */
  private boolean run(Runnable action, String name, int line) {
    cancelled = false;
    worker = Thread.currentThread();
    try {
      action.run();
      return !nestedFailure;
    } catch (LibsqlException e) {
      printError(e.code(), e.getMessage(), name, line);
      return false;
    } catch (ShellException e) {
      printError(e.code(), e.getMessage(), name, line);
      return false;
    } catch (UncheckedIOException e) {
      printError(ShellException.IO_ERROR, e.getCause().getMessage(), name, line);
      return false;
    } finally {
      nestedFailure = false;
      out.flush();
      worker = null;
      Thread.interrupted();
    }
  }

  void markNestedFailure() {
    nestedFailure = true;
  }

  void printError(String code, String message, String name, int line) {
    if (code.equals(ShellException.OUTPUT_CLOSED)) {
      return; // a reader such as "| head" had enough: stop quietly, as on SIGPIPE
    }
    out.flush();
    String where = name == null ? "" : " (near line " + line + " of " + name + ")";
    err.println("Error (" + code + "): " + message + where);
    err.flush();
  }

  void warn(String message) {
    out.flush();
    err.println("Warning: " + message);
    err.flush();
  }

  void requestQuit(int code) {
    quit = true;
    exitCode = code;
  }

  // ---- statements -------------------------------------------------------------------------------

  /** Runs one SQL statement and prints its result. */
  void execute(String sql) {
    long start = System.nanoTime();
    SqlText text = SqlText.of(sql);
    List<String> head = text.tokens(4);
    String verb = text.verb();
    switch (verb) {
      case "":
        return;
      case "BEGIN":
        begin(head);
        footer("OK", start);
        return;
      case "COMMIT":
      case "END":
        commit();
        footer("OK", start);
        return;
      case "ROLLBACK":
        if (text.transaction() == SqlText.Transaction.ROLLBACK) {
          rollback();
          footer("OK", start);
          return;
        }
        break;
      case "SAVEPOINT":
        if (tx == null && !text.savepointName().isEmpty()) {
          tx = client.transaction(TransactionMode.DEFERRED);
          txSavepoint = text.savepointName();
        }
        break;
      default:
        break;
    }
    if (changesConnection(text)) {
      connectionState = true;
    }
    if (tx == null && !connectionState && (verb.equals("SELECT") || verb.equals("VALUES"))) {
      stream(sql, start);
      return;
    }
    ResultSet rs = tx != null ? tx.execute(sql) : client.execute(sql);
    if (text.transaction() == SqlText.Transaction.RELEASE && text.savepointName().equals(txSavepoint)) {
      Transaction t = tx;
      tx = null;
      txSavepoint = null;
      t.commit();
    }
    if (!rs.columns().isEmpty()) {
      print(rs);
      footer(rows(rs.size()), start);
    } else if (verb.equals("INSERT") || verb.equals("UPDATE") || verb.equals("DELETE") || verb.equals("REPLACE")) {
      footer(rows(rs.rowsAffected()) + " changed", start);
    } else {
      footer("OK", start);
    }
  }

  /**
   * True for statements whose effect belongs to the connection rather than the database: ATTACH,
   * DETACH, CREATE TEMP ..., PRAGMA name = value.
   */
  private static boolean changesConnection(SqlText text) {
    return text.effect() == Effect.SESSION && (text.kind() != SqlText.Kind.PRAGMA || text.isPragmaAssignment());
  }

  private void begin(List<String> head) {
    if (tx != null) {
      throw new LibsqlException("SQLITE_ERROR", "cannot start a transaction within a transaction");
    }
    TransactionMode mode = TransactionMode.DEFERRED;
    for (String t : head) {
      if (t.equals("IMMEDIATE") || t.equals("EXCLUSIVE")) {
        mode = TransactionMode.WRITE;
      } else if (t.equals("READONLY")) {
        mode = TransactionMode.READ;
      }
    }
    tx = client.transaction(mode);
  }

  private void commit() {
    if (tx == null) {
      throw new LibsqlException("SQLITE_ERROR", "cannot commit - no transaction is active");
    }
    Transaction t = tx;
    tx = null;
    txSavepoint = null;
    try {
      t.commit();
    } catch (LibsqlException e) {
      t.close();
      throw new LibsqlException(e.code(), e.getMessage() + " (the transaction was rolled back)", -1, e);
    }
  }

  private void rollback() {
    if (tx == null) {
      throw new LibsqlException("SQLITE_ERROR", "cannot rollback - no transaction is active");
    }
    Transaction t = tx;
    tx = null;
    txSavepoint = null;
    try {
      t.rollback();
    } finally {
      t.close();
    }
  }

  /** Rolls back an open transaction (at exit). */
  void rollbackOpenTransaction() {
    if (tx != null) {
      Transaction t = tx;
      tx = null;
      try {
        t.close();
      } catch (LibsqlException e) {
        // Best effort: closing the client ends it anyway.
      }
      warn("the open transaction was rolled back");
    }
  }

  /** Streams the rows of a query to the printer, with bounded memory. */
  private void stream(String sql, long start) {
    long count;
    try (Stream<Row> rows = client.stream(sql)) {
      count = print(rows.iterator());
    }
    if (count < 0) {
      // Duplicate column names: a Row cannot tell them apart, a ResultSet can. Only queries are
      // streamed, so running it again is safe.
      ResultSet rs = client.execute(sql);
      print(rs);
      count = rs.size();
    }
    footer(rows(count), start);
  }

  /** Prints streamed rows and returns their number; -1, printing nothing, when two columns share a name. */
  private long print(Iterator<Row> it) {
    RowPrinter p = RowPrinter.create(out, settings);
    if (!it.hasNext()) {
      p.empty();
      return 0;
    }
    Row first = it.next();
    List<String> columns = columnsOf(first);
    if (columns == null) {
      return -1;
    }
    p.begin(columns);
    p.row(first.values());
    long count = 1;
    while (it.hasNext()) {
      checkRow(count);
      p.row(it.next().values());
      count++;
    }
    p.end();
    return count;
  }

  /** The column names of {@code row}, or null when two columns share a name. */
  private static List<String> columnsOf(Row row) {
    Map<String, Object> m = row.toMap();
    return m.size() == row.size() ? new ArrayList<>(m.keySet()) : null;
  }

  private void print(ResultSet rs) {
    RowPrinter p = RowPrinter.create(out, settings);
    if (rs.size() == 0) {
      p.empty();
      return;
    }
    p.begin(rs.columns());
    for (Row r : rs.rows()) {
      checkCancelled();
      p.row(r.values());
    }
    p.end();
  }

  private void footer(String what, long start) {
    if (settings.timer) {
      out.println(what + " (" + elapsed(System.nanoTime() - start) + ")");
    }
  }

  static String rows(long n) {
    return n + (n == 1 ? " row" : " rows");
  }

  static String elapsed(long nanos) {
    double ms = nanos / 1e6;
    return ms < 1000 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.3f s", ms / 1000);
  }

  // ---- helpers for dot commands -----------------------------------------------------------------

  /** Runs a statement in the open transaction, if any. */
  ResultSet query(String sql, Object... args) {
    return tx != null ? tx.execute(sql, args) : client.execute(sql, args);
  }

  /** Runs statements atomically (or in the open transaction). */
  void batch(List<Statement> statements) {
    if (tx != null) {
      tx.batch(statements);
    } else {
      client.batch(TransactionMode.WRITE, statements);
    }
  }

  /** Feeds every row of a query to {@code each}: streamed, or from the open transaction. */
  void forEachRow(String sql, Consumer<Row> each) {
    if (tx != null || connectionState) {
      for (Row r : query(sql)) {
        checkCancelled();
        each.accept(r);
      }
      return;
    }
    try (Stream<Row> rows = client.stream(sql)) {
      Iterator<Row> it = rows.iterator();
      for (long count = 1; it.hasNext(); count++) {
        checkRow(count);
        each.accept(it.next());
      }
    }
  }

  @Override
  public void close() {
    rollbackOpenTransaction();
    out.flush();
    err.flush();
  }

  /** Lines with their line terminators, so that text inside SQL strings keeps them exactly. */
  static final class Lines {
    private final Reader in;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;

    Lines(Reader in) {
      this.in = in;
    }

    /** The next line including its '\n' (if any), or null at the end. */
    String next() throws IOException {
      StringBuilder sb = null;
      while (true) {
        if (pos == len) {
          len = in.read(buf, 0, buf.length);
          pos = 0;
          if (len <= 0) {
            len = 0;
            return sb == null || sb.length() == 0 ? null : sb.toString();
          }
        }
        int i = pos;
        while (i < len && buf[i] != '\n') {
          i++;
        }
        if (sb == null) {
          sb = new StringBuilder(Math.max(16, i - pos + 1));
        }
        if (i < len) {
          sb.append(buf, pos, i + 1 - pos);
          pos = i + 1;
          return sb.toString();
        }
        sb.append(buf, pos, len - pos);
        pos = len;
      }
    }
  }
}
