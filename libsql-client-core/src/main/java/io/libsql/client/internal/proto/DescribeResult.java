package io.libsql.client.internal.proto;

import java.util.List;

/** What the server parsed from a statement: parameter names (null for positional), columns, kind. */
public record DescribeResult(List<String> params, List<Col> cols, boolean isExplain, boolean isReadonly) {}
