package io.libsql.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records (RFC 4180): fields separated by commas, records by CRLF, LF or CR; a field in
 * double quotes may hold commas, line breaks (kept exactly) and doubled quotes. Blank lines are
 * skipped and a leading byte order mark is dropped. Lenient where the RFC is strict: text after a
 * closing quote is kept. Not thread-safe.
 */
final class CsvReader {
  private final Reader in;
  private final String name;
  private int peeked = -2;
  private int line = 1;
  private int recordLine;
  private boolean started;

  /** {@code name} labels errors, e.g. the file name. Reads through {@code in}, which should be buffered. */
  CsvReader(Reader in, String name) {
    this.in = in;
    this.name = name;
  }

  /** The line the last record returned by {@link #next()} started on. */
  int recordLine() {
    return recordLine;
  }

  /** The next record, or null at the end. */
  List<String> next() throws IOException {
    int c = read();
    if (!started) {
      started = true;
      if (c == '\uFEFF') {
        c = read();
      }
    }
    while (c == '\n' || c == '\r') {
      if (c == '\r' && peek() == '\n') {
        read();
      }
      line++;
      c = read();
    }
    if (c == -1) {
      return null;
    }
    recordLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    while (true) {
      if (c == '"' && field.length() == 0) {
        while (true) {
          int q = read();
          if (q == -1) {
            throw new ShellException(ShellException.CSV_INVALID,
                name + ":" + recordLine + ": a quoted field is not closed before the end of the file");
          }
          if (q == '"') {
            if (peek() == '"') {
              read();
              field.append('"');
              continue;
            }
            break;
          }
          if (q == '\n' || q == '\r' && peek() != '\n') {
            line++;
          }
          field.append((char) q);
        }
        c = read();
        // RFC 4180 allows nothing between the closing quote and the separator; keep it as text.
        while (c != ',' && c != '\n' && c != '\r' && c != -1) {
          field.append((char) c);
          c = read();
        }
      } else {
        while (c != ',' && c != '\n' && c != '\r' && c != -1) {
          field.append((char) c);
          c = read();
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      if (c == ',') {
        c = read();
        continue;
      }
      if (c == '\r' && peek() == '\n') {
        read();
      }
      if (c != -1) {
        line++;
      }
      return fields;
    }
  }

  private int read() throws IOException {
    if (peeked != -2) {
      int c = peeked;
      peeked = -2;
      return c;
    }
    return in.read();
  }

  private int peek() throws IOException {
    if (peeked == -2) {
      peeked = in.read();
    }
    return peeked;
  }
}
