package io.libsql.jdbc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the driver needs to know about a SQL text without a round trip: the statement kind, how
 * many statements and parameters it holds, whether it has a RETURNING clause, and where it really
 * ends. A small SQLite tokenizer that skips strings, quoted identifiers and comments; immutable.
 */
final class SqlText {
  enum Kind {
    SELECT, INSERT, UPDATE, DELETE, DDL, PRAGMA, TRANSACTION, OTHER;

    /** Statements whose changes() count is their update count. */
    boolean isDml() {
      return this == INSERT || this == UPDATE || this == DELETE;
    }

    /**
     * Statements that may change the schema: DDL, ATTACH, DETACH ... (among OTHER), and ROLLBACK
     * (of a transaction that ran DDL).
     */
    boolean changesSchema() {
      return this == DDL || this == OTHER || this == TRANSACTION;
    }
  }

  private static final int WORD = 0;
  private static final int PUNCT = 1;
  private static final int PARAM = 2;
  private static final int QUOTED = 3;

  /** One token: [start, end) in the text, with its type. */
  private static final class Token {
    final int type;
    final int start;
    final int end;
    final int depth;
    final String upper;

    Token(int type, int start, int end, int depth, String text) {
      this.type = type;
      this.start = start;
      this.end = end;
      this.depth = depth;
      this.upper = type == WORD ? text.toUpperCase(Locale.ROOT) : text;
    }
  }

  private final String sql;
  private final List<Token> tokens;
  private final Kind kind;
  private final int statementCount;
  private final boolean returning;
  private final int parameterCount;
  /** Parameter names by index (null for {@code ?} and {@code ?NNN}); null when there are no named ones. */
  private final String[] parameterNames;
  private final int end;

  private SqlText(String sql) {
    this.sql = sql;
    this.tokens = tokenize(sql);
    this.statementCount = countStatements();
    this.kind = classify();
    this.returning = findReturning();
    this.parameterNames = new String[countParameters()];
    this.parameterCount = parameterNames.length;
    nameParameters();
    this.end = findEnd();
  }

  static SqlText of(String sql) {
    return new SqlText(sql);
  }

  String sql() {
    return sql;
  }

  Kind kind() {
    return kind;
  }

  int statementCount() {
    return statementCount;
  }

  boolean hasReturning() {
    return returning;
  }

  /** SQLite's parameter count: the largest index used ({@code ?}, {@code ?NNN}, {@code :name}...). */
  int parameterCount() {
    return parameterCount;
  }

  /**
   * The parameter names by SQLite index when every parameter is named ({@code :a}, {@code @a},
   * {@code $a}), else null: remote servers bind such parameters by name only.
   */
  String[] namedParameters() {
    if (parameterNames.length == 0) {
      return null;
    }
    for (String n : parameterNames) {
      if (n == null) {
        return null;
      }
    }
    return parameterNames.clone();
  }

  /** The text with a {@code RETURNING} clause for {@code columns} appended (after any comment or ';'). */
  String withReturning(String[] columns) {
    StringBuilder sb = new StringBuilder(sql.length() + 32).append(sql, 0, end).append(" RETURNING ");
    for (int i = 0; i < columns.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(quoteIdentifier(columns[i]));
    }
    return sb.toString();
  }

