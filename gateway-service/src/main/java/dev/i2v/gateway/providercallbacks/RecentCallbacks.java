package dev.i2v.gateway.providercallbacks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The callbacks this gateway passed on lately, by link and body: the same callback again (a provider's duplicate
 * delivery, or a replay by whoever saw it) is acknowledged but not passed on. A replay could do no harm anyway — it
 * only makes a worker query a task — but it costs a query at the provider each time. Per gateway replica, bounded.
 */
final class RecentCallbacks {

    private final Cache<String, Boolean> seen;

    RecentCallbacks(Duration window, long maximum) {
        this.seen = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(maximum).build();
    }

    /** Whether this exact callback (provider, link, body) is new; it is remembered from now on. */
    boolean firstTime(String provider, String token, String body) {
        return seen.asMap().putIfAbsent(provider + "/" + token + "/" + sha256(body), Boolean.TRUE) == null;
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
