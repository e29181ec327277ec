package dev.i2v.jobs.providertasks;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.events.ProviderTaskAbandoned;
import dev.i2v.contracts.events.Topics;
import dev.i2v.jobs.outbox.Outbox;

/**
 * Hands the provider task of a job that ended without its worker's report to the fleet, which cancels it at the
 * provider: written to the outbox in the transaction that ended the job, so a crash loses neither.
 */
@Component
public class AbandonedTasks {

    private static final Logger log = LoggerFactory.getLogger(AbandonedTasks.class);

    private final ProviderTaskRepository tasks;
    private final Outbox outbox;
    private final Clock clock;

    AbandonedTasks(ProviderTaskRepository tasks, Outbox outbox, Clock clock) {
        this.tasks = tasks;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Abandons the task of {@code attempt}, if one was recorded; the caller holds the job's row lock. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void abandon(UUID jobId, int attempt, String reason) {
        tasks.find(jobId, false).filter(row -> row.hasTaskOf(attempt)).ifPresent(row -> {
            log.info("job {} attempt {} ended ({}) with {} task {} open: handed to the workers to cancel", jobId,
                    attempt, reason, row.provider(), row.taskId());
            outbox.append(Topics.PROVIDER_TASKS_ABANDONED, jobId.toString(), new ProviderTaskAbandoned(
                    UUID.randomUUID(), jobId, attempt, row.provider(), row.taskId(), reason, clock.instant()));
        });
    }
}
