package io.libsql.cli;

import io.libsql.client.internal.sql.SqlSplitter;
import java.io.IOException;
import java.nio.file.Path;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

/**
 * The interactive loop over a JLine terminal: history in a file, statements over several lines until
 * {@code ;}, Ctrl-C drops the input being typed (or stops the running statement), Ctrl-D exits.
 */
final class Interactive {
  static final String PROMPT = "libsql> ";
  static final String TX_PROMPT = "libsql*> ";
  static final String CONTINUATION_PROMPT = "   ...> ";
  private static final int CTRL_C = 3;
  private static final int CTRL_T = 20;
  private static final int CTRL_Z = 26;
  private static final int CTRL_BACKSLASH = 28;

  private Interactive() {}

  /** Reads and runs input until Ctrl-D or {@code .quit}; returns the exit code. */
  static int run(Shell shell, Terminal terminal, Path historyFile) {
    LineReader reader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("libsql")
        .parser(new SqlParser())
        .variable(LineReader.HISTORY_FILE, historyFile)
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION_PROMPT)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.INSERT_TAB, true)
        .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
        .build();
    if (terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
      // A dumb terminal over a pipe has no line discipline: let a Ctrl-C character interrupt too.
      Attributes attributes = terminal.getAttributes();
      attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
      attributes.setControlChar(Attributes.ControlChar.VINTR, CTRL_C);
      // The other signal characters must be set too: left undefined (-1) they would match EOF.
      attributes.setControlChar(Attributes.ControlChar.VQUIT, CTRL_BACKSLASH);
      attributes.setControlChar(Attributes.ControlChar.VSUSP, CTRL_Z);
      attributes.setControlChar(Attributes.ControlChar.VSTATUS, CTRL_T);
      terminal.setAttributes(attributes);
    }
    terminal.handle(Terminal.Signal.INT, signal -> shell.cancel());
    while (!shell.quitRequested()) {
      String input;
      try {
        input = reader.readLine(shell.inTransaction() ? TX_PROMPT : PROMPT);
      } catch (UserInterruptException e) {
        continue; // Ctrl-C: forget what was typed
      } catch (EndOfFileException e) {
        break; // Ctrl-D
      }
      shell.runInput(input);
      terminal.flush();
    }
    try {
      reader.getHistory().save();
    } catch (IOException e) {
      shell.warn("cannot save the history to " + historyFile + ": " + e.getMessage());
    }
    return shell.exitCode();
  }

  /**
   * Accepts a line when it is blank (or only comments), a dot command, or SQL that {@link SqlSplitter#isComplete}
   * finds finished; otherwise asks JLine for another line. Splits words for JLine without quote or
   * escape rules, which SQL does not share with shells.
   */
  static final class SqlParser implements Parser {
    private final DefaultParser words = new DefaultParser();

    SqlParser() {
      words.setEscapeChars(new char[0]);
      words.setQuoteChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
      if (context == ParseContext.ACCEPT_LINE && !accepts(line)) {
        throw new EOFError(-1, cursor, "the statement is not finished: end it with ;");
      }
      return words.parse(line, cursor, context == ParseContext.ACCEPT_LINE ? ParseContext.SPLIT_LINE : context);
    }

    static boolean accepts(String text) {
      String s = text.strip();
      return s.isEmpty() || s.startsWith(".") || SqlSplitter.isComplete(text) || SqlSplitter.isBlank(text);
    }

    @Override
    public boolean isEscapeChar(char ch) {
      return false;
    }
  }
}
