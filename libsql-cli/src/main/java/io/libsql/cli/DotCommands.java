package io.libsql.cli;

import io.libsql.client.Row;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The dot commands: {@code .tables}, {@code .schema}, {@code .dump}, {@code .import}, ... */
final class DotCommands {
  static final String HELP = String.join("\n",
      ".dump [TABLE]            SQL text that recreates the database (or one table): schema and rows",
      ".exit [CODE]             Leave the shell (with an exit code)",
      ".headers on|off          Column names in table and csv modes (default on)",
      ".help                    This help",
      ".import [--no-header] FILE TABLE",
      "                         Import a CSV file (RFC 4180) into TABLE. The first row names the",
      "                         columns and creates TABLE (TEXT columns) if it does not exist;",
      "                         if TABLE exists, the first row is skipped. --no-header: every row",
      "                         is data and TABLE must exist",
      ".indexes [TABLE]         List the indexes (of one table)",
      ".maxwidth N              Cut table cells wider than N columns, with \"...\" (0: never; default "
          + Settings.DEFAULT_MAX_WIDTH + ")",
      ".mode [table|csv|json|line]",
      "                         Set (or show) the output mode (default table)",
      ".nullvalue TEXT          How NULL shows in table and line modes (default NULL)",
      ".quit                    Leave the shell",
      ".read FILE               Run the SQL statements and dot commands in FILE",
      ".schema [TABLE]          The CREATE statements (of one table, its indexes and triggers)",
      ".tables [PATTERN]        List the tables and views (whose names are LIKE PATTERN)",
      ".timer on|off            Row count and elapsed time after each statement",
      "",
      "SQL statements end with \";\" and may span lines. BEGIN ... COMMIT runs the statements",
      "in between in one transaction.");

  private DotCommands() {}

  static void run(Shell shell, String line) {
    List<String> args = split(line.substring(1));
    if (args.isEmpty()) {
      throw usage("a dot command needs a name; enter .help for the list");
    }
    String name = args.remove(0).toLowerCase(Locale.ROOT);
    switch (name) {
      case "help":
        shell.out.println(HELP);
        break;
      case "quit":
      case "q":
        shell.requestQuit(0);
        break;
      case "exit":
        shell.requestQuit(args.isEmpty() ? 0 : parseInt(args.get(0), ".exit CODE"));
        break;
      case "mode":
        if (args.isEmpty()) {
          shell.out.println("current output mode: " + shell.settings.mode.label());
        } else {
          shell.settings.mode = Settings.Mode.parse(args.get(0));
        }
        break;
      case "headers":
      case "header":
        shell.settings.headers = onOff(args, ".headers on|off");
        break;
      case "timer":
        shell.settings.timer = onOff(args, ".timer on|off");
        break;
      case "nullvalue":
        if (args.size() != 1) {
          throw usage("usage: .nullvalue TEXT");
        }
        shell.settings.nullValue = args.get(0);
        break;
      case "maxwidth":
        if (args.size() != 1) {
          throw usage("usage: .maxwidth N");
        }
        int width = parseInt(args.get(0), ".maxwidth N");
        if (width != 0 && width < Render.ELLIPSIS.length() + 1) {
          throw usage(".maxwidth must be 0 (never cut) or at least " + (Render.ELLIPSIS.length() + 1));
        }
        shell.settings.maxWidth = width;
        break;
      case "tables":
        names(shell, "type IN ('table','view')", args, ".tables [PATTERN]", "name");
        break;
      case "indexes":
      case "indices":
        names(shell, "type = 'index'", args, ".indexes [TABLE]", "tbl_name");
        break;
      case "schema":
        schema(shell, args);
        break;
      case "dump":
        if (args.size() > 1) {
          throw usage("usage: .dump [TABLE]");
        }
        new Dumper(shell).dump(args.isEmpty() ? null : args.get(0));
        break;
      case "read":
        read(shell, args);
        break;
      case "import":
        new CsvImporter(shell).run(args);
        break;
      default:
        throw usage("unknown command ." + name + "; enter .help for the list");
    }
  }

