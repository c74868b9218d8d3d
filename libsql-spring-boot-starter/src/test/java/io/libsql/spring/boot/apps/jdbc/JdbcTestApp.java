package io.libsql.spring.boot.apps.jdbc;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The JDBC Boot tests' application (in its own package, so that scanning finds only its components). */
@SpringBootApplication
public class JdbcTestApp {}
