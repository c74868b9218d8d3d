/** Not API: one call in flight (deadline, stop, listener) and the futures and timers around it. */
package io.libsql.client.internal.call;
