/**
 * Not API: the implementation of the public interfaces (clients, sessions, transactions), which
 * hands each call to an engine. May change in any release.
 */
package io.libsql.client.internal;
