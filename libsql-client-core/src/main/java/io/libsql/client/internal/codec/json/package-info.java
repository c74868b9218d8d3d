/** Not API: the JSON encoding of Hrana (hrana1-3 over WebSocket, {@code /v2} and {@code /v3} over HTTP). */
package io.libsql.client.internal.codec.json;
