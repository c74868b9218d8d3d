/** Spring Data R2DBC support: the libSQL dialect, found through {@code META-INF/spring.factories}. */
package io.libsql.r2dbc.spring;
