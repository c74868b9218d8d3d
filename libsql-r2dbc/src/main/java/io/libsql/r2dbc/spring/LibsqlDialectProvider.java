package io.libsql.r2dbc.spring;

import io.r2dbc.spi.ConnectionFactory;
import java.util.Optional;
import org.springframework.data.r2dbc.dialect.DialectResolver;
import org.springframework.data.r2dbc.dialect.R2dbcDialect;
import org.springframework.r2dbc.core.binding.BindMarkersFactory;
import org.springframework.r2dbc.core.binding.BindMarkersFactoryResolver;

/**
 * Tells Spring Data R2DBC and Spring's {@code DatabaseClient} that a connection factory named
 * "libSQL" (this driver's, also behind r2dbc-pool or a proxy) takes the {@link LibsqlDialect} and
 * {@code $1} bind markers. Registered in {@code META-INF/spring.factories}, which is how Spring finds
 * dialects of drivers it does not know.
 */
public final class LibsqlDialectProvider
    implements DialectResolver.R2dbcDialectProvider, BindMarkersFactoryResolver.BindMarkerFactoryProvider {
  @Override
  public Optional<R2dbcDialect> getDialect(ConnectionFactory connectionFactory) {
    return isLibsql(connectionFactory) ? Optional.of(LibsqlDialect.INSTANCE) : Optional.empty();
  }

  @Override
  public BindMarkersFactory getBindMarkers(ConnectionFactory connectionFactory) {
    return isLibsql(connectionFactory) ? LibsqlDialect.BIND_MARKERS : null;
  }

  private static boolean isLibsql(ConnectionFactory connectionFactory) {
    return "libSQL".equals(connectionFactory.getMetadata().getName());
  }
}
