package io.libsql.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthTest {
    private static final KeyPair KEYS = Jwt.generateKeyPair();
    private static SqldServer server;

    @BeforeAll
    static void startSqld() {
        server = SqldServer.builder().jwtPublicKeyPem(Jwt.publicKeyPem(KEYS.getPublic())).start();
    }

    @AfterAll
    static void stopSqld() {
        server.close();
    }

    @Test
    void rejectsRequestWithoutToken() throws Exception {
        HttpResponse<String> response = Http.pipeline(server, null, "SELECT 1");
        assertEquals(401, response.statusCode(), response.body());
    }

    @Test
    void acceptsTokenSignedWithTrustedKey() throws Exception {
        HttpResponse<String> response = Http.pipeline(server, Jwt.fullAccessToken(KEYS.getPrivate()), "SELECT 1");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("{\"type\":\"integer\",\"value\":\"1\"}"), response.body());
    }

    @Test
    void rejectsTokenSignedWithAnotherKey() throws Exception {
        String token = Jwt.fullAccessToken(Jwt.generateKeyPair().getPrivate());
        assertEquals(401, Http.pipeline(server, token, "SELECT 1").statusCode());
    }

    @Test
    void rejectsExpiredToken() throws Exception {
        String token = Jwt.sign(KEYS.getPrivate(), "{\"exp\":" + (Instant.now().getEpochSecond() - 3600) + "}");
        assertEquals(401, Http.pipeline(server, token, "SELECT 1").statusCode());
    }
}
