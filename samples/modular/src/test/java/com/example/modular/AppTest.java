package com.example.modular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.libsql.client.Client;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libsql-java on the module path: its services are found and its internals are closed. */
class AppTest {
  @Test
  void runsOnTheModulePath() {
    assertEquals("com.example.modular", App.class.getModule().getName());
    assertEquals("io.libsql.client", Client.class.getModule().getName());
  }

  @Test
  void serviceLoaderFindsTheDriverInItsModule() {
    assertTrue(App.drivers().contains("io.libsql.jdbc.LibsqlDriver in io.libsql.jdbc"), App.drivers().toString());
  }

  @Test
  void serviceLoaderFindsTheR2dbcDriverInItsModule() {
    assertEquals(List.of("io.libsql.r2dbc.LibsqlConnectionFactoryProvider in io.libsql.r2dbc"), App.r2dbcDrivers());
  }

  @Test
  void fileUrlWorks(@TempDir Path dir) {
    assertEquals("from a module", App.roundTrip(dir.resolve("m.db").toString()));
  }

  @Test
  void r2dbcFileUrlWorks(@TempDir Path dir) {
    assertEquals("from r2dbc", App.r2dbcRoundTrip(dir.resolve("r.db").toString()));
  }

  @Test
  void internalsAreNotExported() {
    Module core = Client.class.getModule();
    assertTrue(core.isExported("io.libsql.client"));
    assertFalse(core.isExported("io.libsql.client.internal"));
    assertFalse(core.isExported("io.libsql.client.internal.ws"));
    assertEquals("not accessible", App.internalAccess());
  }

  /** The same checks with no test framework around: {@code java --module-path ... -m com.example.modular/...}. */
  @Test
  void startsWithJavaDashM(@TempDir Path dir) throws IOException, InterruptedException {
    String modulePath = System.getProperty("jdk.module.path");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path out = dir.resolve("out.txt");
    Process p = new ProcessBuilder(java.toString(), "--module-path", modulePath,
        "-m", "com.example.modular/com.example.modular.App", dir.resolve("j.db").toString())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "java -m did not finish");
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), lines.toString());
    assertEquals("module com.example.modular", lines.get(0), lines.toString());
    assertTrue(lines.get(1).contains("io.libsql.jdbc.LibsqlDriver in io.libsql.jdbc"), lines.toString());
    assertEquals("r2dbc [io.libsql.r2dbc.LibsqlConnectionFactoryProvider in io.libsql.r2dbc]", lines.get(2),
        lines.toString());
    assertEquals("file from a module", lines.get(3), lines.toString());
    assertEquals("internal not accessible", lines.get(4), lines.toString());
    assertEquals("r2dbc-file from r2dbc", lines.get(5), lines.toString());
  }
}
