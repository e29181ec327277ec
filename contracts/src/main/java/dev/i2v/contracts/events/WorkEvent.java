package dev.i2v.contracts.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a worker reports about one attempt at a job. {@code attempt} is job-service's attempt number
 * (it grows with each retry); {@code delivery} is the share group's delivery count of the dispatch
 * record (it grows when a crashed or frozen worker's job is handed to another). Reports of an older
 * (attempt, delivery) than the job's current one are ignored: that is the fencing of stale workers.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WorkEvent.WorkStarted.class, name = "work_started"),
        @JsonSubTypes.Type(value = WorkEvent.WorkProgressed.class, name = "work_progressed"),
        @JsonSubTypes.Type(value = WorkEvent.WorkSucceeded.class, name = "work_succeeded"),
        @JsonSubTypes.Type(value = WorkEvent.WorkFailed.class, name = "work_failed")})
public sealed interface WorkEvent {

    UUID eventId();

    UUID jobId();

    int attempt();

    int delivery();

    Instant occurredAt();

    /** A worker took the job and began running it. */
    record WorkStarted(UUID eventId, UUID jobId, int attempt, int delivery, String workerId, Instant occurredAt)
            implements WorkEvent {
    }

    /** @param progress 0–100 */
    record WorkProgressed(UUID eventId, UUID jobId, int attempt, int delivery, int progress, Instant occurredAt)
            implements WorkEvent {
    }

    /** The video is stored; {@code output} says where and what it is. */
    record WorkSucceeded(UUID eventId, UUID jobId, int attempt, int delivery, VideoOutput output, Instant occurredAt)
            implements WorkEvent {
    }

    /**
     * The attempt failed.
     *
     * @param retryable whether another attempt could succeed (provider 5xx, timeouts) or not
     *                  (moderation, invalid input)
     */
    record WorkFailed(UUID eventId, UUID jobId, int attempt, int delivery, String errorCode, String message,
                      boolean retryable, Instant occurredAt) implements WorkEvent {
    }
}
