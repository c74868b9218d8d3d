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

  /** @return the database URL, or null when unset (then no client beans) */
  public String getUrl() {
    return url;
  }

  /** @param url the database URL: file:, libsql:, ws:, wss:, http: or https: */
  public void setUrl(String url) {
    this.url = url;
  }

  /** @return the auth token, or null */
  public String getAuthToken() {
    return authToken;
  }

  /** @param authToken the auth token (a JWT) for sqld or Turso */
  public void setAuthToken(String authToken) {
    this.authToken = authToken;
  }

  /** @return the connect timeout, or null for the client's default */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /** @param connectTimeout how long to wait for a connection to the server */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** @return the timeout per call, or null for the client's default */
  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  /** @param requestTimeout how long each call may take */
  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  @Override
  public String toString() {
    return "LibsqlProperties[url=" + url + ", authToken=" + (authToken == null ? "none" : "(set)") + "]";
  }
}
