package io.libsql.client.internal.proto;

/** An error reported by the server; {@code code} may be null. */
public record HranaError(String message, String code) {}
