package io.libsql.cli;

import java.util.Locale;
import org.jline.utils.WCWidth;

/** How SQL values become text: for display, CSV, JSON and SQL literals. */
final class Render {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  static final String ELLIPSIS = "...";

  private Render() {}

  /** A blob as a SQL literal, {@code X'00FF'}; with {@code maxBytes >= 0}, only that many bytes and "...". */
  static String blob(byte[] b, int maxBytes) {
    int n = maxBytes >= 0 && b.length > maxBytes ? maxBytes : b.length;
    StringBuilder sb = new StringBuilder(n * 2 + 3 + ELLIPSIS.length());
    sb.append("X'");
    for (int i = 0; i < n; i++) {
      sb.append(HEX[(b[i] >> 4) & 0xF]).append(HEX[b[i] & 0xF]);
    }
    if (n < b.length) {
      sb.append(ELLIPSIS);
    }
    return sb.append('\'').toString();
  }

  /**
   * A real as text that reads back as the same double ({@link Double#toString} is exact, if not
   * always the shortest). Infinities become {@code 1e999} and {@code -1e999}, which SQLite reads as
   * infinities; NaN (which SQLite stores as NULL) becomes {@code NULL}.
   */
  static String real(double d) {
    if (Double.isNaN(d)) {
      return "NULL";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "1e999" : "-1e999";
    }
    return Double.toString(d);
  }

  /** A value as display text: numbers as in SQL, blobs as hex, NULL as {@code nullValue}. */
  static String plain(Object v, String nullValue) {
    if (v == null) {
      return nullValue;
    }
    if (v instanceof byte[]) {
      return blob((byte[]) v, -1);
    }
    if (v instanceof Double) {
      return real((Double) v);
    }
    return v.toString();
  }

  /** A value as a SQL literal that SQLite reads back as exactly the same value and type. */
  static String sqlLiteral(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof byte[]) {
      return blob((byte[]) v, -1);
    }
    if (v instanceof Double) {
      return real((Double) v);
    }
    if (v instanceof String) {
      return sqlString((String) v);
    }
    return v.toString();
  }

  /**
   * A text literal: {@code 'it''s'}. Line feeds stay literal (valid inside SQL strings); NUL and
   * carriage returns, which some readers would lose, are spliced in with {@code char()}.
   */
  static String sqlString(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    boolean open = false;
    boolean any = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\0' || c == '\r') {
        if (open) {
          sb.append('\'');
          open = false;
        }
        if (any) {
          sb.append("||");
        }
        sb.append("char(").append((int) c).append(')');
        any = true;
        continue;
      }
      if (!open) {
        if (any) {
          sb.append("||");
        }
        sb.append('\'');
        open = true;
        any = true;
      }
      if (c == '\'') {
        sb.append('\'');
      }
      sb.append(c);
    }
    if (open) {
      sb.append('\'');
    } else if (!any) {
      sb.append("''");
    }
    return sb.toString();
  }

  /** A double-quoted SQL identifier. */
  static String ident(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A JSON string literal. */
  static void jsonString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  /** A value as JSON: numbers as numbers, blobs as a hex literal string. */
  static void json(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Long) {
      sb.append(v);
    } else if (v instanceof Double) {
      double d = (Double) v;
      sb.append(Double.isNaN(d) ? "null" : real(d));
    } else if (v instanceof byte[]) {
      jsonString(sb, blob((byte[]) v, -1));
    } else {
      jsonString(sb, v.toString());
    }
  }

  /** A CSV field (RFC 4180): quoted when needed; NULL is an empty field and '' a quoted empty one. */
  static void csv(StringBuilder sb, Object v) {
    if (v == null) {
      return;
    }
    String s = plain(v, "");
    if (v instanceof String && (s.isEmpty() || needsCsvQuotes(s))) {
      sb.append('"').append(s.replace("\"", "\"\"")).append('"');
    } else {
      sb.append(s);
    }
  }

  private static boolean needsCsvQuotes(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  /** Text for one table cell: control characters shown as escapes, so a row stays on one line. */
  static String cell(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String esc = null;
      if (c == '\n') {
        esc = "\\n";
      } else if (c == '\r') {
        esc = "\\r";
      } else if (c == '\t') {
        esc = "\\t";
      } else if (c < 0x20 || c == 0x7f) {
        esc = String.format(Locale.ROOT, "\\x%02x", (int) c);
      }
      if (esc != null && sb == null) {
        sb = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (sb != null) {
        if (esc != null) {
          sb.append(esc);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** The number of terminal columns {@code s} takes (wide East Asian characters count two). */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += Math.max(0, WCWidth.wcwidth(cp));
      i += Character.charCount(cp);
    }
    return w;
  }

  /** {@code s} cut to at most {@code max} columns, ending with "..." when cut; {@code max <= 0}: unchanged. */
  static String truncate(String s, int max) {
    if (max <= 0 || width(s) <= max) {
      return s;
    }
    int budget = Math.max(0, max - ELLIPSIS.length());
    int w = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int cw = Math.max(0, WCWidth.wcwidth(cp));
      if (w + cw > budget) {
        break;
      }
      w += cw;
      i += Character.charCount(cp);
    }
    return s.substring(0, i) + ELLIPSIS;
  }
}
