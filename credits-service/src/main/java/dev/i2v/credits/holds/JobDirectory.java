package dev.i2v.credits.holds;

import java.util.UUID;

/**
 * Whether job-service has the job a hold was placed for. Job-service owns jobs, so only it can say that no job
 * was ever created for a hold (a crash between hold and job creation) — the one case where a hold may expire.
 */
interface JobDirectory {

    /** What job-service says of a job id. */
    enum Presence {
        /** The job exists (or existed): its end settles the hold. */
        EXISTS,
        /** Job-service has no such job: none was created, or it was deleted, which cancels it first. */
        MISSING,
        /** Job-service could not be asked: decide later. */
        UNKNOWN
    }

    Presence presence(UUID jobId);
}
