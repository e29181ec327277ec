package dev.i2v.worker.dispatch;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.i2v.contracts.api.JobsApi;

/**
 * The heartbeat: renews the leases of all the worker's claimed jobs in one call, every third of the lease, and
 * stops the work of those job-service did not renew (the job ended, or the worker was too slow and another worker
 * took it over). When job-service cannot be reached for longer than a lease, the leases may be gone: every job is
 * stopped, because another worker may own it by now; a stale worker must not bill or report.
 */
@Component
class LeaseKeeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
    private static final long DEFAULT_LEASE_MILLIS = 30_000;

    private final Leases leases;
    private final ClaimedJobs claimed;
    private volatile long leaseMillis = DEFAULT_LEASE_MILLIS;
    private volatile Thread thread;

    LeaseKeeper(Leases leases, ClaimedJobs claimed) {
        this.leases = leases;
        this.claimed = claimed;
    }

    /** What job-service grants; the shortest lease seen sets the heartbeat's pace. */
    void granted(JobsApi.Claim claim) {
        if (claim.leaseMillis() > 0 && claim.leaseMillis() < leaseMillis) {
            leaseMillis = claim.leaseMillis();
        }
    }

    synchronized void start(String workerId) {
        if (thread == null) {
            thread = Thread.ofPlatform().name(workerId + "-heartbeat").daemon().start(this::beat);
        }
    }

    synchronized void stop() {
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
    }

    private void beat() {
        long lastRenewed = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                TimeUnit.MILLISECONDS.sleep(Math.max(100, leaseMillis / 3));
            } catch (InterruptedException e) {
                return;
            }
            List<JobsApi.Lease> held = claimed.leases();
            if (held.isEmpty()) {
                lastRenewed = System.nanoTime();
                continue;
            }
            try {
                for (JobsApi.Lease lost : leases.renew(held)) {
                    if (claimed.stop(lost.jobId())) {
                        log.warn("lost the lease of job {}: stopping it, it ended or another worker owns it now",
                                lost.jobId());
                    }
                }
                lastRenewed = System.nanoTime();
            } catch (Leases.Unavailable e) {
                long silent = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRenewed);
                log.warn("heartbeat failed ({} ms without a renewal): {}", silent, e.getMessage());
                if (silent > leaseMillis) {
                    log.warn("leases may have run out: stopping all {} jobs, other workers may own them now",
                            held.size());
                    held.forEach(lease -> claimed.stop(lease.jobId()));
                }
            }
        }
    }
}
