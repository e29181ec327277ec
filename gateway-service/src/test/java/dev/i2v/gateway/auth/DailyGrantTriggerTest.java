package dev.i2v.gateway.auth;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.gateway.downstream.CreditsClient;

class DailyGrantTriggerTest {

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-02T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final CreditsClient credits = mock(CreditsClient.class);
    private final MovableClock clock = new MovableClock();
    private final DailyGrantTrigger trigger = new DailyGrantTrigger(credits, clock);
    private final UUID account = UUID.randomUUID();

    @Test
    void laterRequestsOfTheDayDoNotAskAgain() {
        when(credits.dailyGrant(account)).thenReturn(new CreditsApi.DailyGrant(true, 100, Instant.parse("2026-12-03T00:00:00Z")));

        trigger.onAuthenticated(account);
        clock.now = clock.now.plusSeconds(60);
        trigger.onAuthenticated(account);

        verify(credits, times(1)).dailyGrant(account);
    }

    @Test
    void aPlanWithoutDailyGrantsMovedToOneWithThemGetsTodaysGrantTheSameDay() {
        // a plan without daily grants: credits says no next grant
        when(credits.dailyGrant(account)).thenReturn(new CreditsApi.DailyGrant(false, 0, null));
        trigger.onAuthenticated(account);
        verify(credits, times(1)).dailyGrant(account);

        // the plan changes (through another gateway replica); within minutes the next request asks again
        when(credits.dailyGrant(account)).thenReturn(new CreditsApi.DailyGrant(true, 100, Instant.parse("2026-12-03T00:00:00Z")));
        clock.now = clock.now.plus(DailyGrantTrigger.RECHECK_AT_LEAST_EVERY).plus(Duration.ofSeconds(1));
        trigger.onAuthenticated(account);

        verify(credits, times(2)).dailyGrant(account);
    }
}
