package io.libsql.spring.boot;

import io.libsql.client.AsyncClient;
import io.libsql.client.Client;
import io.libsql.client.ClientListener;
import io.libsql.client.Config;
import io.libsql.client.Libsql;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code libsql.url} set: a {@link Config}, a {@link Client} and an {@link AsyncClient} bean
 * (both closed with the context), given the application's {@link ClientListener} bean if it has
 * one (see {@link LibsqlMetricsAutoConfiguration}); with Actuator, a {@code libsql} health indicator
 * (Boot 3; on Boot 4 libsql-spring-boot4 gives it).
 * Each bean backs off when the application defines its own.
 */
@AutoConfiguration(after = LibsqlMetricsAutoConfiguration.class)
@ConditionalOnClass(Client.class)
@ConditionalOnProperty(prefix = "libsql", name = "url")
@EnableConfigurationProperties(LibsqlProperties.class)
public class LibsqlAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean
  Config libsqlConfig(LibsqlProperties properties, ObjectProvider<ClientListener> listener) {
    Config.Builder config = Config.builder(properties.getUrl());
    if (properties.getAuthToken() != null && !properties.getAuthToken().isEmpty()) {
      config.authToken(properties.getAuthToken());
    }
    if (properties.getConnectTimeout() != null) {
      config.connectTimeout(properties.getConnectTimeout());
    }
    if (properties.getRequestTimeout() != null) {
      config.requestTimeout(properties.getRequestTimeout());
    }
    listener.ifUnique(config::listener);
    return config.build();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Client libsqlClient(Config config) {
    return Libsql.createClient(config);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  AsyncClient libsqlAsyncClient(Config config) {
    return Libsql.createAsyncClient(config);
  }

  /** {@code /actuator/health} reports the database: a {@code SELECT 1} through the client. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnEnabledHealthIndicator("libsql")
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "libsqlHealthIndicator")
    LibsqlHealthIndicator libsqlHealthIndicator(Client client) {
      return new LibsqlHealthIndicator(client);
    }
  }
}
