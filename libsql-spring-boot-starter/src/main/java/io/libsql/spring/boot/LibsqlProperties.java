package io.libsql.spring.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code libsql.*} settings: the database the {@code Client} and {@code AsyncClient} beans connect to.
 *
 * <pre>
 * libsql.url=libsql://my-db-my-org.turso.io    # or file:app.db, ws://127.0.0.1:8080, http://...
 * libsql.auth-token=${TURSO_AUTH_TOKEN}
 * libsql.connect-timeout=10s
 * libsql.request-timeout=30s
 * </pre>
 */
@ConfigurationProperties("libsql")
public class LibsqlProperties {
  /** The database URL: file:, libsql:, ws:, wss:, http: or https:. */
  private String url;

  /** The auth token (a JWT) for sqld or Turso; never logged. */
  private String authToken;

  /** How long to wait for a connection to the server. */
  private Duration connectTimeout;

  /** How long each call may take (the client's default when unset: 60 s remote, none for files). */
  private Duration requestTimeout;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getAuthToken() {
    return authToken;
  }

  public void setAuthToken(String authToken) {
    this.authToken = authToken;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  @Override
  public String toString() {
    return "LibsqlProperties[url=" + url + ", authToken=" + (authToken == null ? "none" : "(set)") + "]";
  }
}
