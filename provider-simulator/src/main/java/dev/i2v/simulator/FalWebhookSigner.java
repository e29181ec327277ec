package dev.i2v.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

/**
 * fal's side of its webhook signing: an Ed25519 key of its own, published as a JWKS on a loopback address (as fal
 * publishes {@code https://rest.alpha.fal.ai/.well-known/jwks.json}), and the headers fal sends with a webhook:
 * {@code X-Fal-Webhook-Request-Id}, {@code -User-Id}, {@code -Timestamp} (Unix seconds) and {@code -Signature},
 * the hex Ed25519 signature of {@code request-id \n user-id \n timestamp \n hex(SHA-256(body))}.
 */
public final class FalWebhookSigner implements AutoCloseable {

    private final KeyPair keys;
    private final HttpServer server;

    private FalWebhookSigner(KeyPair keys, HttpServer server) {
        this.keys = keys;
        this.server = server;
    }

    /** A new key, its JWKS served at {@link #jwksUrl()}. */
    public static FalWebhookSigner start() throws IOException {
        KeyPair keys = newKey();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] jwks = ("{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + rawPublicKey(keys) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
        return new FalWebhookSigner(keys, server);
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** The headers fal sends with {@code body}, signed now with this key. */
    public Map<String, String> headers(String requestId, byte[] body) {
        return headers(keys, requestId, Instant.now(), body);
    }

    /** The same, signed with a key that is not the published one (a forger's). */
    public static Map<String, String> forged(String requestId, byte[] body) {
        return headers(newKey(), requestId, Instant.now(), body);
    }

    /** The headers fal would send with {@code body}, signed at {@code at} with {@code keys}. */
    public static Map<String, String> headers(KeyPair keys, String requestId, Instant at, byte[] body) {
        String userId = "fal-user-1";
        String timestamp = Long.toString(at.getEpochSecond());
        try {
            String message = String.join("\n", requestId, userId, timestamp,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(message.getBytes(StandardCharsets.UTF_8));
            return Map.of("X-Fal-Webhook-Request-Id", requestId, "X-Fal-Webhook-User-Id", userId,
                    "X-Fal-Webhook-Timestamp", timestamp,
                    "X-Fal-Webhook-Signature", HexFormat.of().formatHex(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public KeyPair keys() {
        return keys;
    }

    /** The key's 32 raw bytes, base64url without padding: a JWK's {@code x}. */
    public static String rawPublicKey(KeyPair keys) {
        byte[] spki = keys.getPublic().getEncoded(); // X.509 SubjectPublicKeyInfo: the raw key is its last 32 bytes
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(spki, spki.length - 32,
                spki.length));
    }

    public static KeyPair newKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
