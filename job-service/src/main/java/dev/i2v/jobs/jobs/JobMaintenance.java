package dev.i2v.jobs.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.i2v.contracts.JobStatus;
import dev.i2v.jobs.JobsProperties;

/**
 * Time-driven transitions: retries whose backoff is over are dispatched again; jobs whose lease ran out are
 * dispatched again for another worker; jobs running past the run timeout fail with {@code timeout} (their hold is released, a late result is ignored).
 */
@Component
class JobMaintenance {

    private static final Logger log = LoggerFactory.getLogger(JobMaintenance.class);

    private final JobRepository jobs;
    private final JobTransitions changes;
    private final JobsProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final LeaseRepository leaseRows;
    private final LeaseService leases;

    JobMaintenance(JobRepository jobs, JobTransitions changes, JobsProperties properties,
                   TransactionTemplate transactions, Clock clock, LeaseRepository leaseRows, LeaseService leases) {
        this.leaseRows = leaseRows;
        this.leases = leases;
        this.jobs = jobs;
        this.changes = changes;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${i2v.jobs.maintenance-interval:250ms}")
    void run() {
        try {
            dispatchDueRetries();
            expireLeases();
            failTimedOut();
            failQueueTimeouts();
        } catch (RuntimeException e) {
            log.warn("job maintenance pass failed, will retry: {}", e.toString());
        }
    }

    void dispatchDueRetries() {
        transactions.executeWithoutResult(status -> {
            for (Job job : jobs.lockDueRetries(clock.instant(), 100)) {
                changes.save(job.dispatchRetry(clock.instant()));
            }
        });
    }

    /** Jobs whose worker stopped renewing their lease go to another worker (or fail as poison). */
    void expireLeases() {
        for (UUID id : leaseRows.expired(clock.instant(), 100)) {
            leases.expire(id);
        }
    }

    /** Jobs that waited for their turn longer than their plan allows fail; their points are released. */
    void failQueueTimeouts() {
        Instant now = clock.instant();
        for (UUID id : jobs.pastQueueDeadline(now, 100)) {
            transactions.executeWithoutResult(status -> jobs.lock(id)
                    .filter(job -> job.status() == JobStatus.QUEUED && job.attempt() == 1)
                    .ifPresent(job -> changes.save(job.fail("queue_timeout", "the job waited for its turn longer "
                            + "than the plan allows", clock.instant(), "queue_timeout"))));
        }
    }

    void failTimedOut() {
        Instant startedBefore = clock.instant().minus(properties.runTimeout());
        List<UUID> overdue = jobs.runningSince(startedBefore, 100);
        for (UUID id : overdue) {
            transactions.executeWithoutResult(status -> jobs.lock(id)
                    .filter(job -> job.status() == JobStatus.RUNNING && job.state().startedAt().isBefore(startedBefore))
                    .ifPresent(job -> changes.save(job.failUnreported("timeout", "the job ran longer than " + properties.runTimeout(),
                            clock.instant(), "timeout"))));
        }
    }
}
