package io.libsql.examples.boot4.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Boot 4's {@code @JdbcTest} slice includes the starter's jdbc:libsql: support (no driver class named). */
@JdbcTest(properties = {"spring.flyway.enabled=false", "spring.liquibase.enabled=false"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(classes = Boot4JdbcTest.App.class)
class Boot4JdbcSliceTest {
  @TempDir static Path dir;

  @DynamicPropertySource
  static void file(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:libsql:file:" + dir.resolve("slice.db"));
  }

  @Autowired JdbcTemplate jdbc;

  @Test
  void theSliceRunsOnTheDriver() {
    jdbc.execute("CREATE TABLE t (x INTEGER)");
    jdbc.update("INSERT INTO t VALUES (?)", 7);
    assertThat(jdbc.queryForObject("SELECT x FROM t", Integer.class)).isEqualTo(7);
  }
}
