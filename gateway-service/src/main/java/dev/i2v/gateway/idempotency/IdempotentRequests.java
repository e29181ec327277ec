package dev.i2v.gateway.idempotency;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.gateway.problems.GatewayException;

/**
 * Runs a request at most once per (account, {@code Idempotency-Key}). The claim is an insert that only
 * one of any number of concurrent duplicates wins; the others wait for the winner's stored answer.
 */
@Service
@EnableScheduling
public class IdempotentRequests {

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);
    static final Duration TTL = Duration.ofHours(24);
    static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyKeyRepository keys;
    private final JsonMapper json;
    /** How long a duplicate waits for the first request under its key (a submit takes well under a second). */
    private final Duration waitForFirst = Duration.ofSeconds(30);

    IdempotentRequests(IdempotencyKeyRepository keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /** An answer, and whether it is a replay of an earlier one. */
    public record Outcome<T>(T body, boolean replayed) {
    }

    /**
     * Runs {@code action} unless this key already has an answer for the same request.
     *
     * @param fingerprinter a digest of everything the request asks for; the same key with another is refused.
     *                      Computed only when there is a key: it hashes the whole image, which a profile of the
     *                      submit path showed costing 13 % of the gateway's CPU when done for every request
     */
    public <T> Outcome<T> run(UUID account, String key, Supplier<byte[]> fingerprinter, Class<T> type, Supplier<T> action) {
        if (key == null) {
            return new Outcome<>(action.get(), false);
        }
        byte[] fingerprint = fingerprinter.get();
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw GatewayException.invalid("invalid_request", "Idempotency-Key must be 1-" + MAX_KEY_LENGTH + " characters");
        }
        long deadline = System.nanoTime() + waitForFirst.toNanos();
        while (true) {
            if (keys.claim(account, key, fingerprint, TTL)) {
                return new Outcome<>(runClaimed(account, key, action), false);
            }
            Optional<IdempotencyKeyRepository.Entry> entry = keys.find(account, key);
            if (entry.isEmpty()) {
                continue; // the first attempt failed and let the key go: try to claim it
            }
            if (!MessageDigest.isEqual(entry.get().fingerprint(), fingerprint)) {
                throw GatewayException.idempotencyKeyReused(key);
            }
            if (entry.get().done()) {
                return new Outcome<>(json.readValue(entry.get().responseBody(), type), true);
            }
            if (System.nanoTime() > deadline) {
                throw GatewayException.idempotencyKeyInUse(key);
            }
            pause();
        }
    }

    private <T> T runClaimed(UUID account, String key, Supplier<T> action) {
        T body;
        try {
            body = action.get();
        } catch (RuntimeException e) {
            keys.release(account, key);
            throw e;
        }
        keys.complete(account, key, HttpStatus.ACCEPTED.value(), json.writeValueAsString(body));
        return body;
    }

    @Scheduled(fixedDelay = 1, timeUnit = java.util.concurrent.TimeUnit.HOURS, initialDelay = 1)
    void purgeExpired() {
        int purged = keys.purgeOlderThan(TTL);
        if (purged > 0) {
            log.info("purged {} expired idempotency keys", purged);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GatewayException.unavailable("idempotency");
        }
    }
}
