package io.libsql.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.libsql.spring.boot.apps.jdbc.JdbcTestApp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The {@code @JdbcTest} slice includes the jdbc:libsql: support (a local file here). */
@JdbcTest(properties = {"spring.flyway.enabled=false", "spring.liquibase.enabled=false"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(classes = JdbcTestApp.class)
class JdbcSliceTest {
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
    assertThat(jdbc.queryForObject("SELECT sqlite_version()", String.class)).isNotBlank();
  }
}
