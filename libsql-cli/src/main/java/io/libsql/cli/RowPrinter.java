package io.libsql.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the rows of one result in an output mode. Call {@link #begin} once with the column names,
 * {@link #row} per row, then {@link #end}. A result without rows is printed with {@link #empty}
 * instead (only JSON prints anything for it: {@code []}).
 */
abstract class RowPrinter {
  /** Table mode prints once it has this many rows, with column widths taken from them. */
  static final int TABLE_BUFFER_ROWS = 1000;

  final PrintWriter out;
  final Settings settings;
  List<String> columns;

  RowPrinter(PrintWriter out, Settings settings) {
    this.out = out;
    this.settings = settings;
  }

  static RowPrinter create(PrintWriter out, Settings settings) {
    switch (settings.mode) {
      case CSV:
        return new Csv(out, settings);
      case JSON:
        return new Json(out, settings);
      case LINE:
        return new Line(out, settings);
      default:
        return new Table(out, settings);
    }
  }

  void begin(List<String> columns) {
    this.columns = columns;
  }

  abstract void row(List<Object> values);

  abstract void end();

  void empty() {}

  /** Aligned columns with borders; numbers right-aligned, wide cells cut with "...". */
  static final class Table extends RowPrinter {
    private final List<String[]> buffered = new ArrayList<>();
    private final List<boolean[]> numeric = new ArrayList<>();
    private int[] widths;

    Table(PrintWriter out, Settings settings) {
      super(out, settings);
    }

    @Override
    void row(List<Object> values) {
      String[] cells = new String[values.size()];
      boolean[] right = new boolean[values.size()];
      int max = settings.maxWidth;
      for (int i = 0; i < cells.length; i++) {
        Object v = values.get(i);
        String text;
        if (v == null) {
          text = settings.nullValue;
        } else if (v instanceof byte[]) {
          text = Render.blob((byte[]) v, max > 0 ? max : -1);
        } else if (v instanceof Double) {
          text = Render.real((Double) v);
        } else {
          text = Render.cell(v.toString());
        }
        cells[i] = Render.truncate(text, max);
        right[i] = v instanceof Long || v instanceof Double;
      }
      if (widths != null) {
        print(cells, right);
        return;
      }
      buffered.add(cells);
      numeric.add(right);
      if (buffered.size() >= TABLE_BUFFER_ROWS) {
        flush();
      }
    }

    private void flush() {
      widths = new int[columns.size()];
      for (int i = 0; i < widths.length; i++) {
        widths[i] = settings.headers ? Render.width(Render.truncate(Render.cell(columns.get(i)), settings.maxWidth)) : 0;
        widths[i] = Math.max(widths[i], 1);
      }
      for (String[] cells : buffered) {
        for (int i = 0; i < widths.length && i < cells.length; i++) {
          widths[i] = Math.max(widths[i], Render.width(cells[i]));
        }
      }
      border();
      if (settings.headers) {
        String[] names = new String[widths.length];
        for (int i = 0; i < names.length; i++) {
          names[i] = Render.truncate(Render.cell(columns.get(i)), settings.maxWidth);
        }
        print(names, new boolean[names.length]);
        border();
      }
      for (int r = 0; r < buffered.size(); r++) {
        print(buffered.get(r), numeric.get(r));
      }
      buffered.clear();
      numeric.clear();
    }

    private void border() {
      StringBuilder sb = new StringBuilder();
      for (int w : widths) {
        sb.append('+').append("-".repeat(w + 2));
      }
      out.println(sb.append('+'));
    }

    private void print(String[] cells, boolean[] right) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        String c = i < cells.length ? cells[i] : "";
        int w = Render.width(c);
        if (w > widths[i]) {
          // Only rows after the first TABLE_BUFFER_ROWS can be wider than the columns: cut them.
          c = Render.truncate(c, widths[i]);
          w = Render.width(c);
        }
        String pad = " ".repeat(Math.max(0, widths[i] - w));
        sb.append("| ");
        if (right[i]) {
          sb.append(pad).append(c);
        } else {
          sb.append(c).append(pad);
        }
        sb.append(' ');
      }
      out.println(sb.append('|'));
    }

    @Override
    void end() {
      if (widths == null) {
        flush();
      }
      border();
    }
  }

  /** RFC 4180, CRLF line ends, a header line when headers are on. */
  static final class Csv extends RowPrinter {
    Csv(PrintWriter out, Settings settings) {
      super(out, settings);
    }

    @Override
    void begin(List<String> columns) {
      super.begin(columns);
      if (settings.headers) {
        row(new ArrayList<>(columns));
      }
    }

    @Override
    void row(List<Object> values) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        Render.csv(sb, values.get(i));
      }
      out.print(sb.append("\r\n"));
    }

    @Override
    void end() {}
  }

  /** An array of objects, one row per line. */
  static final class Json extends RowPrinter {
    private boolean first = true;

    Json(PrintWriter out, Settings settings) {
      super(out, settings);
    }

    @Override
    void row(List<Object> values) {
      StringBuilder sb = new StringBuilder();
      sb.append(first ? "[{" : ",\n{");
      first = false;
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        Render.jsonString(sb, columns.get(i));
        sb.append(':');
        Render.json(sb, values.get(i));
      }
      out.print(sb.append('}'));
    }

    @Override
    void end() {
      out.println(first ? "[]" : "]");
    }

    @Override
    void empty() {
      out.println("[]");
    }
  }

  /** One "name = value" line per column, a blank line between rows. */
  static final class Line extends RowPrinter {
    private int nameWidth;
    private boolean first = true;

    Line(PrintWriter out, Settings settings) {
      super(out, settings);
    }

    @Override
    void begin(List<String> columns) {
      super.begin(columns);
      for (String c : columns) {
        nameWidth = Math.max(nameWidth, Render.width(c));
      }
    }

    @Override
    void row(List<Object> values) {
      StringBuilder sb = new StringBuilder();
      if (!first) {
        sb.append(System.lineSeparator());
      }
      first = false;
      for (int i = 0; i < values.size(); i++) {
        String name = columns.get(i);
        sb.append(" ".repeat(nameWidth - Render.width(name))).append(name).append(" = ")
            .append(Render.plain(values.get(i), settings.nullValue)).append(System.lineSeparator());
      }
      out.print(sb);
    }

    @Override
    void end() {}
  }
}
