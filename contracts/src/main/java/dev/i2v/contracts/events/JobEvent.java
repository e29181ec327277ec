package dev.i2v.contracts.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A change of a job's state, published by job-service through its outbox. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = JobEvent.JobStarted.class, name = "job_started"),
        @JsonSubTypes.Type(value = JobEvent.JobSucceeded.class, name = "job_succeeded"),
        @JsonSubTypes.Type(value = JobEvent.JobFailed.class, name = "job_failed"),
        @JsonSubTypes.Type(value = JobEvent.JobCancelled.class, name = "job_cancelled")})
public sealed interface JobEvent {

    UUID eventId();

    UUID jobId();

    UUID accountId();

    Instant occurredAt();

    /** Whether the job has reached a state it never leaves. */
    default boolean terminal() {
        return !(this instanceof JobStarted);
    }

    record JobStarted(UUID eventId, UUID jobId, UUID accountId, int attempt, Instant occurredAt)
            implements JobEvent {
    }

    /** The job produced its video: its hold is to be captured. */
    record JobSucceeded(UUID eventId, UUID jobId, UUID accountId, long cost, VideoOutput output,
                        Instant occurredAt) implements JobEvent {
    }

    /** The job failed for good: its hold is to be released. */
    record JobFailed(UUID eventId, UUID jobId, UUID accountId, String errorCode, String message,
                     Instant occurredAt) implements JobEvent {
    }

    /** The job was cancelled: its hold is to be released. */
    record JobCancelled(UUID eventId, UUID jobId, UUID accountId, Instant occurredAt) implements JobEvent {
    }
}
