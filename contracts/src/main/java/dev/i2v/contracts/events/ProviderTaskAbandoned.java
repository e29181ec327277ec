package dev.i2v.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Job-service → workers: a job ended without its worker's report (cancelled or deleted by its owner, timed out,
 * failed as poison) while its attempt had a task at a hosted provider, so nobody will collect that task's result.
 * One worker of the fleet (a consumer group shared by all) asks the provider to cancel it, where the provider's API
 * has a cancel (Runway, fal, Luma) — which matters when the worker that followed the task is dead. The worker that
 * followed it, if alive, cancels it too: a provider's cancel is idempotent, a task's cost is not.
 *
 * @param route  the provider account the task was created on (a route name, e.g. {@code runway-b})
 * @param reason why the job ended: {@code cancelled}, {@code timeout}, {@code poison}
 */
public record ProviderTaskAbandoned(UUID eventId, UUID jobId, int attempt, String route, String taskId, String reason,
                                    Instant occurredAt) {
}
