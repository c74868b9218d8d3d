package io.libsql.spring.boot4;

import io.libsql.client.Client;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Boot 4: {@code /actuator/health} reports the database of the starter's {@code Client} bean (a
 * {@code SELECT 1}) as its {@code libsql} component.
 */
@AutoConfiguration(afterName = "io.libsql.spring.boot.LibsqlAutoConfiguration")
@ConditionalOnClass({HealthIndicator.class, Client.class})
@ConditionalOnBean(Client.class)
@ConditionalOnEnabledHealthIndicator("libsql")
public class LibsqlHealthAutoConfiguration {
  /** Used by Spring. */
  public LibsqlHealthAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(name = "libsqlHealthIndicator")
  LibsqlHealthIndicator libsqlHealthIndicator(Client client) {
    return new LibsqlHealthIndicator(client);
  }
}
