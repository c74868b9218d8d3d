/** Not API: the Protobuf encoding of Hrana 3 (hrana3-protobuf over WebSocket, {@code /v3-protobuf} over HTTP). */
package io.libsql.client.internal.codec.protobuf;
