package dev.i2v.gateway.ratelimits;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

/**
 * Each account's buckets, kept in PostgreSQL by Bucket4j, so that a limit holds for the whole deployment
 * however many gateway replicas share the load (each request takes its token in one short transaction on the
 * bucket's row). A bucket is removed once it would be full again: an idle account starts full.
 */
@Component
class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    /** One decision: allowed or not, with what the headers should say. */
    record Decision(boolean allowed, long limit, long remaining, long resetSeconds) {
    }

    private final RateLimitProperties properties;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final BucketConfiguration requests;
    private final BucketConfiguration submits;

    RateLimiter(RateLimitProperties properties, DataSource dataSource) {
        this.properties = properties;
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource).primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
        this.requests = perMinute(properties.requestsPerMinute());
        this.submits = perMinute(properties.submitsPerMinute());
    }

    Decision request(UUID account) {
        return take("requests:" + account, requests, properties.requestsPerMinute());
    }

    Decision submit(UUID account) {
        return take("submits:" + account, submits, properties.submitsPerMinute());
    }

    private Decision take(String key, BucketConfiguration configuration, long limit) {
        ConsumptionProbe probe;
        try {
            probe = buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            // the limits protect the service, they are not a reason to refuse it: without the store, let it pass
            log.warn("rate limit store unavailable, request let through: {}", e.toString());
            return new Decision(true, limit, limit, 0);
        }
        long reset = probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new Decision(probe.isConsumed(), limit, probe.getRemainingTokens(), reset);
    }

    /** Removes buckets that would be full again by now (Bucket4j's expiry), in small batches. */
    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
    void removeExpired() {
        try {
            int removed;
            do {
                removed = buckets.removeExpired(1000);
            } while (removed == 1000);
        } catch (RuntimeException e) {
            log.warn("could not remove expired rate-limit buckets: {}", e.toString());
        }
    }

    /** A full minute's allowance as the burst, refilled evenly over the minute. */
    private static BucketConfiguration perMinute(int perMinute) {
        return BucketConfiguration.builder().addLimit(limit -> limit.capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1))).build();
    }
}
