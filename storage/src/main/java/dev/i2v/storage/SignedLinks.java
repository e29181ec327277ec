package dev.i2v.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Expiring public links to stored objects, for providers that fetch input images by URL (Luma always,
 * Runway above 5 MB). A link is {@code {baseUrl}/v1/inputs/{key}?expires={epoch s}&signature={HMAC}}; the
 * gateway serves it after {@link #verify}. The HMAC covers the key and the expiry, so neither can be changed.
 */
public final class SignedLinks {

    private final String baseUrl;
    private final SecretKeySpec secret;
    private final Duration lifetime;
    private final Clock clock;

    public SignedLinks(URI baseUrl, String secret, Duration lifetime, Clock clock) {
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.secret = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A link to {@code key} valid for the configured lifetime. */
    public String link(String key) {
        ObjectKeys.requireValid(key);
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        return baseUrl + "/v1/inputs/" + key + "?expires=" + expires + "&signature=" + signature(key, expires);
    }

    /** Whether the key is a safe one, the link's signature is ours and it has not expired. */
    public boolean verify(String key, long expires, String signature) {
        if (signature == null || expires < clock.instant().getEpochSecond() || !safe(key)) {
            return false;
        }
        return MessageDigest.isEqual(signature(key, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean safe(String key) {
        try {
            ObjectKeys.requireValid(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String signature(String key, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            byte[] digest = mac.doFinal((key + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
