/**
 * Not API: Hrana over the JDK's {@code java.net.http.WebSocket}: one socket per client, many
 * streams on it, requests pipelined and matched by id. Entry point: {@link
 * io.libsql.client.internal.ws.WsTransport}.
 */
package io.libsql.client.internal.ws;
