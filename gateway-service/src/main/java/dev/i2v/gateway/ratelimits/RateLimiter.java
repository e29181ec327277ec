package dev.i2v.gateway.ratelimits;

import java.time.Duration;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/** The buckets of the accounts seen lately; an account idle for ten minutes starts again full. */
@Component
class RateLimiter {

    /** One decision: allowed or not, with what the headers should say. */
    record Decision(boolean allowed, long limit, long remaining, long resetSeconds) {
    }

    private final RateLimitProperties properties;
    private final Cache<UUID, Bucket> requests = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Cache<UUID, Bucket> submits = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();

    RateLimiter(RateLimitProperties properties) {
        this.properties = properties;
    }

    Decision request(UUID account) {
        return take(requests.get(account, a -> bucket(properties.requestsPerMinute())), properties.requestsPerMinute());
    }

    Decision submit(UUID account) {
        return take(submits.get(account, a -> bucket(properties.submitsPerMinute())), properties.submitsPerMinute());
    }

    private static Decision take(Bucket bucket, long limit) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long reset = probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new Decision(probe.isConsumed(), limit, probe.getRemainingTokens(), reset);
    }

    /** A full minute's allowance as the burst, refilled evenly over the minute. */
    private static Bucket bucket(int perMinute) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build();
    }
}
