package io.libsql.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtTest {
    private final KeyPair keys = Jwt.generateKeyPair();

    @Test
    void pemIsX509SubjectPublicKeyInfoInLinesOf64() {
        List<String> lines = Jwt.publicKeyPem(keys.getPublic()).lines().toList();
        assertEquals("-----BEGIN PUBLIC KEY-----", lines.get(0));
        assertEquals("-----END PUBLIC KEY-----", lines.get(lines.size() - 1));
        String body = String.join("", lines.subList(1, lines.size() - 1));
        lines.subList(1, lines.size() - 1).forEach(line -> assertTrue(line.length() <= 64, line));
        assertArrayEquals(keys.getPublic().getEncoded(), Base64.getDecoder().decode(body));
    }

    @Test
    void tokenHasEdDsaHeaderGivenClaimsAndValidSignature() throws Exception {
        String[] parts = Jwt.sign(keys.getPrivate(), "{\"a\":\"ro\"}").split("\\.");
        assertEquals(3, parts.length);
        Base64.Decoder base64url = Base64.getUrlDecoder();
        assertEquals("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}", new String(base64url.decode(parts[0]), StandardCharsets.UTF_8));
        assertEquals("{\"a\":\"ro\"}", new String(base64url.decode(parts[1]), StandardCharsets.UTF_8));
        assertTrue(List.of(parts).stream().noneMatch(part -> part.contains("=")), "no padding");

        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(keys.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(base64url.decode(parts[2])));
    }

    @Test
    void fullAccessTokenGrantsReadWrite() {
        String claims = new String(Base64.getUrlDecoder().decode(Jwt.fullAccessToken(keys.getPrivate()).split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertTrue(claims.matches("\\{\"a\":\"rw\",\"iat\":\\d+}"), claims);
    }
}
