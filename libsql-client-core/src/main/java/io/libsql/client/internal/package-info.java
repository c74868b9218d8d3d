/** Not API: the engines behind the public interfaces. May change in any release. */
package io.libsql.client.internal;
