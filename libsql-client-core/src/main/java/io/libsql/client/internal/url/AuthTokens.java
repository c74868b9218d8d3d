package io.libsql.client.internal.url;

import io.libsql.client.Config;
import io.libsql.client.ErrorCode;
import io.libsql.client.LibsqlException;
import java.util.function.Supplier;

/**
 * Where a transport gets its auth token: a fixed one, or the user's supplier, asked each time.
 * Tokens never go into messages. Thread-safe. Not API.
 */
public final class AuthTokens {
  private final String fixed;
  private final Supplier<String> supplier;

  private AuthTokens(String fixed, Supplier<String> supplier) {
    this.fixed = fixed;
    this.supplier = supplier;
  }

  public static AuthTokens of(Config config) {
    return new AuthTokens(config.authToken(), config.authTokenSupplier());
  }

  public static AuthTokens fixed(String token) {
    return new AuthTokens(token, null);
  }

  /** True when tokens come from a supplier and may change. */
  public boolean rotating() {
    return supplier != null;
  }

  /**
   * The token to send now, or null for none.
   *
   * @throws LibsqlException AUTH_FAILED when the supplier throws
   */
  public String get() {
    if (supplier == null) {
      return fixed;
    }
    String token;
    try {
      token = supplier.get();
    } catch (RuntimeException e) {
      // Not kept as cause: its message might hold a token.
      throw new LibsqlException(ErrorCode.AUTH_FAILED,
          "the authTokenSupplier threw " + e.getClass().getName() + "; no token to send");
    }
    return token == null || token.isBlank() ? null : token;
  }

  /**
   * After the server rejected {@code rejected}: a different token to try once, or null when the
   * supplier has nothing new (or there is no supplier).
   */
  public String another(String rejected) {
    if (supplier == null) {
      return null;
    }
    String next;
    try {
      next = get();
    } catch (LibsqlException e) {
      return null;
    }
    return next != null && !next.equals(rejected) ? next : null;
  }

  @Override
  public String toString() {
    return supplier != null ? "AuthTokens[supplier]" : fixed == null ? "AuthTokens[none]" : "AuthTokens[***]";
  }
}
