/**
 * Not API: Hrana message encodings behind {@link io.libsql.client.internal.codec.HranaCodec}, one
 * per wire encoding ({@code json}, {@code protobuf}), picked once at connect through
 * {@link io.libsql.client.internal.codec.HranaCodecs}. Codecs never see a socket. May change in any
 * release.
 */
package io.libsql.client.internal.codec;
