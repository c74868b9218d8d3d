/**
 * The libSQL client API: {@link io.libsql.client.Libsql} creates a {@link io.libsql.client.Client}
 * or {@link io.libsql.client.AsyncClient} for a local file or a remote sqld/Turso database.
 */
package io.libsql.client;
