package io.libsql.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * Ed25519 JSON Web Tokens as sqld accepts them with {@code --auth-jwt-key-file}, made with the JDK alone.
 *
 * <p>sqld (0.24) checks the EdDSA signature and, when present, {@code exp}; no claim is required.
 * The claim {@code "a"} grants {@code "rw"} (the default) or {@code "ro"} access.
 *
 * <pre>{@code
 * KeyPair keys = Jwt.generateKeyPair();
 * SqldServer server = SqldServer.builder().jwtPublicKeyPem(Jwt.publicKeyPem(keys.getPublic())).start();
 * String token = Jwt.fullAccessToken(keys.getPrivate()); // send as "Authorization: Bearer " + token
 * }</pre>
 */
public final class Jwt {
    private static final String HEADER_JSON = "{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Jwt() {}

    /**
     * Generates a fresh Ed25519 key pair.
     *
     * @return a new key pair
     */
    public static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate Ed25519 keys", e);
        }
    }

    /**
     * Encodes a public key as PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo,
     * base64 in 64-character lines), the form {@link SqldServer.Builder#jwtPublicKeyPem} expects.
     *
     * @param publicKey an Ed25519 public key, e.g. from {@link #generateKeyPair()}
     * @return the PEM text, ending with a newline
     */
    public static String publicKeyPem(PublicKey publicKey) {
        if (!"X.509".equals(publicKey.getFormat())) {
            throw new IllegalArgumentException("expected an X.509-encodable public key, got " + publicKey.getFormat());
        }
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(publicKey.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * Signs claims into a compact JWT with header {@code {"alg":"EdDSA","typ":"JWT"}}.
     *
     * @param privateKey an Ed25519 private key
     * @param claimsJson the claims as a JSON object, used verbatim, e.g. {@code {"a":"ro"}}
     * @return {@code header.claims.signature}, each part base64url without padding
     */
    public static String sign(PrivateKey privateKey, String claimsJson) {
        String signingInput = BASE64URL.encodeToString(HEADER_JSON.getBytes(StandardCharsets.UTF_8))
                + "." + BASE64URL.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key (an Ed25519 private key is needed)", e);
        }
    }

    /**
     * A token granting read-write access to every database, without expiry:
     * claims {@code {"a":"rw","iat":NOW}}.
     *
     * @param privateKey an Ed25519 private key whose public key the server trusts
     * @return the compact JWT
     */
    public static String fullAccessToken(PrivateKey privateKey) {
        return sign(privateKey, "{\"a\":\"rw\",\"iat\":" + Instant.now().getEpochSecond() + "}");
    }
}
