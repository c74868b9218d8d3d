package io.libsql.spring.boot;

import io.libsql.client.ClientListener;
import io.libsql.micrometer.MicrometerListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Micrometer and libsql-micrometer present, a {@link MicrometerListener} bean recording into the
 * application's {@link MeterRegistry} (Boot 3.5 and 4.0). The starter gives the application's
 * {@link ClientListener} bean (this one, or one of its own, which takes its place) to the
 * {@code libsql.*} clients and to R2DBC connection factories made from {@code r2dbc:libsql:} URLs.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration"})
@ConditionalOnClass({MeterRegistry.class, MicrometerListener.class, ClientListener.class})
@ConditionalOnBean(MeterRegistry.class)
public class LibsqlMetricsAutoConfiguration {
  /** Used by Spring. */
  public LibsqlMetricsAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(ClientListener.class)
  MicrometerListener libsqlMicrometerListener(MeterRegistry registry) {
    return MicrometerListener.of(registry);
  }
}
