package io.libsql.client.internal.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What the client, the driver and the shell need to know about SQL text without a parser or a round
 * trip, from one pass of the {@link Lexer}: where its statements end, the kind of the first one,
 * its parameters, whether it has a {@code RETURNING} clause, whether it certainly only reads, and
 * what it does to the connection (transaction control, session state). Text outside strings,
 * quoted names and comments counts; an unterminated string or comment runs to the end.
 *
 * <p>Immutable and thread-safe.
 */
public final class SqlText {
  /** The kind of a statement, by its main keyword. */
  public enum Kind {
    /** SELECT, VALUES, WITH ... SELECT, EXPLAIN. */
    SELECT,
    /** INSERT or REPLACE (also after WITH). */
    INSERT,
    /** UPDATE (also after WITH). */
    UPDATE,
    /** DELETE (also after WITH). */
    DELETE,
    /** CREATE, DROP, ALTER. */
    DDL,
    /** PRAGMA. */
    PRAGMA,
    /** BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT, RELEASE. */
    TRANSACTION,
    /** Anything else (ATTACH, DETACH, VACUUM, ANALYZE, REINDEX...) or no statement. */
    OTHER;

    /**
     * Statements whose {@code changes()} count is their update count.
     *
     * @return true for INSERT, UPDATE and DELETE
     */
    public boolean isDml() {
      return this == INSERT || this == UPDATE || this == DELETE;
    }

    /**
     * Statements that may change the schema: DDL, ATTACH, DETACH ... (among OTHER), and ROLLBACK
     * (of a transaction that ran DDL).
     *
     * @return true for DDL, OTHER and TRANSACTION
     */
    public boolean changesSchema() {
      return this == DDL || this == OTHER || this == TRANSACTION;
    }
  }

  /** What a statement does to the transaction state of its connection. */
  public enum Transaction {
    /** Not a transaction-control statement. */
    NONE,
    /** BEGIN [DEFERRED | IMMEDIATE | EXCLUSIVE] [TRANSACTION]. */
    BEGIN,
    /** COMMIT or END [TRANSACTION]. */
    COMMIT,
    /** ROLLBACK [TRANSACTION] without TO: ends the transaction. */
    ROLLBACK,
    /** ROLLBACK [TRANSACTION] TO [SAVEPOINT] name: the transaction stays open. */
    ROLLBACK_TO,
    /** SAVEPOINT name (begins a transaction outside one). */
    SAVEPOINT,
    /** RELEASE [SAVEPOINT] name. */
    RELEASE
  }

