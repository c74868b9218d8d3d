/**
 * Not API: the one SQL lexer, shared by the client, the JDBC and R2DBC drivers and the shell. It cuts text into
 * tokens as SQLite's tokenizer does, finds where statements end as {@code sqlite3_complete()} does,
 * and tells what a statement is without a parser: its kind, parameters, {@code RETURNING}, and what
 * it does to its connection. May change in any release.
 */
package io.libsql.client.internal.sql;
