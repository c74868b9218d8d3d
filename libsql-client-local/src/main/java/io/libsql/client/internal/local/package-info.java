/** Not API: local SQLite files through sqlite-jdbc. */
package io.libsql.client.internal.local;
