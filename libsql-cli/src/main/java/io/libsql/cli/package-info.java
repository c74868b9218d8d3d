/**
 * The {@code libsql} shell ({@link io.libsql.cli.Main}). Not API: a command-line program over the
 * public {@code io.libsql.client} API only.
 */
package io.libsql.cli;
