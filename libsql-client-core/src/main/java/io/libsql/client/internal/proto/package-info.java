/**
 * Not API: Hrana protocol messages as immutable records, shared by every encoding and transport.
 * No I/O and no encoding here. SQL values are plain Java objects: {@code null}, {@code Long},
 * {@code Double}, {@code String} or {@code byte[]}.
 */
package io.libsql.client.internal.proto;
