package dev.i2v.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class OpenLoopTest {

    @Test
    void requestsArriveAtTheOfferedRateWhateverTheAnswersTake() throws Exception {
        Step step = new OpenLoop(8, 1000).run("rate", 200, Duration.ofMillis(200), Duration.ofSeconds(1), n -> {
            Thread.sleep(20);
            return 200;
        });

        assertThat(step.scheduled()).isBetween(195L, 201L);
        assertThat(step.ok()).isEqualTo(step.scheduled());
        assertThat(step.achievedPerSecond()).isBetween(190.0, 205.0);
        assertThat(step.millis(50)).isBetween(19.0, 60.0);
    }

    /**
     * One stall of 500 ms with a single caller: a closed loop would record one slow request; here every
     * request scheduled during the stall waits behind it and counts its wait (no coordinated omission).
     */
    @Test
    void aStallShowsInEveryRequestItDelays() throws Exception {
        AtomicBoolean stalled = new AtomicBoolean();
        Step step = new OpenLoop(1, 10_000).run("stall", 100, Duration.ZERO, Duration.ofSeconds(2), n -> {
            if (n == 50 && stalled.compareAndSet(false, true)) {
                Thread.sleep(500);
            }
            return 200;
        });

        long slow = step.latency().getCountBetweenValues(100_000_000L, Long.MAX_VALUE);
        assertThat(slow).as("requests that waited behind the stall").isGreaterThanOrEqualTo(40);
        assertThat(step.maxMillis()).isGreaterThanOrEqualTo(500);
        assertThat(step.sustained(50)).isFalse();
    }

    @Test
    void aStepPastCapacityIsAbandonedOnceTheBacklogIsFull() throws Exception {
        Step step = new OpenLoop(1, 20).run("overload", 500, Duration.ZERO, Duration.ofSeconds(5), n -> {
            Thread.sleep(50);
            return 200;
        });

        assertThat(step.abandoned()).isTrue();
        assertThat(step.scheduled()).isLessThan(500);
        assertThat(step.sustained(1000)).isFalse();
    }

    @Test
    void failuresAreCountedAndBreakSustainedRate() throws Exception {
        Step step = new OpenLoop(4, 1000).run("errors", 100, Duration.ZERO, Duration.ofMillis(500),
                n -> n % 10 == 0 ? 503 : 202);

        assertThat(step.failed()).isPositive();
        assertThat(step.statuses()).containsKeys(503, 202);
        assertThat(step.sustained(1000)).isFalse();
    }
}
