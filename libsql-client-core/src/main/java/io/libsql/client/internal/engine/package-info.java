/** Not API: the engine interface every transport implements, and how one is chosen for a URL. */
package io.libsql.client.internal.engine;
