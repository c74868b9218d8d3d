/** Not API: database URLs (parsing, redaction) and auth tokens. */
package io.libsql.client.internal.url;
