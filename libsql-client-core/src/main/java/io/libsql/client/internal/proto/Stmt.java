package io.libsql.client.internal.proto;

import java.util.List;

/**
 * A statement to execute: either {@code sql} or a stored {@code sqlId}.
 *
 * @param args positional values
 * @param namedArgs named values, names with their prefix ({@code :a}, {@code @a}, {@code $a})
 */
public record Stmt(String sql, Integer sqlId, List<Object> args, List<NamedArg> namedArgs, boolean wantRows) {

  /** A named argument. */
  public record NamedArg(String name, Object value) {}

  public static Stmt sql(String sql, boolean wantRows) {
    return new Stmt(sql, null, List.of(), List.of(), wantRows);
  }
}
