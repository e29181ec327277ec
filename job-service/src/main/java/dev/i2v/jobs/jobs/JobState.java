package dev.i2v.jobs.jobs;

import java.time.Instant;

import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.events.VideoOutput;

/**
 * Where a job stands; each state carries only its own data. {@link Job}'s transitions move between them,
 * as {@link JobStatus} allows.
 */
public sealed interface JobState {

    JobStatus status();

    /** How far a worker got, 0–100. */
    default int progress() {
        return 0;
    }

    /** The share-group delivery of the dispatch record the last worker started (0: none yet this attempt). */
    default int delivery() {
        return 0;
    }

    /** The worker that runs or ran this attempt; null if none did. */
    default String workerId() {
        return null;
    }

    default Instant startedAt() {
        return null;
    }

    default Instant finishedAt() {
        return null;
    }

    /** What the client is told went wrong; null while nothing has (a queued retry keeps it to itself). */
    default JobsApi.JobError error() {
        return null;
    }

    /**
     * Waiting for a worker.
     *
     * @param notBefore a retry's end of backoff, null once its dispatch record is written (or for a first attempt)
     * @param lastError why the previous attempt failed, null for a first attempt
     */
    record Queued(Instant notBefore, JobsApi.JobError lastError) implements JobState {
        static final Queued FIRST = new Queued(null, null);

        @Override
        public JobStatus status() {
            return JobStatus.QUEUED;
        }
    }

    /** @param delivery the share-group delivery of the dispatch record this worker started */
    record Running(String workerId, int delivery, Instant startedAt, int progress) implements JobState {
        @Override
        public JobStatus status() {
            return JobStatus.RUNNING;
        }
    }

    record Succeeded(String workerId, int delivery, Instant startedAt, Instant finishedAt, VideoOutput output)
            implements JobState {
        @Override
        public JobStatus status() {
            return JobStatus.SUCCEEDED;
        }

        @Override
        public int progress() {
            return 100;
        }
    }

    /** @param startedAt null when the job failed before any worker ran it */
    record Failed(String workerId, int delivery, Instant startedAt, Instant finishedAt, int progress,
                  JobsApi.JobError error) implements JobState {
        @Override
        public JobStatus status() {
            return JobStatus.FAILED;
        }
    }

    record Cancelled(String workerId, int delivery, Instant startedAt, Instant finishedAt, int progress)
            implements JobState {
        static final JobsApi.JobError ERROR = new JobsApi.JobError("cancelled", "cancelled by the client");

        @Override
        public JobStatus status() {
            return JobStatus.CANCELLED;
        }

        @Override
        public JobsApi.JobError error() {
            return ERROR;
        }
    }
}
