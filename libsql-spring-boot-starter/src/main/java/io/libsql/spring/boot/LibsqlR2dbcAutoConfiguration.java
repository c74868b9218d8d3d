package io.libsql.spring.boot;

import io.libsql.client.ClientListener;
import io.libsql.r2dbc.LibsqlConnectionFactoryProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.autoconfigure.r2dbc.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Boot 3: the connection factory Boot makes from an {@code r2dbc:libsql:} {@code spring.r2dbc.url}
 * gets the application's {@link ClientListener} bean (with Micrometer, the
 * {@link LibsqlMetricsAutoConfiguration} one), through
 * {@link LibsqlConnectionFactoryProvider#LISTENER}.
 */
@AutoConfiguration
@ConditionalOnClass({ConnectionFactoryOptionsBuilderCustomizer.class, LibsqlConnectionFactoryProvider.class})
@Conditional(LibsqlR2dbcAutoConfiguration.OnLibsqlR2dbcUrl.class)
public class LibsqlR2dbcAutoConfiguration {
  /** Used by Spring. */
  public LibsqlR2dbcAutoConfiguration() {}

  @Bean
  ConnectionFactoryOptionsBuilderCustomizer libsqlR2dbcListener(ObjectProvider<ClientListener> listener) {
    return options -> listener.ifUnique(l -> options.option(LibsqlConnectionFactoryProvider.LISTENER, l));
  }

  /** {@code spring.r2dbc.url} is an {@code r2dbc:libsql:} URL (pooled or not). */
  static class OnLibsqlR2dbcUrl extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String url = context.getEnvironment().getProperty("spring.r2dbc.url");
      if (url != null && (url.startsWith("r2dbc:libsql:") || url.startsWith("r2dbc:pool:libsql:"))) {
        return ConditionOutcome.match("spring.r2dbc.url is an r2dbc:libsql: URL");
      }
      return ConditionOutcome.noMatch("spring.r2dbc.url is not an r2dbc:libsql: URL");
    }
  }
}
