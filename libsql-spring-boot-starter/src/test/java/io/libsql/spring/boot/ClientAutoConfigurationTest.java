package io.libsql.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.libsql.client.AsyncClient;
import io.libsql.client.Client;
import io.libsql.client.ClientListener;
import io.libsql.micrometer.MicrometerListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code libsql.*} properties give client beans, metrics and health; the context closes the clients. */
class ClientAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(LibsqlMetricsAutoConfiguration.class, LibsqlAutoConfiguration.class));

  @Test
  void noUrlNoBeans() {
    runner.run(context -> assertThat(context).doesNotHaveBean(Client.class).doesNotHaveBean(AsyncClient.class));
  }

  @Test
  void remoteClientsWithMetricsAndHealthClosedWithTheContext() {
    Client[] client = new Client[1];
    AsyncClient[] async = new AsyncClient[1];
    runner.withPropertyValues("libsql.url=" + Sqld.get().wsUrl(), "libsql.request-timeout=30s",
            "libsql.connect-timeout=10s")
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(context -> {
          client[0] = context.getBean(Client.class);
          async[0] = context.getBean(AsyncClient.class);
          assertThat(client[0].execute("SELECT 41 + 1").rows().get(0).getLong(0)).isEqualTo(42L);
          assertThat(async[0].execute("SELECT 1").join().size()).isEqualTo(1);
          assertThat(context.getBean(ClientListener.class)).isInstanceOf(MicrometerListener.class);
          assertThat(context.getBean(MeterRegistry.class).find("libsql.client.calls").timer().count()).isGreaterThan(0);
          Health health = context.getBean(LibsqlHealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsEntry("protocol", "ws");
        });
    assertThat(client[0].isClosed()).isTrue();
    assertThat(async[0].isClosed()).isTrue();
  }

  @Test
  void healthIsDownWhenTheServerIsGone(@TempDir Path dir) throws Exception {
    // A port that nothing listens on: the client fails to connect.
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    runner.withPropertyValues("libsql.url=http://127.0.0.1:" + port, "libsql.connect-timeout=2s")
        .run(context -> {
          Health health = context.getBean(LibsqlHealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.getDetails()).containsEntry("code", "CONNECTION_FAILED");
        });
  }

  @Test
  void localFileWithoutMicrometer(@TempDir Path dir) {
    Path db = dir.resolve("app.db");
    runner.withPropertyValues("libsql.url=file:" + db)
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(context -> {
          assertThat(context).doesNotHaveBean(ClientListener.class);
          context.getBean(Client.class).execute("CREATE TABLE t(x)");
          assertThat(Files.exists(db)).isTrue();
        });
  }
}
