package dev.i2v.jobs.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.events.VideoOutput;
import dev.i2v.jobs.problems.JobsException;

class JobTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    static Job aQueuedJob() {
        return Job.queued(new JobsApi.CreateJob(UUID.randomUUID(), UUID.randomUUID(), "local", "a cat", 6, "768P",
                "standard", 30, "inputs/x/image.png", null), Lane.STANDARD, NOW);
    }

    @Test
    void aJobRunsThenSucceedsWithFullProgress() {
        Job done = aQueuedJob().startedBy("w1", 1, NOW).progressTo(40)
                .succeed(new VideoOutput("outputs/x/video.mp4", "video/mp4", 10, 1024, 768, 6.0, null), NOW.plusSeconds(9));

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.progress()).isEqualTo(100);
        assertThat(done.startedAt()).isEqualTo(NOW);
        assertThat(done.finishedAt()).isEqualTo(NOW.plusSeconds(9));
    }

    @Test
    void progressNeverGoesBackAndStaysBelowHundredWhileRunning() {
        Job running = aQueuedJob().startedBy("w1", 1, NOW).progressTo(60);
        assertThat(running.progressTo(30).progress()).isEqualTo(60);
        assertThat(running.progressTo(100).progress()).isEqualTo(99);
    }

    @Test
    void aQueuedJobCannotSucceedWithoutRunning() {
        assertThatThrownBy(() -> aQueuedJob().succeed(null, NOW)).isInstanceOf(JobsException.IllegalJobTransition.class);
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"SUCCEEDED", "FAILED", "CANCELLED"})
    void terminalStatesAllowNoTransition(JobStatus terminal) {
        assertThat(terminal.terminal()).isTrue();
        for (JobStatus next : JobStatus.values()) {
            assertThat(terminal.canBecome(next)).as("%s -> %s", terminal, next).isFalse();
        }
    }

    @Test
    void aRetryQueuesTheNextAttemptAndFencesTheOldOne() {
        Job running = aQueuedJob().startedBy("w1", 1, NOW);
        Job retry = running.retryAt(NOW.plusSeconds(2), "provider_unavailable", "503");

        assertThat(retry.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.isStale(1, 1)).isTrue();
        assertThat(retry.isStale(2, 1)).isFalse();
    }

    @Test
    void aTakeoverRaisesTheDeliveryAndFencesTheFrozenWorker() {
        Job taken = aQueuedJob().startedBy("w1", 1, NOW).startedBy("w2", 2, NOW.plusSeconds(30));

        assertThat(taken.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(taken.workerId()).isEqualTo("w2");
        assertThat(taken.startedAt()).isEqualTo(NOW);
        assertThat(taken.isStale(1, 1)).isTrue();
    }

    @Test
    void onlyUnfinishedJobsCanBeCancelled() {
        assertThat(aQueuedJob().cancel(NOW).status()).isEqualTo(JobStatus.CANCELLED);
        Job failed = aQueuedJob().fail("x", "y", NOW);
        assertThatThrownBy(() -> failed.cancel(NOW)).isInstanceOf(JobsException.JobNotCancellable.class);
    }

    @Test
    void aFinishedJobCannotFailAgain() {
        Job failed = aQueuedJob().fail("engine_error", "boom", NOW);
        assertThatThrownBy(() -> failed.fail("x", "y", NOW)).isInstanceOf(JobsException.IllegalJobTransition.class);
    }
}
