/** Not API: result sets and rows held in memory, and the value and vector conversions they use. */
package io.libsql.client.internal.result;
