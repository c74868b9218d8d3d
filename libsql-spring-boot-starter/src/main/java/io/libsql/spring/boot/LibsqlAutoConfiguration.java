package io.libsql.spring.boot;

import io.libsql.client.AsyncClient;
import io.libsql.client.Client;
import io.libsql.client.ClientListener;
import io.libsql.client.Config;
import io.libsql.client.Libsql;
import io.libsql.micrometer.MicrometerListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code libsql.url} set: a {@link Config}, a {@link Client} and an {@link AsyncClient} bean
 * (both closed with the context); with Micrometer and libsql-micrometer present, the clients record
 * into the application's {@link MeterRegistry}; with Actuator, a {@code libsql} health indicator.
 * Each bean backs off when the application defines its own.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration"})
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

  /** Binds the clients' calls, connections and syncs to Micrometer. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, MicrometerListener.class})
  @ConditionalOnBean(MeterRegistry.class)
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean(ClientListener.class)
    MicrometerListener libsqlMicrometerListener(MeterRegistry registry) {
      return MicrometerListener.of(registry);
    }
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