  static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    int depth = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
        int nl = s.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int close = s.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (c == '\'' || c == '"' || c == '`') {
        int j = i + 1;
        while (j < n) {
          if (s.charAt(j) == c) {
            if (j + 1 < n && s.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        int stop = Math.min(n, j + 1);
        out.add(new Token(QUOTED, i, stop, depth, s.substring(i, stop)));
        i = stop;
      } else if (c == '[') {
        int close = s.indexOf(']', i);
        int stop = close < 0 ? n : close + 1;
        out.add(new Token(QUOTED, i, stop, depth, s.substring(i, stop)));
        i = stop;
      } else if (c == '?') {
        int j = i + 1;
        while (j < n && Character.isDigit(s.charAt(j))) {
          j++;
        }
        out.add(new Token(PARAM, i, j, depth, s.substring(i, j)));
        i = j;
      } else if ((c == ':' || c == '@' || c == '$') && i + 1 < n && isWordChar(s.charAt(i + 1))) {
        int j = i + 1;
        while (j < n && (isWordChar(s.charAt(j)) || s.charAt(j) == '$')) {
          j++;
        }
        out.add(new Token(PARAM, i, j, depth, s.substring(i, j)));
        i = j;
      } else if (isWordChar(c)) {
        int j = i + 1;
        while (j < n && (isWordChar(s.charAt(j)) || s.charAt(j) == '$')) {
          j++;
        }
        out.add(new Token(WORD, i, j, depth, s.substring(i, j)));
        i = j;
      } else {
        if (c == '(') {
          out.add(new Token(PUNCT, i, i + 1, depth, "("));
          depth++;
        } else if (c == ')') {
          depth = Math.max(0, depth - 1);
          out.add(new Token(PUNCT, i, i + 1, depth, ")"));
        } else {
          out.add(new Token(PUNCT, i, i + 1, depth, String.valueOf(c)));
        }
        i++;
      }
    }
    return out;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c > 127;
  }

  /**
   * Counts statements separated by top-level semicolons; a {@code CREATE TRIGGER} body
   * ({@code BEGIN ... END}) keeps its own semicolons.
   */
  private int countStatements() {
    int count = 0;
    boolean inStatement = false;
    boolean trigger = false;
    boolean inBody = false;
    int caseDepth = 0;
    int wordsInStatement = 0;
    boolean create = false;
    for (Token t : tokens) {
      if (t.type == PUNCT && t.upper.equals(";") && !inBody) {
        if (inStatement) {
          count++;
        }
        inStatement = false;
        trigger = false;
        wordsInStatement = 0;
        continue;
      }
      inStatement = true;
      if (t.type != WORD) {
        continue;
      }
      wordsInStatement++;
      if (wordsInStatement == 1) {
        create = t.upper.equals("CREATE");
      } else if (create && wordsInStatement <= 3 && t.upper.equals("TRIGGER")) {
        trigger = true;
      } else if (trigger && !inBody && t.upper.equals("BEGIN")) {
        inBody = true;
        caseDepth = 0;
      } else if (inBody && t.upper.equals("CASE")) {
        caseDepth++;
      } else if (inBody && t.upper.equals("END")) {
        if (caseDepth > 0) {
          caseDepth--;
        } else {
          inBody = false;
        }
      }
    }
    return inStatement ? count + 1 : count;
  }

  private Kind classify() {
    Token first = null;
    for (Token t : tokens) {
      if (t.type == WORD) {
        first = t;
        break;
      }
      if (!(t.type == PUNCT && t.upper.equals("("))) {
        return Kind.OTHER;
      }
    }
    if (first == null) {
      return Kind.OTHER;
    }
    String w = first.upper;
    if (w.equals("WITH")) {
      // The main statement is the first top-level verb after the common table expressions.
      for (Token t : tokens) {
        if (t.type == WORD && t.depth == first.depth && t != first) {
          Kind k = verb(t.upper);
          if (k != null) {
            return k;
          }
        }
      }
      return Kind.SELECT;
    }
    Kind k = verb(w);
    if (k != null) {
      return k;
    }
    switch (w) {
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
      case "EXPLAIN":
        return Kind.SELECT;
      default:
        return Kind.OTHER;
    }
  }

  private static Kind verb(String w) {
    switch (w) {
      case "SELECT":
      case "VALUES":
        return Kind.SELECT;
      case "INSERT":
      case "REPLACE":
        return Kind.INSERT;
      case "UPDATE":
        return Kind.UPDATE;
      case "DELETE":
        return Kind.DELETE;
      default:
        return null;
    }
  }

  private boolean findReturning() {
    for (Token t : tokens) {
      if (t.type == WORD && t.depth == 0 && t.upper.equals("RETURNING")) {
        return true;
      }
    }
    return false;
  }

  private int countParameters() {
    int max = 0;
    Map<String, Integer> named = new HashMap<>();
    for (Token t : tokens) {
      if (t.type != PARAM) {
        continue;
      }
      String text = t.upper;
      if (text.equals("?")) {
        max++;
      } else if (text.startsWith("?")) {
        try {
          max = Math.max(max, Integer.parseInt(text.substring(1)));
        } catch (NumberFormatException e) {
          max++;
        }
      } else if (!named.containsKey(text)) {
        named.put(text, ++max);
      }
    }
    return max;
  }

  private void nameParameters() {
    int next = 0;
    Map<String, Integer> named = new HashMap<>();
    for (Token t : tokens) {
      if (t.type != PARAM) {
        continue;
      }
      String text = t.upper;
      if (text.equals("?")) {
        next++;
      } else if (text.startsWith("?")) {
        try {
          next = Math.max(next, Integer.parseInt(text.substring(1)));
        } catch (NumberFormatException e) {
          next++;
        }
      } else if (!named.containsKey(text)) {
        named.put(text, ++next);
        parameterNames[next - 1] = text;
      }
    }
  }

  /** The offset just after the last real token (before trailing comments, spaces and semicolons). */
  private int findEnd() {
    for (int i = tokens.size() - 1; i >= 0; i--) {
      Token t = tokens.get(i);
      if (!(t.type == PUNCT && t.upper.equals(";"))) {
        return t.end;
      }
    }
    return 0;
  }
}
