package io.libsql.cli;

import io.libsql.client.Client;
import io.libsql.client.Config;
import io.libsql.client.Libsql;
import io.libsql.client.LibsqlException;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

/**
 * {@code libsql [OPTIONS] URL [SQL ...]}: the shell's entry point.
 *
 * <ul>
 *   <li>With SQL arguments, runs each (statements and dot commands) and exits.</li>
 *   <li>Otherwise, on a terminal (or with {@code --interactive}), reads input interactively.</li>
 *   <li>Otherwise runs the script on standard input.</li>
 * </ul>
 *
 * <p>Exit codes: 0 on success, 1 when a statement, command or connection failed (the first failure
 * stops a script), 2 for bad command-line arguments; {@code .exit N} exits with N. The interactive
 * shell reports errors and carries on.
 */
public final class Main {
  static final int EXIT_ERROR = 1;
  static final int EXIT_USAGE = 2;
  static final String TOKEN_ENV = "LIBSQL_AUTH_TOKEN";
  private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

  static final String USAGE = String.join("\n",
      "usage: libsql [OPTIONS] URL [SQL ...]",
      "",
      "Opens the database at URL: file:path (or just a path), libsql://host, ws://host:port,",
      "wss://host, http://host:port or https://host. With SQL arguments, runs them and exits;",
      "with standard input from a file or pipe, runs it as a script; otherwise starts the",
      "interactive shell (enter .help there).",
      "",
      "Options:",
      "  --auth-token TOKEN   the token for a remote database (default: $" + TOKEN_ENV + ");",
      "                       prefer the variable: arguments are visible to other users",
      "  -m, --mode MODE      output mode: table (default), csv, json or line",
      "  -i, --interactive    the interactive shell even when standard input is not a terminal",
      "  -h, --help           this help",
      "  --version            the version",
      "",
      "Exit status: 0 on success, 1 if a statement failed (a script stops at the first error),",
      "2 for bad arguments.");

  private Main() {}

  /**
   * Runs the shell; {@code --help} lists the arguments. Exits with a non-zero status on failure.
   *
   * @param args the command line: {@code [options] URL [SQL ...]}
   */
  public static void main(String[] args) {
    int code = run(args);
    System.exit(code);
  }

  static int run(String[] args) {
    PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), charset()), true);
    String authToken = null;
    String mode = null;
    boolean interactive = false;
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!positional.isEmpty() || !a.startsWith("-") || a.equals("-")) {
        positional.add(a);
        continue;
      }
      String value = null;
      int eq = a.indexOf('=');
      String option = a;
      if (a.startsWith("--") && eq > 0) {
        option = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      switch (option) {
        case "-h":
        case "--help":
          PrintWriter out = stdout();
          out.println(USAGE);
          out.flush();
          return 0;
        case "--version":
          PrintWriter o = stdout();
          o.println("libsql " + version());
          o.flush();
          return 0;
        case "-i":
        case "--interactive":
          interactive = true;
          break;
        case "--auth-token":
        case "-m":
        case "--mode":
          if (value == null) {
            if (i + 1 >= args.length) {
              return usage(err, option + " needs a value");
            }
            value = args[++i];
          }
          if (option.equals("--auth-token")) {
            authToken = value;
          } else {
            mode = value;
          }
          break;
        case "--":
          positional.add(i + 1 < args.length ? args[++i] : "");
          break;
        default:
          return usage(err, "unknown option " + option);
      }
    }
    if (positional.isEmpty() || positional.get(0).isBlank()) {
      return usage(err, "no database URL given");
    }
    if (authToken == null) {
      String env = System.getenv(TOKEN_ENV);
      authToken = env == null || env.isBlank() ? null : env;
    }
    Settings.Mode outputMode;
    try {
      outputMode = mode == null ? Settings.Mode.TABLE : Settings.Mode.parse(mode);
    } catch (ShellException e) {
      return usage(err, e.getMessage());
    }
    String url = positional.get(0);
    if (!HAS_SCHEME.matcher(url).matches()) {
      url = "file:" + url;
    }
    List<String> commands = positional.subList(1, positional.size());

    Config config;
    Client client;
    try {
      config = Config.builder(url).authToken(authToken).build();
      client = Libsql.createClient(config);
    } catch (LibsqlException e) {
      err.println("Error (" + e.code() + "): " + e.getMessage());
      return EXIT_ERROR;
    }
    try (Client c = client) {
      if (!commands.isEmpty()) {
        return runNonInteractive(c, outputMode, err, commands, null);
      }
      if (interactive || System.console() != null) {
        return runInteractive(c, config, outputMode, err);
      }
      return runNonInteractive(c, outputMode, err, null, new InputStreamReader(new FileInputStream(FileDescriptor.in), StandardCharsets.UTF_8));
    } catch (LibsqlException e) {
      err.println("Error (" + e.code() + "): " + e.getMessage());
      return EXIT_ERROR;
    }
  }

  private static int runNonInteractive(Client client, Settings.Mode mode, PrintWriter err, List<String> commands, Reader script) {
    try (Shell shell = new Shell(client, stdout(), err, false)) {
      shell.settings.mode = mode;
      if (commands != null) {
        for (String command : commands) {
          if (!shell.runSource(new StringReader(command), null)) {
            return EXIT_ERROR;
          }
          if (shell.quitRequested()) {
            break;
          }
        }
        return shell.exitCode();
      }
      return shell.runSource(script, "stdin") ? shell.exitCode() : EXIT_ERROR;
    }
  }

  private static int runInteractive(Client client, Config config, Settings.Mode mode, PrintWriter stderr) {
    Terminal terminal;
    try {
      terminal = System.console() != null
          ? TerminalBuilder.builder().system(true).dumb(true).build()
          // --interactive without a terminal (a pipe, a test): a dumb terminal over stdin/stdout.
          : new DumbTerminal("libsql", Terminal.TYPE_DUMB, new FileInputStream(FileDescriptor.in),
              new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
    } catch (IOException e) {
      stderr.println("Error (" + ShellException.IO_ERROR + "): cannot open the terminal: " + e.getMessage());
      return EXIT_ERROR;
    }
    try (Terminal t = terminal) {
      PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), t.encoding()), true);
      try (Shell shell = new Shell(client, t.writer(), err, true)) {
        shell.settings.mode = mode;
        t.writer().println("libsql " + version() + " connected to " + config.redactedUrl() + " (" + client.protocol() + ")");
        t.writer().println("Enter SQL statements ending with \";\", or .help for the commands. Ctrl-D exits.");
        t.flush();
        return Interactive.run(shell, t, Path.of(System.getProperty("user.home"), ".libsql_history"));
      }
    } catch (IOException e) {
      return EXIT_ERROR;
    }
  }

  private static int usage(PrintWriter err, String problem) {
    err.println("libsql: " + problem);
    err.println("Try 'libsql --help' for the usage.");
    return EXIT_USAGE;
  }

  /** Standard output as UTF-8, buffered: scripts and dumps must not depend on the locale. */
  private static PrintWriter stdout() {
    return new PrintWriter(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), charset()), 1 << 16));
  }

  private static Charset charset() {
    return StandardCharsets.UTF_8;
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "(development build)" : v;
  }
}
