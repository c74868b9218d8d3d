package io.libsql.cli;

import io.libsql.client.LibsqlException;
import io.libsql.client.Row;
import io.libsql.client.Statement;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code .import [--no-header] FILE TABLE}: CSV rows inserted as text (column affinity converts
 * them), {@value #BATCH_ROWS} rows per atomic batch. A missing table is created from the header
 * with TEXT columns, which keep the file's text exactly ({@code 007} stays {@code 007}). Short rows
 * are filled with NULL and long ones cut, with a warning, as {@code sqlite3} does. Files of
 * {@value #PROGRESS_BYTES} bytes or more get a progress line on stderr.
 */
final class CsvImporter {
  static final int BATCH_ROWS = 1000;
  static final long PROGRESS_BYTES = 1 << 20;
  private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;
  private static final int MAX_WARNINGS = 10;

  private final Shell shell;

  CsvImporter(Shell shell) {
    this.shell = shell;
  }

  void run(List<String> args) {
    boolean header = true;
    List<String> rest = new ArrayList<>();
    for (String a : args) {
      if (a.equals("--no-header")) {
        header = false;
      } else if (a.startsWith("--")) {
        throw new ShellException(ShellException.USAGE, "unknown option " + a + "; usage: .import [--no-header] FILE TABLE");
      } else {
        rest.add(a);
      }
    }
    if (rest.size() != 2) {
      throw new ShellException(ShellException.USAGE, "usage: .import [--no-header] FILE TABLE");
    }
    Path file = Path.of(rest.get(0));
    String table = rest.get(1);
    long size;
    InputStream raw;
    try {
      size = Files.size(file);
      raw = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new ShellException(ShellException.IO_ERROR, "cannot open " + file + ": no such file");
    } catch (IOException e) {
      throw new ShellException(ShellException.IO_ERROR, "cannot open " + file + ": " + e.getMessage());
    }
    Counting counted = new Counting(raw);
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16)) {
      importRows(new CsvReader(reader, rest.get(0)), rest.get(0), table, header, counted, size);
    } catch (IOException e) {
      throw new ShellException(ShellException.IO_ERROR, "cannot read " + file + ": " + e.getMessage());
    }
  }

  private void importRows(CsvReader csv, String fileName, String table, boolean header, Counting counted, long size)
      throws IOException {
    long start = System.nanoTime();
    List<String> first = csv.next();
    if (first == null) {
      throw new ShellException(ShellException.CSV_INVALID, fileName + " is empty");
    }
    int columns = existingColumns(table);
    if (columns < 0) {
      if (!header) {
        throw new ShellException(ShellException.USAGE,
            "table " + table + " does not exist; without --no-header the first row names its columns");
      }
      shell.query(createTable(table, first));
      columns = first.size();
    }
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(Render.ident(table)).append(" VALUES(");
    for (int i = 0; i < columns; i++) {
      sql.append(i == 0 ? "?" : ",?");
    }
    String insert = sql.append(')').toString();

    boolean progress = size >= PROGRESS_BYTES;
    long lastProgress = System.nanoTime();
    long imported = 0;
    int warnings = 0;
    List<Statement> batch = new ArrayList<>(BATCH_ROWS);
    int[] lines = new int[BATCH_ROWS];
    List<String> record = header ? csv.next() : first;
    while (record != null) {
      shell.checkCancelled();
      if (record.size() != columns) {
        if (warnings++ < MAX_WARNINGS) {
          shell.warn(fileName + ":" + csv.recordLine() + ": expected " + columns + " columns but found "
              + record.size() + (record.size() < columns ? "; filling the rest with NULL" : "; extras ignored"));
        }
      }
      Object[] values = new Object[columns];
      for (int i = 0; i < columns && i < record.size(); i++) {
        values[i] = record.get(i);
      }
      lines[batch.size()] = csv.recordLine();
      batch.add(Statement.of(insert, values));
      if (batch.size() == BATCH_ROWS) {
        imported += flush(batch, lines, fileName, imported);
        if (progress && System.nanoTime() - lastProgress >= PROGRESS_INTERVAL_NANOS) {
          lastProgress = System.nanoTime();
          progress(imported, counted.count, size, false);
        }
      }
      record = csv.next();
    }
    imported += flush(batch, lines, fileName, imported);
    if (warnings > MAX_WARNINGS) {
      shell.warn((warnings - MAX_WARNINGS) + " more rows had the wrong number of columns");
    }
    if (progress) {
      progress(imported, size, size, true);
    }
    if (shell.settings.timer) {
      shell.out.println(Shell.rows(imported) + " imported (" + Shell.elapsed(System.nanoTime() - start) + ")");
    }
  }

  private int flush(List<Statement> batch, int[] lines, String fileName, long before) {
    if (batch.isEmpty()) {
      return 0;
    }
    int n = batch.size();
    try {
      shell.batch(batch);
    } catch (LibsqlException e) {
      int index = e.statementIndex();
      String where = index >= 0 && index < n ? fileName + ":" + lines[index] + ": " : "";
      throw new LibsqlException(e.code(), where + e.getMessage() + " (" + Shell.rows(before)
          + " imported before this batch of " + n + ")", -1, e);
    }
    batch.clear();
    return n;
  }

  private void progress(long rows, long bytes, long size, boolean done) {
    int percent = size == 0 ? 100 : (int) Math.min(100, bytes * 100 / size);
    String text = (done ? "imported " : "importing: ") + Shell.rows(rows) + ", " + percent + "% of "
        + String.format(Locale.ROOT, "%.1f MB", size / 1e6);
    shell.out.flush();
    if (System.console() != null) {
      shell.err.print("\r" + text + (done ? "\n" : ""));
    } else {
      shell.err.println(text);
    }
    shell.err.flush();
  }

  /** The number of columns an INSERT without column names takes, or -1 if there is no such table. */
  private int existingColumns(String table) {
    int n = 0;
    for (Row ignored : shell.query("SELECT name FROM pragma_table_info(?)", table)) {
      n++;
    }
    return n == 0 ? -1 : n;
  }

  private static String createTable(String table, List<String> header) {
    Set<String> seen = new HashSet<>();
    StringBuilder sb = new StringBuilder("CREATE TABLE ").append(Render.ident(table)).append('(');
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).strip();
      if (name.isEmpty()) {
        name = "c" + (i + 1);
      }
      String unique = name;
      for (int k = 2; !seen.add(unique.toLowerCase(Locale.ROOT)); k++) {
        unique = name + "_" + k;
      }
      sb.append(i == 0 ? "" : ", ").append(Render.ident(unique)).append(" TEXT");
    }
    return sb.append(')').toString();
  }

  /** Counts the bytes read, for the progress line. */
  private static final class Counting extends FilterInputStream {
    volatile long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
