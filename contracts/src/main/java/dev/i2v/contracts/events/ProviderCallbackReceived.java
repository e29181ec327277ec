package dev.i2v.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Gateway → workers: a hosted provider called back about the task of a job's attempt (the callback's link was
 * verified as one a worker made for that attempt). Advisory: the worker waiting on the task queries it at once
 * instead of at its next poll, and trusts only what the query answers. Losing one costs a poll interval, nothing
 * more, so it is published directly, not through an outbox.
 *
 * @param taskId the task id the callback named, where its body carries one ({@code null} otherwise)
 */
public record ProviderCallbackReceived(UUID eventId, UUID jobId, int attempt, String provider, String taskId,
                                       Instant receivedAt) {
}
