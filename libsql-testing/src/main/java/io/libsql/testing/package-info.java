/**
 * Runs a real sqld (the libSQL server) for tests, using nothing but the JDK.
 *
 * <p>{@link io.libsql.testing.SqldServer} starts and controls one sqld process on loopback,
 * {@link io.libsql.testing.SqldBinary} finds or fetches the executable, and {@link io.libsql.testing.Jwt}
 * makes the Ed25519 keys and tokens that sqld's JWT auth accepts.
 */
package io.libsql.testing;
