package io.libsql.spring.boot.apps;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Boot tests' application (in its own package, so that scanning finds only test components). */
@SpringBootApplication
public class TestApp {}
