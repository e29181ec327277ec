package dev.i2v.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.gateway.downstream.CreditsClient;

/**
 * Gives the daily grant on an account's first authenticated request of the day. credits-service
 * decides (once per account and day, in the account's time zone); this only remembers when the next
 * one can come, so later requests of the day cost nothing. What it remembers is trusted for at most
 * {@link #RECHECK_AT_LEAST_EVERY}: a plan or time-zone change (made through any gateway replica) moves the next
 * grant, e.g. a plan without daily grants moved to one with them, and must not make today's grant be skipped.
 */
@Component
class DailyGrantTrigger {

    private static final Logger log = LoggerFactory.getLogger(DailyGrantTrigger.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);
    static final Duration RECHECK_AT_LEAST_EVERY = Duration.ofMinutes(10);

    private final CreditsClient credits;
    private final Clock clock;
    private final Cache<UUID, Instant> nextCheck = Caffeine.newBuilder().maximumSize(1_000_000)
            .expireAfterWrite(Duration.ofDays(2)).build();

    DailyGrantTrigger(CreditsClient credits, Clock clock) {
        this.credits = credits;
        this.clock = clock;
    }

    void onAuthenticated(UUID accountId) {
        Instant now = clock.instant();
        Instant due = nextCheck.getIfPresent(accountId);
        if (due != null && now.isBefore(due)) {
            return;
        }
        try {
            CreditsApi.DailyGrant result = credits.dailyGrant(accountId);
            Instant recheck = now.plus(RECHECK_AT_LEAST_EVERY);
            Instant next = result.nextDailyGrantAt();
            nextCheck.put(accountId, next == null || next.isAfter(recheck) ? recheck : next);
        } catch (RuntimeException e) {
            // the request goes on without its grant; the next request after a pause asks again
            log.warn("daily grant for {} not given now: {}", accountId, e.getMessage());
            nextCheck.put(accountId, now.plus(RETRY_AFTER_FAILURE));
        }
    }
}
