package dev.i2v.worker.dispatch;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.i2v.contracts.api.JobsApi;

/**
 * Where a worker claims the jobs it takes and keeps them (job-service). A job is claimed before its dispatch
 * record is acknowledged, so from the claim on it holds no Kafka record; the worker keeps it by renewing all its
 * leases with one heartbeat, and gives it back when it drains or its runner crashes.
 */
interface Leases {

    /**
     * Claims the attempt for this worker.
     *
     * @return empty when the attempt is not this worker's to run (it is over, or another worker's lease runs): the
     *         dispatch record is dropped
     * @throws Unavailable when job-service could not answer; the record is kept and the claim tried again
     */
    Optional<JobsApi.Claim> claim(UUID jobId, int attempt);

    /**
     * Renews the leases.
     *
     * @return those not renewed: their jobs ended or went to another worker
     * @throws Unavailable when job-service could not answer
     */
    List<JobsApi.Lease> renew(List<JobsApi.Lease> leases);

    /** Gives the job back for another worker now; best effort (an unreleased lease runs out instead). */
    void release(JobsApi.Lease lease, boolean crashed);

    /** job-service could not be asked; nothing is known either way. */
    final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
