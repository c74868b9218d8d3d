package io.libsql.client.internal.sql;

/**
 * Where statements end, by {@code sqlite3_complete()}'s state machine (SQLite's {@code complete.c}):
 * a semicolon ends a statement except inside the body of {@code [EXPLAIN] CREATE [TEMP] TRIGGER},
 * which ends at a semicolon after an {@code END} that follows a semicolon. Fed one token at a time.
 */
final class Boundaries {
  private static final int TK_SEMI = 0;
  private static final int TK_WS = 1;
  private static final int TK_OTHER = 2;
  private static final int TK_EXPLAIN = 3;
  private static final int TK_CREATE = 4;
  private static final int TK_TEMP = 5;
  private static final int TK_TRIGGER = 6;
  private static final int TK_END = 7;

  /** The state just after a statement ended (or before any token). */
  private static final int START = 1;

  private static final byte[][] TRANS = {
    /*               SEMI WS OTHER EXPLAIN CREATE TEMP TRIGGER END */
    /* 0 INVALID */ {1, 0, 2, 3, 4, 2, 2, 2},
    /* 1 START   */ {1, 1, 2, 3, 4, 2, 2, 2},
    /* 2 NORMAL  */ {1, 2, 2, 2, 2, 2, 2, 2},
    /* 3 EXPLAIN */ {1, 3, 3, 2, 4, 2, 2, 2},
    /* 4 CREATE  */ {1, 4, 2, 2, 2, 4, 5, 2},
    /* 5 TRIGGER */ {6, 5, 5, 5, 5, 5, 5, 5},
    /* 6 SEMI    */ {6, 6, 5, 5, 5, 5, 5, 7},
    /* 7 END     */ {1, 7, 5, 5, 5, 5, 5, 5},
  };

  private int state;

  /** Takes the lexer's current token; true when it is a semicolon that ends a statement. */
  boolean endsStatement(Lexer lexer) {
    int t = lexer.type();
    int token;
    if (t == Lexer.SEMICOLON) {
      token = TK_SEMI;
    } else if (t == Lexer.SPACE || t == Lexer.COMMENT) {
      token = TK_WS;
    } else if (t != Lexer.WORD) {
      token = TK_OTHER;
    } else {
      token = keyword(lexer);
    }
    state = TRANS[state][token];
    return token == TK_SEMI && state == START;
  }

  private static int keyword(Lexer lexer) {
    switch (lexer.end() - lexer.start()) {
      case 3:
        return lexer.is("END") ? TK_END : TK_OTHER;
      case 4:
        return lexer.is("TEMP") ? TK_TEMP : TK_OTHER;
      case 6:
        return lexer.is("CREATE") ? TK_CREATE : TK_OTHER;
      case 7:
        return lexer.is("TRIGGER") ? TK_TRIGGER : lexer.is("EXPLAIN") ? TK_EXPLAIN : TK_OTHER;
      case 9:
        return lexer.is("TEMPORARY") ? TK_TEMP : TK_OTHER;
      default:
        return TK_OTHER;
    }
  }

  /** True between statements: what was fed ends with a complete statement or holds none. */
  boolean atStart() {
    return state == START;
  }
}
