package io.libsql.spring.boot.apps.reactive;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The reactive Boot test's application: a repository and a transactional service. */
@SpringBootApplication
public class ReactiveTestApp {}
