/** Not API: the client operations over Hrana, shared by the WebSocket and HTTP transports. */
package io.libsql.client.internal.hrana;
