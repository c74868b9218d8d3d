package io.libsql.flyway;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.flywaydb.core.internal.database.sqlite.SQLiteDatabaseType;

/**
 * Flyway's SQLite support for {@code jdbc:libsql:} URLs. Flyway chooses the database type of a URL
 * by its prefix alone ({@code jdbc:sqlite:} for SQLite), so Flyway configured by URL (the CLI, the
 * Maven and Gradle plugins, {@code flyway.url}) needs this type to accept {@code jdbc:libsql:} and
 * to name the libSQL driver. Everything else is Flyway's own SQLite support: once connected, Flyway
 * identifies the database by {@code getDatabaseProductName()} ({@code SQLite}), exactly as it does
 * when given a {@code DataSource}.
 *
 * <pre>{@code
 * // with libsql-flyway on Flyway's class path (CLI: its drivers/ folder; build plugins: a dependency)
 * Flyway.configure().dataSource("jdbc:libsql:file:app.db", null, null).load().migrate();
 * }</pre>
 *
 * <p>Registered through {@code META-INF/services/org.flywaydb.core.extensibility.Plugin}. It lives in
 * its own artifact, not in the driver jar: Flyway loads every listed plugin at start-up, and one it
 * cannot load (no Flyway, or an incompatible one) breaks all of Flyway.
 */
public class LibsqlDatabaseType extends SQLiteDatabaseType {
  static final String PREFIX = "jdbc:libsql:";
  static final String DRIVER = "io.libsql.jdbc.LibsqlDriver";
  /** Tokens in URLs are masked wherever Flyway prints the URL. */
  private static final Pattern AUTH_TOKEN = Pattern.compile("[?&](?:authToken|password)=([^&]*)", Pattern.CASE_INSENSITIVE);

  @Override
  public String getName() {
    return "libSQL";
  }

  @Override
  public boolean handlesJDBCUrl(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public String getDriverClass(String url, ClassLoader classLoader) {
    return DRIVER;
  }

  /** Connections are identified as SQLite by Flyway's own type (the product name is {@code SQLite}). */
  @Override
  public boolean handlesDatabaseProductNameAndVersion(String productName, String productVersion, Connection connection) {
    return false;
  }

  @Override
  public List<Pattern> getJDBCCredentialsPatterns() {
    List<Pattern> patterns = new ArrayList<>(super.getJDBCCredentialsPatterns());
    patterns.add(AUTH_TOKEN);
    return patterns;
  }
}
