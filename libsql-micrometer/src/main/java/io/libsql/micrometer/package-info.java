/** Micrometer metrics for libsql-client: {@link io.libsql.micrometer.MicrometerListener}. */
package io.libsql.micrometer;