  private static ShellException usage(String message) {
    return new ShellException(ShellException.USAGE, message);
  }

  private static int parseInt(String s, String usage) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw usage("not a number: '" + s + "'; usage: " + usage);
    }
  }

  private static boolean onOff(List<String> args, String usage) {
    if (args.size() == 1) {
      switch (args.get(0).toLowerCase(Locale.ROOT)) {
        case "on":
        case "yes":
        case "1":
          return true;
        case "off":
        case "no":
        case "0":
          return false;
        default:
          break;
      }
    }
    throw usage("usage: " + usage);
  }

  /** Prints the names of schema objects, in columns as wide as the longest name. */
  private static void names(Shell shell, String where, List<String> args, String usage, String filterColumn) {
    if (args.size() > 1) {
      throw usage("usage: " + usage);
    }
    String sql = "SELECT name FROM sqlite_master WHERE " + where + " AND substr(name, 1, 7) <> 'sqlite_'"
        + (args.isEmpty() ? "" : " AND " + filterColumn + " LIKE ?") + " ORDER BY name";
    List<String> names = new ArrayList<>();
    for (Row r : args.isEmpty() ? shell.query(sql) : shell.query(sql, args.get(0))) {
      names.add(r.getString(0));
    }
    printColumns(shell, names);
  }

  static void printColumns(Shell shell, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    int width = 0;
    for (String n : names) {
      width = Math.max(width, Render.width(n));
    }
    width += 2;
    int perLine = Math.max(1, 80 / width);
    int lines = (names.size() + perLine - 1) / perLine;
    for (int l = 0; l < lines; l++) {
      StringBuilder sb = new StringBuilder();
      for (int c = 0; c < perLine; c++) {
        int i = c * lines + l;
        if (i >= names.size()) {
          break;
        }
        String n = names.get(i);
        sb.append(n).append(" ".repeat(width - Render.width(n)));
      }
      shell.out.println(sb.toString().stripTrailing());
    }
  }

  private static void schema(Shell shell, List<String> args) {
    if (args.size() > 1) {
      throw usage("usage: .schema [TABLE]");
    }
    String sql = "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND substr(name, 1, 7) <> 'sqlite_'"
        + (args.isEmpty() ? "" : " AND tbl_name LIKE ?") + " ORDER BY rowid";
    for (Row r : args.isEmpty() ? shell.query(sql) : shell.query(sql, args.get(0))) {
      shell.out.println(r.getString(0) + ";");
    }
  }

  private static void read(Shell shell, List<String> args) {
    if (args.size() != 1) {
      throw usage("usage: .read FILE");
    }
    Path file = Path.of(args.get(0));
    Reader in;
    try {
      in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ShellException(ShellException.IO_ERROR, "cannot open " + file + ": no such file");
    } catch (IOException e) {
      throw new ShellException(ShellException.IO_ERROR, "cannot open " + file + ": " + e.getMessage());
    }
    try (Reader r = in) {
      if (!shell.runNested(r, args.get(0))) {
        shell.markNestedFailure();
      }
    } catch (IOException e) {
      throw new ShellException(ShellException.IO_ERROR, "cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Splits dot command arguments at spaces; '...' and "..." group words (no escapes). */
  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      StringBuilder word = new StringBuilder();
      while (i < n && !Character.isWhitespace(s.charAt(i))) {
        char q = s.charAt(i);
        if (q == '\'' || q == '"') {
          int end = s.indexOf(q, i + 1);
          if (end < 0) {
            throw usage("unterminated " + q + " in the command");
          }
          word.append(s, i + 1, end);
          i = end + 1;
        } else {
          word.append(q);
          i++;
        }
      }
      out.add(word.toString());
    }
    return out;
  }
}
