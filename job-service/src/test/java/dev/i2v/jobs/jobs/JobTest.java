package dev.i2v.jobs.jobs;

import static dev.i2v.fixtures.CreateJobBuilder.aCreateJob;
import static dev.i2v.fixtures.VideoOutputs.aVideoOutput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.Lane;
import dev.i2v.contracts.events.JobEvent;
import dev.i2v.contracts.events.WorkEvent;
import dev.i2v.jobs.problems.JobsException;

/** The job's rules — transitions, fencing, takeover, retries — on the state objects alone: no database, no Kafka. */
class JobTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    /** Three attempts, 1 s doubling to at most 10 s, with the random factor fixed at 1.0. */
    private static final RetryPolicy RETRIES = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.5);

    static Job aQueuedJob() {
        return Job.submitted(aCreateJob().build(), NOW).after();
    }

    static Job running(String worker, int delivery) {
        return aQueuedJob().start(worker, delivery, NOW).after();
    }

    @Test
    void aSubmittedJobWaitsOnTheDefaultLaneUntilAdmittedThenIsDispatchedOnce() {
        JobChange submitted = Job.submitted(aCreateJob().lane(null).build(), NOW);

        assertThat(submitted.after().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(submitted.after().lane()).isEqualTo(Lane.DEFAULT);
        assertThat(submitted.messages()).as("the scheduler dispatches it, not the submit").isEmpty();
        JobChange admitted = submitted.after().admit(NOW);
        assertThat(admitted.after().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(admitted.messages()).singleElement().isInstanceOfSatisfying(JobChange.Dispatch.class,
                d -> assertThat(d.record().image()).isEqualTo(submitted.after().image()));
        assertThatThrownBy(() -> running("w", 1).admit(NOW)).isInstanceOf(JobsException.IllegalJobTransition.class);
    }

    @Test
    void aJobRunsThenSucceedsWithFullProgressAndSaysSo() {
        Job started = running("w1", 1);
        Job progressed = started.progressTo(40, NOW).orElseThrow().after();
        JobChange done = progressed.succeed(aVideoOutput(started.id()), NOW.plusSeconds(9));

        assertThat(done.after().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.after().progress()).isEqualTo(100);
        assertThat(done.after().state().startedAt()).isEqualTo(NOW);
        assertThat(done.after().state().finishedAt()).isEqualTo(NOW.plusSeconds(9));
        assertThat(done.messages()).singleElement().isInstanceOfSatisfying(JobChange.Announce.class,
                a -> assertThat(a.event()).isInstanceOf(JobEvent.JobSucceeded.class));
    }

    @Test
    void progressNeverGoesBackAndStaysBelowHundredWhileRunning() {
        Job at60 = running("w1", 1).progressTo(60, NOW).orElseThrow().after();

        assertThat(at60.progressTo(30, NOW)).isEmpty();
        assertThat(at60.progressTo(100, NOW).orElseThrow().after().progress()).isEqualTo(99);
    }

    @Test
    void aQueuedJobCannotSucceedWithoutRunning() {
        assertThatThrownBy(() -> aQueuedJob().succeed(null, NOW)).isInstanceOf(JobsException.IllegalJobTransition.class);
    }

    @Test
    void aReportOfAnOlderAttemptOrDeliveryChangesNothing() {
        Job taken = running("frozen", 1).start("rescuer", 2, NOW).after();

        List<JobChange> late = taken.onReport(new WorkEvent.WorkFailed(UUID.randomUUID(), taken.id(), 1, 1,
                "engine_error", "late", false, NOW), RETRIES, NOW);
        List<JobChange> otherAttempt = taken.onReport(new WorkEvent.WorkSucceeded(UUID.randomUUID(), taken.id(), 2, 2,
                aVideoOutput(taken.id()), NOW), RETRIES, NOW);

        assertThat(late).isEmpty();
        assertThat(otherAttempt).isEmpty();
    }

    @Test
    void aNewerDeliveryTakesTheJobOverEvenWhenItsStartWasNotSeen() {
        Job first = running("w1", 1);

        List<JobChange> changes = first.onReport(new WorkEvent.WorkProgressed(UUID.randomUUID(), first.id(), 1, 2, 30,
                NOW), RETRIES, NOW);

        assertThat(changes).extracting(JobChange::reason).containsExactly("taken over after a lost lease", "progress");
        Job after = changes.get(1).after();
        assertThat(after.delivery()).isEqualTo(2);
        assertThat(after.state().startedAt()).as("the first start counts").isEqualTo(NOW);
        assertThat(changes.get(0).messages()).as("a takeover is no new start for credits").isEmpty();
        assertThat(after.isStale(1, 1)).isTrue();
    }

    @Test
    void aReportOfAQueuedJobStartsItFirst() {
        Job queued = aQueuedJob();

        List<JobChange> changes = queued.onReport(new WorkEvent.WorkSucceeded(UUID.randomUUID(), queued.id(), 1, 1,
                aVideoOutput(queued.id()), NOW), RETRIES, NOW);

        assertThat(changes).extracting(c -> c.after().status()).containsExactly(JobStatus.RUNNING, JobStatus.SUCCEEDED);
    }

    @Test
    void aTransientFailureIsRetriedWithBackoffUntilTheLastAttempt() {
        Job job = running("w1", 1);
        WorkEvent.WorkFailed transient1 = new WorkEvent.WorkFailed(UUID.randomUUID(), job.id(), 1, 1,
                "provider_unavailable", "503", true, NOW);

        Job retry = job.onReport(transient1, RETRIES, NOW).get(0).after();

        assertThat(retry.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(((JobState.Queued) retry.state()).notBefore()).isEqualTo(NOW.plusSeconds(1));
        assertThat(retry.view().error()).as("a retry is not an error to the client").isNull();
        Job third = retry.dispatchRetry(NOW).after().start("w2", 1, NOW).after()
                .failOrRetry(failed(retry.id(), 2), RETRIES, NOW).after();
        assertThat(((JobState.Queued) third.state()).notBefore()).isEqualTo(NOW.plusSeconds(2));
        Job gaveUp = third.dispatchRetry(NOW).after().start("w3", 1, NOW).after()
                .failOrRetry(failed(third.id(), 3), RETRIES, NOW).after();
        assertThat(gaveUp.status()).isEqualTo(JobStatus.FAILED);
        assertThat(gaveUp.state().error().message()).contains("gave up after 3 attempts");
    }

    @Test
    void aPermanentFailureFailsAtOnce() {
        Job job = running("w1", 1);

        JobChange failed = job.failOrRetry(new WorkEvent.WorkFailed(UUID.randomUUID(), job.id(), 1, 1, "moderation",
                "refused", false, NOW), RETRIES, NOW);

        assertThat(failed.after().status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.after().attempt()).isEqualTo(1);
    }

    @Test
    void onlyUnfinishedJobsCanBeCancelledAndACancelIsSaidOnce() {
        Job cancelled = aQueuedJob().cancel(NOW).orElseThrow().after();

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.cancel(NOW)).as("cancelling again changes nothing").isEmpty();
        Job failed = aQueuedJob().fail("x", "y", NOW, "failed").after();
        assertThatThrownBy(() -> failed.cancel(NOW)).isInstanceOf(JobsException.JobNotCancellable.class);
    }

    @Test
    void aRunningJobEndedWithoutItsWorkerAbandonsItsTaskAndNoOtherEndDoes() {
        assertThat(running("w", 1).cancel(NOW).orElseThrow().messages()).as("cancel of a running job")
                .hasAtLeastOneElementOfType(JobChange.AbandonTask.class);
        assertThat(running("w", 1).failUnreported("timeout", "too long", NOW, "timeout").messages())
                .as("timeout").hasAtLeastOneElementOfType(JobChange.AbandonTask.class);
        assertThat(aQueuedJob().cancel(NOW).orElseThrow().messages()).as("a queued attempt has no task")
                .noneMatch(JobChange.AbandonTask.class::isInstance);
        assertThat(running("w", 1).fail("moderation_blocked", "x", NOW, "failed").messages())
                .as("a worker's report: the worker handled its own task")
                .noneMatch(JobChange.AbandonTask.class::isInstance);
        assertThatThrownBy(() -> aQueuedJob().failUnreported("timeout", "x", NOW, "timeout"))
                .isInstanceOf(JobsException.IllegalJobTransition.class);
    }

    @Test
    void aFinishedJobWithAWebhookTellsIt() {
        Job hooked = Job.submitted(aCreateJob().webhook("https://example.com/hook").build(), NOW).after();

        JobChange cancelled = hooked.cancel(NOW).orElseThrow();

        assertThat(cancelled.messages()).filteredOn(JobChange.Webhook.class::isInstance).singleElement()
                .isInstanceOfSatisfying(JobChange.Webhook.class, w -> {
                    assertThat(w.type()).isEqualTo("video.cancelled");
                    assertThat(w.data()).containsEntry("status", "cancelled").containsKey("error");
                });
    }

    @Test
    void aFinishedJobCannotFailAgain() {
        Job failed = aQueuedJob().fail("engine_error", "boom", NOW, "failed").after();
        assertThatThrownBy(() -> failed.fail("x", "y", NOW, "failed")).isInstanceOf(JobsException.IllegalJobTransition.class);
    }

    private static WorkEvent.WorkFailed failed(UUID job, int attempt) {
        return new WorkEvent.WorkFailed(UUID.randomUUID(), job, attempt, 1, "provider_unavailable", "503", true, NOW);
    }
}
