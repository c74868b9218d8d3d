/**
 * Spring Boot auto-configuration for libSQL: {@code libsql.url} gives {@code Client} and
 * {@code AsyncClient} beans; {@code jdbc:libsql:} data source URLs work without a driver class name;
 * a health indicator and Micrometer metrics when Actuator and Micrometer are present.
 */
package io.libsql.spring.boot;
