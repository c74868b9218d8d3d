package io.libsql.client.internal.proto;

import java.util.List;

/** A successful response to a {@link Request}, one record per request type. */
public sealed interface Response {
  record OpenStream() implements Response {}

  record CloseStream() implements Response {}

  record Execute(StmtResult result) implements Response {}

  record BatchResp(BatchResult result) implements Response {}

  record OpenCursor() implements Response {}

  record CloseCursor() implements Response {}

  record FetchCursor(List<CursorEntry> entries, boolean done) implements Response {}

  record Sequence() implements Response {}

  record Describe(DescribeResult result) implements Response {}

  record StoreSql() implements Response {}

  record CloseSql() implements Response {}

  record GetAutocommit(boolean isAutocommit) implements Response {}
}
