package dev.i2v.jobs.jobs;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.events.Topics;
import dev.i2v.jobs.outbox.Outbox;
import dev.i2v.jobs.providertasks.AbandonedTasks;
import dev.i2v.jobs.webhooks.WebhookOutbox;

/**
 * The one place a job's transition is saved, in the caller's transaction: the row, its transition history, the
 * outbox rows and webhook delivery the transition decided on, and (once committed) its metrics, through the
 * published {@link JobChange}. Callers never choose what to say after a save.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class JobTransitions {

    private final JobRepository jobs;
    private final Outbox outbox;
    private final WebhookOutbox webhooks;
    private final ApplicationEventPublisher events;
    private final AbandonedTasks abandoned;

    JobTransitions(JobRepository jobs, Outbox outbox, WebhookOutbox webhooks, ApplicationEventPublisher events,
                   AbandonedTasks abandoned) {
        this.jobs = jobs;
        this.abandoned = abandoned;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.events = events;
    }

    /**
     * Saves a new job; false (and nothing written) when a job with its id exists already.
     *
     * @param admission what the account's plan says about the job's start, for the scheduler
     */
    boolean insert(JobChange submitted, JobRepository.Admission admission) {
        if (!jobs.insert(submitted.after(), admission)) {
            return false;
        }
        written(submitted);
        return true;
    }

    void save(JobChange change) {
        jobs.update(change.after());
        written(change);
    }

    void saveAll(List<JobChange> changes) {
        changes.forEach(this::save);
    }

    private void written(JobChange change) {
        if (change.recorded()) {
            jobs.recordTransition(change);
        }
        Job job = change.after();
        for (JobChange.Message message : change.messages()) {
            switch (message) {
                case JobChange.Dispatch d -> outbox.append(Topics.dispatchTopic(job.lane()), job.id().toString(), d.record());
                case JobChange.Announce a -> outbox.append(Topics.JOB_EVENTS, job.id().toString(), a.event());
                case JobChange.AbandonTask t -> abandoned.abandon(job.id(), job.attempt(), change.reason());
                case JobChange.Webhook w -> webhooks.enqueue(job.id(), job.accountId(), w.url(), w.type(), w.data());
            }
        }
        if (change.recorded()) {
            events.publishEvent(change);
        }
    }
}