  /** Words that make a statement after SELECT, VALUES or WITH possibly write (unless called as a function). */
  private static final Set<String> WRITING = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "UPSERT", "RETURNING",
      "CREATE", "DROP", "ALTER", "ATTACH", "DETACH", "PRAGMA", "VACUUM", "REINDEX", "ANALYZE", "BEGIN", "COMMIT",
      "ROLLBACK", "SAVEPOINT", "RELEASE");

  private final String sql;
  /** The tokens other than whitespace and comments: type, bounds, and the statement each belongs to. */
  private final int[] types;
  private final int[] starts;
  private final int[] ends;
  private final int[] statementOf;
  private final int size;
  /**
   * Each statement's text bounds (without its ending semicolon) and its first token; statements of
   * only comments are not counted.
   */
  private final List<int[]> statements;
  /** The text ends with a complete statement, as {@code sqlite3_complete()} decides. */
  private final boolean complete;
  private final SqlParameters parameters;

  private SqlText(String sql, UnaryOperator<String> alias) {
    this.sql = sql;
    Tokens tokens = new Tokens();
    List<int[]> found = new ArrayList<>(1);
    List<String> params = null;
    Lexer lexer = new Lexer(sql);
    Boundaries boundaries = new Boundaries();
    int pieceStart = 0;
    boolean content = false;
    boolean terminated = true;
    int firstToken = -1;
    while (lexer.next(true)) {
      boolean ends = boundaries.endsStatement(lexer);
      int t = lexer.type();
      terminated = lexer.terminated();
      if (t == Lexer.SPACE || t == Lexer.COMMENT) {
        continue;
      }
      if (firstToken < 0) {
        firstToken = tokens.size;
      }
      tokens.add(t, lexer.start(), lexer.end(), found.size());
      if (t == Lexer.PARAMETER) {
        if (params == null) {
          params = new ArrayList<>();
        }
        params.add(alias.apply(sql.substring(lexer.start(), lexer.end())));
      }
      if (t != Lexer.SEMICOLON) {
        content = true;
      } else if (ends) {
        if (content) {
          found.add(new int[] {pieceStart, lexer.start(), firstToken});
        }
        pieceStart = lexer.end();
        content = false;
        firstToken = -1;
      }
    }
    if (content) {
      found.add(new int[] {pieceStart, sql.length(), firstToken});
    }
    this.types = tokens.types;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.statementOf = tokens.statementOf;
    this.size = tokens.size;
    this.statements = found;
    this.complete = terminated && boundaries.atStart();
    this.parameters = SqlParameters.of(params == null ? List.of() : params);
  }

  /**
   * Lexes {@code sql}.
   *
   * @param sql the text, one statement or several
   * @return its facts
   */
  public static SqlText of(String sql) {
    return new SqlText(sql, UnaryOperator.identity());
  }

  /**
   * Lexes {@code sql}, reading each parameter as {@code alias} renames it: a driver whose bind
   * markers {@code $1, $2...} are positions, where SQLite reads them as names, reads {@code $1} as
   * {@code ?1}. The alias decides {@link #parameters()} and {@link #positionalStatements()}.
   *
   * @param sql the text, one statement or several
   * @param alias takes a parameter as written ({@code ?}, {@code ?NNN}, {@code :a}, {@code @a},
   *     {@code $a}) and returns one of these forms
   * @return its facts
   */
  public static SqlText of(String sql, UnaryOperator<String> alias) {
    return new SqlText(sql, alias);
  }

  /**
   * Splits a script into its statements, stripped and without the separating semicolons;
   * statements that hold only whitespace and comments are dropped. An unterminated string, comment
   * or trigger runs to the end of the script (SQLite then reports the error).
   *
   * @param sql a script
   * @return its statements, in order
   */
  public static List<String> split(String sql) {
    return of(sql).statements();
  }

  /**
   * The text as given.
   *
   * @return the SQL
   */
  public String sql() {
    return sql;
  }

  /**
   * The statements, as {@link #split} returns them.
   *
   * @return the statements, in order
   */
  public List<String> statements() {
    List<String> out = new ArrayList<>(statements.size());
    for (int[] s : statements) {
      out.add(strip(sql, s[0], s[1]));
    }
    return out;
  }

  /**
   * The statements as {@link #statements} gives them, but each ending at its last token (without a
   * trailing comment, so that a clause can be appended) and with every parameter written
   * {@code ?N}, N its index in {@link #parameters()}: text that SQLite binds by position as these
   * parameters say, whatever names (or alias) they had.
   *
   * @return the statements, in order
   */
  public List<String> positionalStatements() {
    List<String> out = new ArrayList<>(statements.size());
    int j = 0;
    int k = 0; // parameters passed, in order of appearance
    for (int[] s : statements) {
      while (j < size && starts[j] < s[0]) {
        j++; // the semicolons of empty statements
      }
      int at = s[0];
      while (at < s[1] && Lexer.isSpace(sql.charAt(at))) {
        at++;
      }
      StringBuilder sb = new StringBuilder(s[1] - at + 8);
      int last = at;
      for (; j < size && starts[j] < s[1]; j++) {
        if (types[j] == Lexer.PARAMETER) {
          sb.append(sql, at, starts[j]).append('?').append(parameters.indexAt(k++));
          at = ends[j];
        }
        last = ends[j];
      }
      out.add(sb.append(sql, at, last).toString());
    }
    return out;
  }

  /**
   * How many statements the text holds (not counting empty ones).
   *
   * @return the statement count
   */
  public int statementCount() {
    return statements.size();
  }

  /**
   * True when the text ends with a complete statement as {@code sqlite3_complete()} decides: the
   * last token outside comments is a semicolon that ends a statement, and no string or comment is
   * left open.
   *
   * @return whether the text is complete
   */
  public boolean isComplete() {
    return complete;
  }

  /**
   * The first keyword of the first statement, upper-case, after any {@code (} and empty statements;
   * for a statement that starts with something else, that token's first character; empty when
   * there is no statement.
   *
   * @return the first keyword
   */
  public String firstWord() {
    int i = first(0);
    if (i < 0) {
      return "";
    }
    return types[i] == Lexer.WORD ? word(i) : String.valueOf(sql.charAt(starts[i]));
  }

  /**
   * The first statement's main keyword: its {@link #firstWord}, except that after {@code WITH} it
   * is the keyword of the statement that follows the common table expressions ({@code SELECT},
   * {@code VALUES}, {@code INSERT}, {@code REPLACE}, {@code UPDATE}, {@code DELETE}), or
   * {@code WITH} if none follows.
   *
   * @return the main keyword, upper-case
   */
  public String verb() {
    String first = firstWord();
    if (!first.equals("WITH")) {
      return first;
    }
    int i = first(0);
    int depth = 0;
    for (int j = i + 1; j < size && statementOf[j] == 0; j++) {
      if (types[j] == Lexer.OPEN) {
        depth++;
      } else if (types[j] == Lexer.CLOSE) {
        depth--;
      } else if (depth == 0 && types[j] == Lexer.WORD) {
        String w = word(j);
        switch (w) {
          case "SELECT":
          case "VALUES":
          case "INSERT":
          case "REPLACE":
          case "UPDATE":
          case "DELETE":
            return w;
          default:
            break;
        }
      }
    }
    return first;
  }

  /**
   * The first statement's kind, by its {@link #verb}.
   *
   * @return the kind
   */
  public Kind kind() {
    switch (verb()) {
      case "SELECT":
      case "VALUES":
      case "WITH":
      case "EXPLAIN":
        return Kind.SELECT;
      case "INSERT":
      case "REPLACE":
        return Kind.INSERT;
      case "UPDATE":
        return Kind.UPDATE;
      case "DELETE":
        return Kind.DELETE;
      case "CREATE":
      case "DROP":
      case "ALTER":
        return Kind.DDL;
      case "PRAGMA":
        return Kind.PRAGMA;
      case "BEGIN":
      case "COMMIT":
      case "END":
      case "ROLLBACK":
      case "SAVEPOINT":
      case "RELEASE":
        return Kind.TRANSACTION;
      default:
        return Kind.OTHER;
    }
  }

  /**
   * The first {@code max} tokens of the first statement (without its semicolon): words upper-case,
   * anything else as its text.
   *
   * @param max how many tokens at most
   * @return the tokens
   */
  public List<String> tokens(int max) {
    List<String> out = new ArrayList<>(Math.min(max, 8));
    int i = 0;
    while (i < size && types[i] == Lexer.SEMICOLON && statementOf[i] == 0) {
      i++;
    }
    int end = statements.isEmpty() ? 0 : statements.get(0)[1];
    for (; i < size && starts[i] < end && out.size() < max; i++) {
      out.add(types[i] == Lexer.WORD ? word(i) : sql.substring(starts[i], ends[i]));
    }
    return out;
  }

  /**
   * True when the text has a {@code RETURNING} keyword outside parentheses.
   *
   * @return whether a RETURNING clause is there
   */
  public boolean hasReturning() {
    int depth = 0;
    for (int i = 0; i < size; i++) {
      if (types[i] == Lexer.OPEN) {
        depth++;
      } else if (types[i] == Lexer.CLOSE) {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0 && isWord(i, "RETURNING")) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the text certainly only reads, so that it can be sent again after its connection was
   * lost: it is one statement that starts with {@code SELECT}, {@code VALUES} or {@code WITH} in
   * which no word could make it write ({@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code
   * REPLACE} unless it calls the function, {@code RETURNING}, DDL, {@code PRAGMA}, {@code ATTACH},
   * transaction control...), or it starts with {@code EXPLAIN} (which never runs what it explains).
   * Errs towards "not certain".
   *
   * @return whether the text certainly only reads
   */
  public boolean certainlyReadOnly() {
    if (size == 0 || types[0] != Lexer.WORD) {
      return false;
    }
    String first = word(0);
    if (first.equals("EXPLAIN")) {
      return true;
    }
    if (!first.equals("SELECT") && !first.equals("VALUES") && !first.equals("WITH")) {
      return false;
    }
    for (int i = 1; i < size; i++) {
      if (types[i] == Lexer.SEMICOLON) {
        return i == size - 1; // anything after it is a second statement
      }
      if (types[i] == Lexer.WORD && WRITING.contains(word(i)) && !(i + 1 < size && types[i + 1] == Lexer.OPEN)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The worst effect of any of the statements on their connection.
   *
   * @return the effect
   */
  public Effect effect() {
    Effect e = Effect.NONE;
    for (int s = 0; s < statements.size() && e != Effect.SESSION; s++) {
      e = e.max(effect(s));
    }
    return e;
  }

  private Effect effect(int s) {
    int i = first(s);
    if (i < 0 || types[i] != Lexer.WORD) {
      return Effect.NONE;
    }
    switch (word(i)) {
      case "BEGIN":
      case "COMMIT":
      case "END":
      case "ROLLBACK":
      case "SAVEPOINT":
      case "RELEASE":
        return Effect.TRANSACTION;
      case "PRAGMA":
      case "ATTACH":
      case "DETACH":
        return Effect.SESSION;
      case "CREATE":
        if (isWord(i + 1, "TEMP") || isWord(i + 1, "TEMPORARY")) {
          return Effect.SESSION;
        }
        // CREATE TABLE temp.x / "temp".x / [temp].x (and views, triggers, indexes) make temporary objects too
        for (int j = i + 1; j + 1 < size && statementOf[j] == s; j++) {
          if ((types[j] == Lexer.WORD || types[j] == Lexer.NAME) && upper(unquoted(j)).equals("TEMP")
              && types[j + 1] == Lexer.OTHER && sql.charAt(starts[j + 1]) == '.') {
            return Effect.SESSION;
          }
        }
        return Effect.NONE;
      default:
        return Effect.NONE;
    }
  }

  /**
   * True for a {@code PRAGMA} that sets a value ({@code PRAGMA name = value}), which changes the
   * connection, where {@code PRAGMA name} only reads.
   *
   * @return whether the first statement assigns a pragma
   */
  public boolean isPragmaAssignment() {
    int i = first(0);
    if (i < 0 || !isWord(i, "PRAGMA")) {
      return false;
    }
    for (int j = i + 1; j < size && statementOf[j] == 0; j++) {
      if (types[j] == Lexer.OTHER && sql.charAt(starts[j]) == '=') {
        return true;
      }
    }
    return false;
  }

  /**
   * What the first statement does to the transaction state.
   *
   * @return the transaction action, {@link Transaction#NONE} for other statements
   */
  public Transaction transaction() {
    int i = first(0);
    if (i < 0 || types[i] != Lexer.WORD) {
      return Transaction.NONE;
    }
    switch (word(i)) {
      case "BEGIN":
        return Transaction.BEGIN;
      case "COMMIT":
      case "END":
        return Transaction.COMMIT;
      case "ROLLBACK":
        int j = isWord(i + 1, "TRANSACTION") ? i + 2 : i + 1;
        return isWord(j, "TO") ? Transaction.ROLLBACK_TO : Transaction.ROLLBACK;
      case "SAVEPOINT":
        return Transaction.SAVEPOINT;
      case "RELEASE":
        return Transaction.RELEASE;
      default:
        return Transaction.NONE;
    }
  }

  /**
   * The savepoint the first statement names ({@code SAVEPOINT x}, {@code RELEASE [SAVEPOINT] x},
   * {@code ROLLBACK [TRANSACTION] TO [SAVEPOINT] x}), unquoted and lower-case (SQLite compares
   * them case-insensitively); empty for other statements.
   *
   * @return the savepoint name, or ""
   */
  public String savepointName() {
    int i = first(0);
    int j;
    switch (transaction()) {
      case SAVEPOINT:
        j = i + 1;
        break;
      case RELEASE:
        j = isWord(i + 1, "SAVEPOINT") && i + 2 < size && statementOf[i + 2] == 0 && types[i + 2] != Lexer.SEMICOLON
            ? i + 2 : i + 1;
        break;
      case ROLLBACK_TO:
        j = (isWord(i + 1, "TRANSACTION") ? i + 3 : i + 2);
        j = isWord(j, "SAVEPOINT") && j + 1 < size && statementOf[j + 1] == 0 && types[j + 1] != Lexer.SEMICOLON
            ? j + 1 : j;
        break;
      default:
        return "";
    }
    if (j >= size || statementOf[j] != 0) {
      return "";
    }
    int t = types[j];
    if (t != Lexer.WORD && t != Lexer.NAME && t != Lexer.STRING) {
      return "";
    }
    return unquoted(j).toLowerCase(Locale.ROOT);
  }

  /**
   * The parameters of the whole text, numbered as SQLite numbers them.
   *
   * @return the parameters
   */
  public SqlParameters parameters() {
    return parameters;
  }

  /**
   * SQLite's parameter count: the largest index used.
   *
   * @return the parameter count
   */
  public int parameterCount() {
    return parameters().count();
  }

  /**
   * The parameter names by SQLite index (0-based here) when every parameter is named ({@code :a},
   * {@code @a}, {@code $a}), else null: remote servers bind such parameters by name only.
   *
   * @return the names with their prefix, or null
   */
  public String[] namedParameters() {
    return parameters().namesIfAllNamed();
  }

  /**
   * The text with a {@code RETURNING} clause for {@code columns} appended after its last token
   * (before any trailing comment, whitespace or semicolon).
   *
   * @param columns the column names, quoted here
   * @return the new text
   */
  public String withReturning(String[] columns) {
    int end = 0;
    for (int i = size - 1; i >= 0; i--) {
      if (types[i] != Lexer.SEMICOLON) {
        end = ends[i];
        break;
      }
    }
    StringBuilder sb = new StringBuilder(sql.length() + 32).append(sql, 0, end).append(" RETURNING ");
    for (int i = 0; i < columns.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(quoteIdentifier(columns[i]));
    }
    return sb.toString();
  }

  /**
   * Quotes a name as an SQL identifier.
   *
   * @param name the name
   * @return {@code "name"}, with {@code "} doubled
   */
  public static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  @Override
  public String toString() {
    return "SqlText[" + statements.size() + " statements, " + firstWord() + "]";
  }

  /** The first token of statement {@code s} after empty statements and {@code (}, or -1. */
  private int first(int s) {
    if (s >= statements.size()) {
      return -1;
    }
    for (int i = statements.get(s)[2]; i < size && statementOf[i] == s; i++) {
      if (types[i] != Lexer.SEMICOLON && types[i] != Lexer.OPEN) {
        return i;
      }
    }
    return -1;
  }

  private boolean isWord(int i, String keyword) {
    if (i < 0 || i >= size || types[i] != Lexer.WORD || ends[i] - starts[i] != keyword.length()) {
      return false;
    }
    for (int k = 0; k < keyword.length(); k++) {
      char c = sql.charAt(starts[i] + k);
      if (c != keyword.charAt(k) && c - 32 != keyword.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private String word(int i) {
    return upper(sql.substring(starts[i], ends[i]));
  }

  /** A word as written, or a quoted name or string without its quotes (doubled quotes made single). */
  private String unquoted(int i) {
    int s = starts[i];
    int e = ends[i];
    if (types[i] == Lexer.WORD) {
      return sql.substring(s, e);
    }
    char open = sql.charAt(s);
    char close = open == '[' ? ']' : open;
    int stop = e > s + 1 && sql.charAt(e - 1) == close ? e - 1 : e;
    String inner = sql.substring(s + 1, stop);
    return close == ']' ? inner : inner.replace(String.valueOf(close) + close, String.valueOf(close));
  }

  /**
   * The text between {@code start} and {@code end} without SQLite's whitespace around it (only
   * the five characters SQLite skips: others, such as U+2003, are part of an identifier to it).
   */
  static String strip(CharSequence text, int start, int end) {
    while (start < end && Lexer.isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && Lexer.isSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.subSequence(start, end).toString();
  }

  /** SQLite folds the case of ASCII letters only. */
  static String upper(String s) {
    char[] cs = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        if (cs == null) {
          cs = s.toCharArray();
        }
        cs[i] = (char) (c - 32);
      }
    }
    return cs == null ? s : new String(cs);
  }

  /** The tokens as they are found. */
  private static final class Tokens {
    int[] types = new int[16];
    int[] starts = new int[16];
    int[] ends = new int[16];
    int[] statementOf = new int[16];
    int size;

    void add(int type, int start, int end, int statement) {
      if (size == types.length) {
        int n = size * 2;
        types = Arrays.copyOf(types, n);
        starts = Arrays.copyOf(starts, n);
        ends = Arrays.copyOf(ends, n);
        statementOf = Arrays.copyOf(statementOf, n);
      }
      types[size] = type;
      starts[size] = start;
      ends[size] = end;
      statementOf[size] = statement;
      size++;
    }
  }
}
