/**
 * Part of {@code libsql-spring-boot-starter}: its auto-configurations built on the classes Spring
 * Boot 4 moved ({@code jdbc:libsql:} data sources, the health indicator, the client listener on
 * R2DBC connection factories). Each is guarded by a Boot 4 class, so it stays off on Boot 3, where
 * the starter's own classes do the same. Add the starter, not this artifact.
 */
package io.libsql.spring.boot4;
