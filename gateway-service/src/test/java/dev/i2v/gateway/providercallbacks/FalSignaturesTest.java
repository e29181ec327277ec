package dev.i2v.gateway.providercallbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.gateway.problems.GatewayException;
import dev.i2v.simulator.FalWebhookSigner;

/** fal's Ed25519 webhook signature: accepted only as fal signs it, with a key of its published set, recently. */
class FalSignaturesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final byte[] BODY = "{\"request_id\":\"r-1\",\"status\":\"OK\",\"payload\":{}}"
            .getBytes(StandardCharsets.UTF_8);

    private final KeyPair fal = FalWebhookSigner.newKey();
    private final AtomicReference<String> published = new AtomicReference<>(jwks(fal));
    private final AtomicInteger fetches = new AtomicInteger();
    private final FalSignatures signatures = new FalSignatures(() -> {
        fetches.incrementAndGet();
        return published.get();
    }, JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(12), Duration.ofMinutes(5));

    @Test
    void aWebhookSignedByFalNowIsAcceptedAndTheKeysAreFetchedOnce() {
        assertThatCode(() -> signatures.verify(headers(fal, NOW, BODY), BODY)).doesNotThrowAnyException();
        assertThatCode(() -> signatures.verify(headers(fal, NOW.minusSeconds(200), BODY), BODY))
                .doesNotThrowAnyException();
        assertThat(fetches).hasValue(1);
    }

    @Test
    void aForgedChangedStaleOrUnsignedWebhookIsRefused() {
        byte[] changed = "{\"request_id\":\"r-1\",\"status\":\"ERROR\"}".getBytes(StandardCharsets.UTF_8);

        assertRefused(headers(FalWebhookSigner.newKey(), NOW, BODY), BODY, "does not verify");
        assertRefused(headers(fal, NOW, BODY), changed, "does not verify");
        assertRefused(headers(fal, NOW.minusSeconds(301), BODY), BODY, "timestamp");
        assertRefused(headers(fal, NOW.plusSeconds(301), BODY), BODY, "timestamp");
        assertRefused(new FalSignatures.Headers("r-1", "u", Long.toString(NOW.getEpochSecond()), null), BODY, "headers");
        assertRefused(new FalSignatures.Headers("r-1", "u", "yesterday", "00"), BODY, "malformed");
    }

    @Test
    void aRotatedKeyIsFetchedAgainOnceTheCachedKeysAreOlderThanAMinute() {
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        FalSignatures rotating = new FalSignatures(published::get, JsonMapper.builder().build(), new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        }, Duration.ofHours(12), Duration.ofMinutes(5));
        rotating.verify(headers(fal, NOW, BODY), BODY); // today's keys, cached
        KeyPair rotated = FalWebhookSigner.newKey();
        published.set(jwks(rotated));

        assertThatThrownBy(() -> rotating.verify(headers(rotated, NOW, BODY), BODY))
                .as("keys fetched just now are not fetched again for every bad signature")
                .isInstanceOf(GatewayException.class);
        now.set(NOW.plusSeconds(90));
        assertThatCode(() -> rotating.verify(headers(rotated, NOW.plusSeconds(90), BODY), BODY))
                .as("fetched again: fal rotated its key").doesNotThrowAnyException();
    }

    @Test
    void keysThatCannotBeFetchedAnswerUnavailableNotRefused() {
        FalSignatures unreachable = new FalSignatures(() -> {
            throw new IllegalStateException("connection refused");
        }, JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(12), Duration.ofMinutes(5));

        assertThatThrownBy(() -> unreachable.verify(headers(fal, NOW, BODY), BODY))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status().value()).isEqualTo(503));
    }

    private void assertRefused(FalSignatures.Headers headers, byte[] body, String why) {
        assertThatThrownBy(() -> signatures.verify(headers, body)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status().value()).isEqualTo(401);
            assertThat(e.code()).isEqualTo("invalid_signature");
            assertThat(e.getMessage()).contains(why);
        });
    }

    private static FalSignatures.Headers headers(KeyPair keys, Instant at, byte[] body) {
        Map<String, String> h = FalWebhookSigner.headers(keys, "r-1", at, body);
        return new FalSignatures.Headers(h.get("X-Fal-Webhook-Request-Id"), h.get("X-Fal-Webhook-User-Id"),
                h.get("X-Fal-Webhook-Timestamp"), h.get("X-Fal-Webhook-Signature"));
    }

    private static String jwks(KeyPair... keys) {
        return "{\"keys\":[" + String.join(",", List.of(keys).stream().map(k -> "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
                + "\"x\":\"" + FalWebhookSigner.rawPublicKey(k) + "=\"}").toList()) + "]}";
    }
}
