package dev.i2v.contracts.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import dev.i2v.contracts.JobStatus;

/** A change of a job's state, published by job-service through its outbox. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = JobEvent.JobStarted.class, name = "job_started"),
        @JsonSubTypes.Type(value = JobEvent.JobProgressed.class, name = "job_progressed"),
        @JsonSubTypes.Type(value = JobEvent.JobRetryScheduled.class, name = "job_retry_scheduled"),
        @JsonSubTypes.Type(value = JobEvent.JobSucceeded.class, name = "job_succeeded"),
        @JsonSubTypes.Type(value = JobEvent.JobFailed.class, name = "job_failed"),
        @JsonSubTypes.Type(value = JobEvent.JobCancelled.class, name = "job_cancelled")})
public sealed interface JobEvent {

    UUID eventId();

    UUID jobId();

    UUID accountId();

    Instant occurredAt();

    /** The job's status once this event happened. */
    @JsonIgnore
    JobStatus status();

    /** Whether the job has reached a state it never leaves. */
    @JsonIgnore
    default boolean terminal() {
        return status().terminal();
    }

    record JobStarted(UUID eventId, UUID jobId, UUID accountId, int attempt, Instant occurredAt)
            implements JobEvent {
        @Override
        public JobStatus status() {
            return JobStatus.RUNNING;
        }
    }

    /** The running job's progress, 0–100. */
    record JobProgressed(UUID eventId, UUID jobId, UUID accountId, int attempt, int progress, Instant occurredAt)
            implements JobEvent {
        @Override
        public JobStatus status() {
            return JobStatus.RUNNING;
        }
    }

    /** An attempt failed transiently; the job is queued again for attempt {@code nextAttempt} at {@code at}. */
    record JobRetryScheduled(UUID eventId, UUID jobId, UUID accountId, int nextAttempt, Instant at, String errorCode,
                             Instant occurredAt) implements JobEvent {
        @Override
        public JobStatus status() {
            return JobStatus.QUEUED;
        }
    }

    /** The job produced its video: its hold is to be captured. */
    record JobSucceeded(UUID eventId, UUID jobId, UUID accountId, long cost, VideoOutput output,
                        Instant occurredAt) implements JobEvent {
        @Override
        public JobStatus status() {
            return JobStatus.SUCCEEDED;
        }
    }

    /** The job failed for good: its hold is to be released. */
    record JobFailed(UUID eventId, UUID jobId, UUID accountId, String errorCode, String message,
                     Instant occurredAt) implements JobEvent {
        @Override
        public JobStatus status() {
            return JobStatus.FAILED;
        }
    }

    /** The job was cancelled: its hold is to be released. */
    record JobCancelled(UUID eventId, UUID jobId, UUID accountId, Instant occurredAt) implements JobEvent {
        @Override
        public JobStatus status() {
            return JobStatus.CANCELLED;
        }
    }
}
