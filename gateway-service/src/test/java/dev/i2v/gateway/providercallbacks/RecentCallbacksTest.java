package dev.i2v.gateway.providercallbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The same callback twice is passed on once; another body, link or provider is another callback. */
class RecentCallbacksTest {

    @Test
    void aRepeatedCallbackIsNotNewButAnyDifferenceIs() {
        RecentCallbacks recent = new RecentCallbacks(Duration.ofMinutes(15), 1000);

        assertThat(recent.firstTime("minimax", "job.1.sig", "{\"status\":\"processing\"}")).isTrue();
        assertThat(recent.firstTime("minimax", "job.1.sig", "{\"status\":\"processing\"}")).as("replayed").isFalse();
        assertThat(recent.firstTime("minimax", "job.1.sig", "{\"status\":\"success\"}")).as("a new status").isTrue();
        assertThat(recent.firstTime("minimax", "job.2.sig", "{\"status\":\"success\"}")).as("another attempt").isTrue();
        assertThat(recent.firstTime("luma", "job.1.sig", "{\"status\":\"success\"}")).as("another provider").isTrue();
    }
}
