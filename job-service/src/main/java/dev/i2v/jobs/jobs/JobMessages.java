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

/** What job-service says about jobs, written to the outbox in the caller's transaction. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class JobMessages {

    private final Outbox outbox;
    private final Clock clock;

    JobMessages(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Hands the job's current attempt to the workers, on its lane's topic. */
    public void dispatch(Job job) {
        outbox.append(Topics.dispatchTopic(job.lane()), job.id().toString(),
                new JobDispatched(UUID.randomUUID(), job.id(), job.attempt(), job.accountId(), job.model(), job.prompt(),
                        job.durationSeconds(), job.resolution(), job.lane(), job.imageKey(), clock.instant()));
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

    /** The job's terminal state: credits settles its hold from this. */
    public void finished(Job job) {
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

    private void announce(JobEvent event) {
        outbox.append(Topics.JOB_EVENTS, event.jobId().toString(), event);
    }
}
