package io.libsql.r2dbc;

import io.libsql.client.internal.sql.SqlParameters;
import io.libsql.client.internal.sql.SqlText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The SQL of one R2DBC statement, lexed by the client's lexer: its SQLite statements, each with
 * every parameter written as an explicit {@code ?N}.
 *
 * <p>Parameters are numbered as SQLite numbers them ({@code ?} takes the next index, {@code ?N}
 * takes N, a name takes the next index the first time it appears), except that {@code $N} is a
 * position like {@code ?N}, as R2DBC's and Spring's bind markers mean it: SQLite would treat it as
 * a name numbered by first appearance, which binds {@code SET a = $2 WHERE id = $1} the wrong way
 * round.
 */
final class ParsedSql {
  /**
   * One SQLite statement of the text.
   *
   * @param sql the statement, parameters written {@code ?N}, without a trailing comment
   * @param query whether it reads rows ({@code SELECT}, {@code VALUES}, {@code WITH ... SELECT})
   * @param dml whether its update count counts ({@code INSERT}, {@code REPLACE}, {@code UPDATE},
   *     {@code DELETE}, also after {@code WITH})
   * @param returning whether it has a {@code RETURNING} clause
   */
  record Part(String sql, boolean query, boolean dml, boolean returning) {}

  final List<Part> parts;
  /** The highest parameter index (parameters are 1-based). */
  final int parameterCount;
  private final SqlParameters parameters;

  private ParsedSql(List<Part> parts, SqlParameters parameters) {
    this.parts = parts;
    this.parameters = parameters;
    this.parameterCount = parameters.count();
  }

  static ParsedSql parse(String sql) {
    SqlText text = SqlText.of(sql, ParsedSql::dollarPosition);
    List<String> statements = text.positionalStatements();
    List<Part> parts = new ArrayList<>(statements.size());
    for (String statement : statements) {
      SqlText one = statements.size() == 1 ? text : SqlText.of(statement); // kinds are per statement
      SqlText.Kind kind = one.kind();
      parts.add(new Part(statement, kind == SqlText.Kind.SELECT, kind.isDml(), one.hasReturning()));
    }
    return new ParsedSql(Collections.unmodifiableList(parts), text.parameters());
  }

  /** Named parameters, with their prefix (":a"), to their 1-based index. */
  Map<String, Integer> names() {
    return parameters.indexByName();
  }

  /**
   * The 0-based index a {@code bind(String, ...)} name refers to: a named parameter with or
   * without its prefix ({@code ":a"} or {@code "a"}), or a position written {@code $N}, {@code ?N}.
   *
   * @return the index, or -1 if the SQL has no such parameter
   */
  int indexOf(String name) {
    int i = parameters.indexOf(name);
    if (i == 0 && name.length() > 1 && (name.charAt(0) == '$' || name.charAt(0) == '?') && digits(name)) {
      i = name.length() > 7 ? Integer.MAX_VALUE : Integer.parseInt(name.substring(1));
    }
    return i < 1 || i > parameterCount ? -1 : i - 1;
  }

  /** Reads {@code $N} as the position {@code ?N}; other parameters as written. */
  private static String dollarPosition(String parameter) {
    return parameter.charAt(0) == '$' && digits(parameter) ? "?" + parameter.substring(1) : parameter;
  }

  /** True when everything after the first character is an ASCII digit (and there is something). */
  private static boolean digits(String s) {
    for (int i = 1; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return s.length() > 1;
  }
}
