package io.libsql.client.internal.proto;

import java.util.List;

/** The result of one statement; each row is an array of SQL values, one per column. */
public record StmtResult(List<Col> cols, List<Object[]> rows, long affectedRowCount, Long lastInsertRowid) {}
