package io.libsql.client.internal.proto;

import java.util.List;

/** Hrana over HTTP: pipeline and cursor bodies. */
public final class Pipeline {
  private Pipeline() {}

  /** {@code POST /v2|v3/pipeline}: requests on the stream identified by {@code baton} (null opens one). */
  public record Request(String baton, List<io.libsql.client.internal.proto.Request> requests) {}

  /** The pipeline's answer: one result per request, in order. */
  public record Response(String baton, String baseUrl, List<Result> results) {}

  /** One request's outcome: exactly one of {@code response} and {@code error} is non-null. */
  public record Result(io.libsql.client.internal.proto.Response response, HranaError error) {}

  /** {@code POST /v3/cursor}: runs {@code batch} and streams its entries. */
  public record CursorRequest(String baton, Batch batch) {}

  /** The first item of a cursor response body. */
  public record CursorHead(String baton, String baseUrl) {}
}
