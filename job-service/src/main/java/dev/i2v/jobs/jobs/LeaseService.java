package dev.i2v.jobs.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.jobs.JobsProperties;
import dev.i2v.jobs.problems.JobsException;

/**
 * Who owns a running job. A worker that took a dispatch record from the share group claims its attempt here and
 * then acknowledges the record, so no Kafka record is held while the job runs; from then on the job is the
 * worker's while its heartbeat renews the lease. A lease that runs out (the worker died or froze) or is released
 * (a drain, a crash) dispatches the attempt again; the next claim is a new delivery, which fences the old owner's
 * reports. A job whose claims keep ending without an outcome fails as {@code poison_job}.
 */
@Service
public class LeaseService {

    private static final Logger log = LoggerFactory.getLogger(LeaseService.class);

    private final JobRepository jobs;
    private final LeaseRepository leases;
    private final JobTransitions transitions;
    private final JobsProperties properties;
    private final Clock clock;

    LeaseService(JobRepository jobs, LeaseRepository leases, JobTransitions transitions, JobsProperties properties,
                 Clock clock) {
        this.jobs = jobs;
        this.leases = leases;
        this.transitions = transitions;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public JobsApi.Claim claim(UUID jobId, int attempt, String worker) {
        if (worker == null || worker.isBlank()) {
            throw new JobsException.InvalidJobRequest("worker_id is required");
        }
        Job job = jobs.lockShown(jobId).orElseThrow(() -> new JobsException.AttemptNotLive(jobId, attempt));
        if (!job.claimable(attempt)) {
            throw new JobsException.AttemptNotLive(jobId, attempt);
        }
        if (jobs.waitsForAdmission(jobId)) {
            throw new JobsException.NotAdmitted(jobId);
        }
        Instant now = clock.instant();
        LeaseRepository.LeaseRow lease = leases.find(jobId).orElseThrow();
        if (lease.heldAt(now)) {
            throw new JobsException.LeaseHeld(jobId, attempt);
        }
        boolean first = job.status() == JobStatus.QUEUED;
        JobChange claimed = job.claim(worker, now);
        transitions.save(claimed);
        leases.grant(jobId, worker, now.plus(properties.leaseDuration()), first);
        int lost = first ? 0 : lease.lostClaims();
        return new JobsApi.Claim(claimed.after().delivery(), properties.leaseDuration().toMillis(), lost > 0);
    }

    /** @return the leases not renewed: their jobs ended or went to another worker */
    @Transactional
    public List<JobsApi.Lease> renew(JobsApi.Heartbeat heartbeat) {
        if (heartbeat.workerId() == null || heartbeat.workerId().isBlank() || heartbeat.leases() == null) {
            throw new JobsException.InvalidJobRequest("worker_id and leases are required");
        }
        Set<UUID> renewed = leases.renew(heartbeat.workerId(), heartbeat.leases(),
                clock.instant().plus(properties.leaseDuration()));
        return heartbeat.leases().stream().filter(l -> !renewed.contains(l.jobId())).toList();
    }

    /** The worker gives the job back: dispatched again now, and counted towards poison when its runner crashed. */
    @Transactional
    public void release(JobsApi.Release release) {
        if (release.workerId() == null || release.lease() == null || release.lease().jobId() == null) {
            throw new JobsException.InvalidJobRequest("worker_id and lease are required");
        }
        JobsApi.Lease lease = release.lease();
        jobs.lock(lease.jobId())
                .filter(job -> job.status() == JobStatus.RUNNING && job.attempt() == lease.attempt()
                        && job.delivery() == lease.delivery())
                .ifPresent(job -> {
                    LeaseRepository.LeaseRow row = leases.find(job.id()).orElseThrow();
                    if (release.workerId().equals(row.worker())) {
                        endLease(job, row, release.crashed(), release.crashed()
                                ? "its worker crashed on it" : "its worker handed it back");
                    }
                });
    }

    /** One expired lease, under the job's row lock; a lease renewed or ended meanwhile is left alone. */
    @Transactional
    public void expire(UUID jobId) {
        Instant now = clock.instant();
        jobs.lock(jobId)
                .filter(job -> job.status() == JobStatus.RUNNING)
                .ifPresent(job -> {
                    LeaseRepository.LeaseRow lease = leases.find(jobId).orElseThrow();
                    if (lease.expiresAt() != null && !lease.heldAt(now)) {
                        endLease(job, lease, true, "its lease ran out");
                    }
                });
    }

    /** {@code lease} is the job's lease as read under its row lock. */
    private void endLease(Job job, LeaseRepository.LeaseRow lease, boolean counts, String why) {
        int lost = lease.lostClaims() + (counts ? 1 : 0);
        Instant now = clock.instant();
        if (lost >= properties.poisonClaims()) {
            log.warn("job {} attempt {}: {}, {} claims lost: failing it as poison", job.id(), job.attempt(), why, lost);
            transitions.save(job.failUnreported("poison_job", "the job was claimed " + lost
                    + " times without finishing; workers crashed or died on it", now, "poison"));
        } else {
            log.info("job {} attempt {} delivery {}: {}; dispatched again", job.id(), job.attempt(), job.delivery(), why);
            transitions.save(job.redispatch(why, now));
        }
        leases.lost(job.id(), counts);
    }
}
