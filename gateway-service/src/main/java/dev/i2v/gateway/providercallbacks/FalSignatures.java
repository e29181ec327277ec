package dev.i2v.gateway.providercallbacks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.gateway.problems.GatewayException;

/**
 * fal's webhook signature: Ed25519 over {@code request-id \n user-id \n timestamp \n hex(SHA-256(raw body))}, the
 * values from the {@code X-Fal-Webhook-Request-Id}, {@code -User-Id}, {@code -Timestamp} (Unix seconds) headers, the
 * signature hex in {@code X-Fal-Webhook-Signature}, verified against any key of fal's published JWKS. Keys are
 * fetched when first needed and again after their maximum age, or sooner when a signature fails against keys older
 * than a minute (fal rotated them).
 */
class FalSignatures {

    private static final Logger log = LoggerFactory.getLogger(FalSignatures.class);

    /** The DER prefix of an X.509 SubjectPublicKeyInfo for a raw 32-byte Ed25519 key (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final Supplier<String> jwks;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration tolerance;
    private List<PublicKey> keys = List.of();
    private Instant fetchedAt = Instant.MIN;

    /** @param jwks fetches fal's key set (a JSON text); throws when it cannot */
    FalSignatures(Supplier<String> jwks, JsonMapper json, Clock clock, Duration maxAge, Duration tolerance) {
        this.jwks = jwks;
        this.json = json;
        this.clock = clock;
        this.maxAge = maxAge;
        this.tolerance = tolerance;
    }

    /** The headers a signed fal webhook carries. */
    record Headers(String requestId, String userId, String timestamp, String signature) {
    }

    /**
     * @throws GatewayException 401 {@code invalid_signature} for a missing, stale or wrong signature; 503 when fal's
     *                          keys cannot be fetched (fal retries its webhook; the worker polls meanwhile)
     */
    void verify(Headers headers, byte[] body) {
        if (blank(headers.requestId()) || blank(headers.userId()) || blank(headers.timestamp())
                || blank(headers.signature())) {
            throw refused("a fal webhook must carry the X-Fal-Webhook-Request-Id, -User-Id, -Timestamp and "
                    + "-Signature headers");
        }
        Instant signedAt;
        byte[] signature;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(headers.timestamp().strip()));
            signature = HexFormat.of().parseHex(headers.signature().strip());
        } catch (IllegalArgumentException e) {
            throw refused("the fal webhook's timestamp or signature is malformed");
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(tolerance) > 0) {
            throw refused("the fal webhook's timestamp is more than " + tolerance.toSeconds() + " s from now");
        }
        byte[] message = String.join("\n", headers.requestId(), headers.userId(), headers.timestamp(),
                sha256Hex(body)).getBytes(StandardCharsets.UTF_8);
        if (!verifiedBy(keys(false), message, signature)
                && !(fetchedAt.isBefore(clock.instant().minusSeconds(60)) && verifiedBy(keys(true), message, signature))) {
            throw refused("the fal webhook's signature does not verify against fal's published keys");
        }
    }

    private synchronized List<PublicKey> keys(boolean refresh) {
        if (refresh || keys.isEmpty() || fetchedAt.plus(maxAge).isBefore(clock.instant())) {
            try {
                keys = parse(jwks.get());
                fetchedAt = clock.instant();
            } catch (RuntimeException e) {
                log.warn("could not fetch fal's webhook keys: {}", e.toString());
                if (keys.isEmpty()) {
                    throw GatewayException.unavailable("fal's webhook key set");
                }
            }
        }
        return keys;
    }

    private List<PublicKey> parse(String text) {
        List<PublicKey> parsed = new ArrayList<>();
        for (JsonNode key : json.readTree(text).path("keys")) {
            if ("OKP".equals(key.path("kty").asString("")) && "Ed25519".equals(key.path("crv").asString(""))) {
                parsed.add(publicKey(Base64.getUrlDecoder().decode(key.path("x").asString("").replace("=", ""))));
            }
        }
        if (parsed.isEmpty()) {
            throw new IllegalStateException("fal's key set has no Ed25519 key");
        }
        return List.copyOf(parsed);
    }

    private static PublicKey publicKey(byte[] raw) {
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an Ed25519 key", e);
        }
    }

    private static boolean verifiedBy(List<PublicKey> keys, byte[] message, byte[] signature) {
        for (PublicKey key : keys) {
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(message);
                if (verifier.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // a signature of the wrong length or form does not verify
            }
        }
        return false;
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static GatewayException refused(String message) {
        return GatewayException.invalidSignature(message);
    }
}
