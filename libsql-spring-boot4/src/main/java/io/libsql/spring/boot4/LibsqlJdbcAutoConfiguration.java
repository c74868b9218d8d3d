package io.libsql.spring.boot4;

import io.libsql.jdbc.LibsqlDriver;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Boot 4: lets {@code spring.datasource.url=jdbc:libsql:...} work without a driver class name, through
 * a {@link JdbcConnectionDetails} bean naming libsql-jdbc's driver (as the starter does on Boot 3), so
 * that the data source (HikariCP), Flyway and Liquibase are built as usual.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass({DataSource.class, LibsqlDriver.class, JdbcConnectionDetails.class})
@Conditional(LibsqlJdbcAutoConfiguration.OnLibsqlJdbcUrl.class)
@EnableConfigurationProperties(DataSourceProperties.class)
public class LibsqlJdbcAutoConfiguration {
  /** Used by Spring. */
  public LibsqlJdbcAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(JdbcConnectionDetails.class)
  JdbcConnectionDetails libsqlJdbcConnectionDetails(DataSourceProperties properties) {
    return new JdbcConnectionDetails() {
      @Override
      public String getUsername() {
        return properties.getUsername();
      }

      @Override
      public String getPassword() {
        return properties.getPassword();
      }

      @Override
      public String getJdbcUrl() {
        return properties.getUrl();
      }

      @Override
      public String getDriverClassName() {
        return LibsqlDriver.class.getName();
      }
    };
  }

  /** {@code spring.datasource.url} starts with {@code jdbc:libsql:} and no driver class is named. */
  static class OnLibsqlJdbcUrl extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String url = context.getEnvironment().getProperty("spring.datasource.url");
      String driver = context.getEnvironment().getProperty("spring.datasource.driver-class-name");
      if (url == null || !url.startsWith("jdbc:libsql:")) {
        return ConditionOutcome.noMatch("spring.datasource.url is not a jdbc:libsql: URL");
      }
      if (driver != null && !driver.isEmpty()) {
        return ConditionOutcome.noMatch("spring.datasource.driver-class-name is set");
      }
      return ConditionOutcome.match("spring.datasource.url is a jdbc:libsql: URL");
    }
  }
}
