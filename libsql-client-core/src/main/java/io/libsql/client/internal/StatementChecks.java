package io.libsql.client.internal;

import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import io.libsql.client.Statement;
import io.libsql.client.internal.sql.SqlParameters;
import io.libsql.client.internal.sql.SqlText;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks every engine makes before a statement runs or is sent, so that the same call fails
 * the same way on a local file and on a server: the SQL holds exactly one statement, and the
 * arguments match its parameters (as sqld requires; a local SQLite would bind NULL to a missing
 * one). More than {@value SqlParameters#MAX_PARAMETERS} parameters, SQLite's limit, are refused before sending:
 * sqld 0.24 crashed on such a statement. Not API.
 */
public final class StatementChecks {
  private StatementChecks() {}

  /** Checks each statement of a batch; a failure says which one. Nothing has run. */
  public static void checkAll(List<Statement> statements) {
    for (int i = 0; i < statements.size(); i++) {
      try {
        check(statements.get(i));
      } catch (LibsqlException e) {
        throw e.withStatementIndex(i);
      }
    }
  }

  /**
   * Checks one statement.
   *
   * @throws LibsqlException SQL_NO_STATEMENT (empty, blank or only comments), SQL_MANY_STATEMENTS,
   *     or ARGUMENT_INVALID (argument count or names do not match the parameters)
   */
  public static void check(Statement s) {
    SqlText text = SqlText.of(s.sql());
    int statements = text.statementCount();
    if (statements == 0) {
      throw new LibsqlException(ErrorCode.SQL_NO_STATEMENT,
          "the SQL holds no statement (it is empty, blank or only comments)");
    }
    if (statements > 1) {
      throw new LibsqlException(ErrorCode.SQL_MANY_STATEMENTS, "the SQL holds " + statements
          + " statements where one is expected; run several with batch() or executeMultiple()");
    }
    SqlParameters params = text.parameters();
    int count = params.count();
    if (count > SqlParameters.MAX_PARAMETERS) {
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID, "the statement has " + count
          + " parameters; SQLite takes at most " + SqlParameters.MAX_PARAMETERS + " (split it, or pass the values in a JSON array)");
    }
    Map<String, Object> named = s.namedArgs();
    if (named.isEmpty()) {
      if (s.args().size() != count) {
        throw new LibsqlException(ErrorCode.ARGUMENT_INVALID, "the statement has " + count + " parameter"
            + (count == 1 ? "" : "s") + " but " + s.args().size() + " argument" + (s.args().size() == 1 ? " was" : "s were")
            + " given");
      }
      return;
    }
    Set<String> bound = new HashSet<>();
    for (Map.Entry<String, Object> e : params.resolveNamed(named)) {
      bound.add(e.getKey());
    }
    for (String name : params.indexByName().keySet()) {
      if (!bound.contains(name)) {
        throw new LibsqlException(ErrorCode.ARGUMENT_INVALID, "no value for parameter " + name + "; the named arguments are "
            + named.keySet());
      }
    }
    if (count > params.indexByName().size()) {
      throw new LibsqlException(ErrorCode.ARGUMENT_INVALID,
          "the statement has positional parameters (?) that named arguments cannot bind; use one kind");
    }
  }
}
