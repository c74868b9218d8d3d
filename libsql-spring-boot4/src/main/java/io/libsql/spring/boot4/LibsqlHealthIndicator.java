package io.libsql.spring.boot4;

import io.libsql.client.Client;
import io.libsql.client.LibsqlException;
import io.libsql.client.Statement;
import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Boot 4's health of the libSQL database: UP when {@code SELECT 1} answers within 5 s, with the
 * transport ({@code file}, {@code ws}, {@code http}); DOWN with the error code otherwise. Never shows
 * the URL or token.
 */
public class LibsqlHealthIndicator extends AbstractHealthIndicator {
  private static final Statement PING = Statement.of("SELECT 1").withTimeout(Duration.ofSeconds(5));

  private final Client client;

  /** @param client the client whose database is checked */
  public LibsqlHealthIndicator(Client client) {
    super("libSQL health check failed");
    this.client = client;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    try {
      client.execute(PING);
      builder.up().withDetail("protocol", client.protocol());
    } catch (LibsqlException e) {
      builder.down().withDetail("protocol", client.protocol()).withDetail("code", e.code());
    }
  }
}
