package dev.i2v.jobs.jobs;

import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.events.JobDispatched;
import dev.i2v.contracts.events.JobEvent;
import dev.i2v.contracts.events.Topics;
import dev.i2v.jobs.outbox.Outbox;
import dev.i2v.jobs.webhooks.WebhookOutbox;

/** What job-service says about jobs, written to the outbox in the caller's transaction. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class JobMessages {

    private final Outbox outbox;
    private final WebhookOutbox webhooks;
    private final Clock clock;

    JobMessages(Outbox outbox, WebhookOutbox webhooks, Clock clock) {
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** Hands the job's current attempt to the workers, on its lane's topic. */
    public void dispatch(Job job) {
        outbox.append(Topics.dispatchTopic(job.lane()), job.id().toString(),
                new JobDispatched(UUID.randomUUID(), job.id(), job.attempt(), job.accountId(), job.model(), job.prompt(),
                        job.durationSeconds(), job.resolution(), job.lane(), job.imageKey(), clock.instant(),
                        job.promptOptimizer()));
    }

    public void started(Job job) {
        announce(new JobEvent.JobStarted(UUID.randomUUID(), job.id(), job.accountId(), job.attempt(), clock.instant()));
    }

    public void progressed(Job job) {
        announce(new JobEvent.JobProgressed(UUID.randomUUID(), job.id(), job.accountId(), job.attempt(), job.progress(),
                clock.instant()));
    }

    public void retryScheduled(Job job) {
        announce(new JobEvent.JobRetryScheduled(UUID.randomUUID(), job.id(), job.accountId(), job.attempt(),
                job.nextAttemptAt(), job.errorCode(), clock.instant()));
    }

    /** The job's terminal state: credits settles its hold from this, and its webhook (if any) is told. */
    public void finished(Job job) {
        if (job.webhookUrl() != null) {
            webhooks.enqueue(job.id(), job.accountId(), job.webhookUrl(), "video." + job.status().wireName(),
                    webhookData(job));
        }
        switch (job.status()) {
            case SUCCEEDED -> announce(new JobEvent.JobSucceeded(UUID.randomUUID(), job.id(), job.accountId(), job.cost(),
                    job.output(), clock.instant()));
            case FAILED -> announce(new JobEvent.JobFailed(UUID.randomUUID(), job.id(), job.accountId(), job.errorCode(),
                    job.errorMessage(), clock.instant()));
            case CANCELLED -> announce(new JobEvent.JobCancelled(UUID.randomUUID(), job.id(), job.accountId(),
                    clock.instant()));
            default -> throw new IllegalArgumentException("job " + job.id() + " is not finished: " + job.status());
        }
    }

    private static java.util.Map<String, Object> webhookData(Job job) {
        java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("id", job.id().toString());
        data.put("status", job.status().wireName());
        data.put("model", job.model());
        data.put("cost", job.cost());
        if (job.errorCode() != null && job.status() != JobStatus.SUCCEEDED) {
            data.put("error", java.util.Map.of("code", job.errorCode(), "message", String.valueOf(job.errorMessage())));
        }
        if (job.output() != null) {
            data.put("output", java.util.Map.of("content_url", "/v1/videos/" + job.id() + "/content",
                    "width", job.output().width(), "height", job.output().height(),
                    "duration", job.output().durationSeconds()));
        }
        return data;
    }

    private void announce(JobEvent event) {
        outbox.append(Topics.JOB_EVENTS, event.jobId().toString(), event);
    }
}
