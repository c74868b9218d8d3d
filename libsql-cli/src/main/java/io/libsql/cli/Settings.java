package io.libsql.cli;

import java.util.Locale;

/** The shell's output settings, changed by dot commands. Used by one thread. */
final class Settings {
  enum Mode {
    TABLE, CSV, JSON, LINE;

    static Mode parse(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ShellException(ShellException.USAGE, "unknown mode '" + name + "'; use table, csv, json or line");
      }
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final int DEFAULT_MAX_WIDTH = 60;

  Mode mode = Mode.TABLE;
  /** Column names in table and csv modes. */
  boolean headers = true;
  /** How NULL shows in table and line modes. */
  String nullValue = "NULL";
  /** Table cells wider than this are cut, with "..."; 0 for never. */
  int maxWidth = DEFAULT_MAX_WIDTH;
  /** Print the row count and elapsed time after each statement. */
  boolean timer;
}
