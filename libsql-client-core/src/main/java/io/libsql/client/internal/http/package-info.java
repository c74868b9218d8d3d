/**
 * Not API: Hrana over HTTP with the JDK {@code HttpClient}: pipelines with batons, cursors, status
 * mapping. See {@link io.libsql.client.internal.http.HttpTransport}.
 */
package io.libsql.client.internal.http;
