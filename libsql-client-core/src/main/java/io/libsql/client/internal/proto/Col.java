package io.libsql.client.internal.proto;

/** A result column; either part may be null. */
public record Col(String name, String decltype) {}
