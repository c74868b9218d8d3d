package io.libsql.spring.boot;

import com.zaxxer.hikari.HikariDataSource;
import io.libsql.client.ClientListener;
import io.libsql.jdbc.LibsqlDataSource;
import io.libsql.jdbc.LibsqlDriver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The HikariCP pool Boot builds from a {@code jdbc:libsql:} {@code spring.datasource.url} gets the
 * application's {@link ClientListener} bean (with Micrometer, the
 * {@link LibsqlMetricsAutoConfiguration} one), on Boot 3.5 and 4.0. A listener is an object, which
 * a JDBC URL or Hikari's string properties cannot carry, so the pool is given a
 * {@link LibsqlDataSource} with the same URL, properties and password, and the listener.
 */
@AutoConfiguration
@ConditionalOnClass({HikariDataSource.class, LibsqlDataSource.class, ClientListener.class})
public class LibsqlHikariAutoConfiguration {
  /** Used by Spring. */
  public LibsqlHikariAutoConfiguration() {}

  @Bean
  static BeanPostProcessor libsqlHikariListener(ObjectProvider<ClientListener> listener) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource) {
          HikariDataSource pool = (HikariDataSource) bean;
          ClientListener l = listener.getIfUnique();
          if (l != null && isLibsql(pool)) {
            pool.setDataSource(dataSource(pool, l));
          }
        }
        return bean;
      }
    };
  }

  private static boolean isLibsql(HikariDataSource pool) {
    String url = pool.getJdbcUrl();
    String driver = pool.getDriverClassName();
    return pool.getDataSource() == null && pool.getDataSourceClassName() == null && url != null
        && url.startsWith("jdbc:libsql:") && (driver == null || driver.equals(LibsqlDriver.class.getName()));
  }

  private static LibsqlDataSource dataSource(HikariDataSource pool, ClientListener listener) {
    LibsqlDataSource ds = new LibsqlDataSource();
    ds.setUrl(pool.getJdbcUrl());
    pool.getDataSourceProperties().forEach((k, v) -> ds.setProperty(k.toString(), v == null ? null : v.toString()));
    if (pool.getPassword() != null) {
      // Hikari asks a data source for getConnection() when no user name is set: keep the password.
      ds.setProperty("password", pool.getPassword());
    }
    ds.setClientListener(listener);
    return ds;
  }
}
