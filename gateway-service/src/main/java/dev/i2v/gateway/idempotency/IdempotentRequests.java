package dev.i2v.gateway.idempotency;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import com.github.f4b6a3.uuid.UuidCreator;

import dev.i2v.gateway.problems.GatewayException;

/**
 * Runs a request at most once per (account, {@code Idempotency-Key}), after Stripe's rules. The claim is an
 * insert that only one of any number of concurrent duplicates wins; the others wait for the winner's stored
 * answer. The claim is a lease ({@link IdempotencyProperties#lease()}, 45 s): when the gateway running the first request dies, a retry
 * takes the key over once the lease has passed, instead of waiting for the key's 24 h to end, and runs with the
 * same job id, so what the first attempt did (a hold, a job) is found and not done twice.
 *
 * <p>What is kept: the answer of a request that ran (its job was accepted), replayed for 24 h. A request
 * refused before anything was changed (validation, not enough points, no free slot) or one whose every change
 * was undone keeps nothing, and a retry under the same key runs again. Stripe keeps every answer of a request
 * that began executing, errors included, because its outcome may be unknown; here an error is answered only
 * after the outcome is known and undone (or, when it cannot be known, after the job's existence is left for
 * the hold sweeper to settle), so keeping it would only stop a safe retry.
 */
@Service
@EnableScheduling
public class IdempotentRequests {

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);

    static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyKeyRepository keys;
    private final JsonMapper json;
    private final IdempotencyProperties properties;

    IdempotentRequests(IdempotencyKeyRepository keys, JsonMapper json, IdempotencyProperties properties) {
        this.keys = keys;
        this.json = json;
        this.properties = properties;
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
    public <T> Outcome<T> run(UUID account, String key, Supplier<byte[]> fingerprinter, Class<T> type,
                              Function<UUID, T> action) {
        if (key == null) {
            return new Outcome<>(action.apply(UuidCreator.getTimeOrderedEpoch()), false);
        }
        byte[] fingerprint = fingerprinter.get();
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw GatewayException.invalid("invalid_request", "Idempotency-Key must be 1-" + MAX_KEY_LENGTH + " characters");
        }
        long deadline = System.nanoTime() + properties.waitForFirst().toNanos();
        UUID jobId = UuidCreator.getTimeOrderedEpoch();
        while (true) {
            if (keys.claim(account, key, fingerprint, jobId, properties.ttl(), properties.lease())) {
                return new Outcome<>(runClaimed(account, key, jobId, action), false);
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
            if (entry.get().leaseExpired() && entry.get().jobId() != null && keys.takeOver(account, key, properties.lease())) {
                log.info("idempotency key of account {} taken over after its lease ran out; job {} resumed", account,
                        entry.get().jobId());
                return new Outcome<>(runClaimed(account, key, entry.get().jobId(), action), false);
            }
            if (System.nanoTime() > deadline) {
                throw GatewayException.idempotencyKeyInUse(key);
            }
            pause();
        }
    }

    private <T> T runClaimed(UUID account, String key, UUID jobId, Function<UUID, T> action) {
        T body;
        try {
            body = action.apply(jobId);
        } catch (GatewayException.OutcomeUnknown e) {
            throw e; // the key stays claimed: a retry after the lease resumes this job id
        } catch (RuntimeException e) {
            keys.release(account, key);
            throw e;
        }
        keys.complete(account, key, HttpStatus.ACCEPTED.value(), json.writeValueAsString(body));
        return body;
    }

    @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.HOURS, initialDelay = 1)
    void purgeExpired() {
        int purged = keys.purgeOlderThan(properties.ttl());
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
