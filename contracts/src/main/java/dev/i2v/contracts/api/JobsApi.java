package dev.i2v.contracts.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.i2v.contracts.InputImage;
import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.Lane;
import dev.i2v.contracts.events.VideoOutput;
import dev.i2v.contracts.models.ModelSpec;

/** Records of job-service's internal API. */
public final class JobsApi {

    private JobsApi() {
    }

    /**
     * {@code POST /internal/jobs}: records a job whose hold is placed; idempotent by id.
     *
     * @param lane            null: {@link Lane#DEFAULT}
     * @param image           the stored input image and what intake learned of it
     * @param webhookUrl      where the job's outcome is POSTed (Standard Webhooks), or null
     * @param promptOptimizer whether the provider should rewrite the prompt (where it can)
     * @param parallelLimit   how many of the account's jobs may run at once (its plan's): the job waits in
     *                        job-service until fewer run; null: no limit of the account's (internal callers)
     * @param queueTimeoutSeconds a job still waiting to start this long after its submit fails with
     *                        {@code queue_timeout} (its points released); null: it waits as long as it takes
     * @param turnWeight      how many of the account's jobs may start in each turn of its lane (its plan's
     *                        weight); null: 1
     * @param watermark       whether the account's plan shows its results watermarked, so the worker makes that
     *                        rendition too; null: it does (the safe side for callers that do not know)
     */
    public record CreateJob(UUID jobId, UUID accountId, String model, String prompt, int durationSeconds,
                            String resolution, Lane lane, long cost, InputImage image, String webhookUrl,
                            boolean promptOptimizer, Integer parallelLimit, Integer queueTimeoutSeconds,
                            Integer turnWeight, Boolean watermark) {

        /** Whether the job's worker makes the watermarked rendition (null: it does). */
        public boolean watermarked() {
            return !Boolean.FALSE.equals(watermark);
        }
    }

    /** {@code GET /internal/accounts/{id}/webhook-secret}: the account's webhook signing secret. */
    public record WebhookSecret(String secret) {
    }

    /**
     * {@code GET /internal/jobs/{id}}.
     *
     * @param queuePosition while queued: how many jobs start before this one (0 = next); else null
     * @param etaSeconds    while queued: a rough estimate of when it finishes, from recent run times
     */
    public record JobView(UUID id, UUID accountId, JobStatus status, String model, String prompt,
                          int durationSeconds, String resolution, Lane lane, long cost, int progress,
                          int attempt, Instant createdAt, Instant startedAt, Instant finishedAt,
                          JobError error, VideoOutput output, Integer queuePosition, Integer etaSeconds) {
    }

    /** One state change in a job's history (its {@code job_transitions} rows). */
    public record Transition(JobStatus from, JobStatus to, int attempt, String reason, Instant at) {
    }

    public record JobError(String code, String message) {
    }

    /**
     * {@code DELETE /internal/jobs/{id}}: the job is hidden from its owner from now on (cancelled first if it
     * had not finished, so its hold is released); {@code objectKeys} are its stored files, for the caller that
     * owns the object store to remove.
     */
    public record DeletedJob(UUID id, List<String> objectKeys) {
    }

    /**
     * {@code POST /internal/jobs/{id}/attempts/{attempt}/route-slots}: a worker asks for the route's budget before
     * each create call. The deployment's budgets per route (provider account) — concurrent tasks and creates per
     * minute, set to the account's real limits — are kept in job-service, so no number of workers exceeds them. The
     * slot is the attempt's (a worker taking the attempt over keeps it) until its task ends, the worker releases it
     * ({@code DELETE .../route-slots/{route}}) or the attempt ends. 409 {@code attempt_not_live} or
     * {@code delivery_superseded} as for the provider task.
     *
     * @param route    the route's account name, e.g. {@code runway-b}
     * @param delivery the asking claim
     */
    public record RouteSlotRequest(String route, int delivery) {
    }

    /**
     * The answer to a {@link RouteSlotRequest}: granted (create now), or not yet — the route is at its budget, the
     * job waits, asking again after {@code retryAfterMillis}.
     *
     * @param reason while not granted: {@code max_concurrent} or {@code creates_per_minute}
     */
    public record RouteSlot(boolean granted, long retryAfterMillis, String reason) {

        public static RouteSlot grant() {
            return new RouteSlot(true, 0, null);
        }
    }

    /**
     * {@code GET} and {@code PUT /internal/jobs/{id}/attempts/{attempt}/provider-task}: the task a provider created
     * for one attempt of a job, recorded the moment its id is known, so that a worker taking the attempt over polls
     * it instead of paying for a second one. Both answer 409 {@code attempt_not_live} once the attempt is over
     * (the job finished, was cancelled or deleted, or a newer attempt runs): a worker then calls no provider.
     *
     * @param provider the adapter's name, e.g. {@code minimax}; {@code null} while no task is recorded
     * @param taskId   the provider's task id; {@code null} while none is recorded
     * @param delivery the delivery of the attempt that created it (for the record)
     */
    public record ProviderTask(String provider, String taskId, int delivery) {

        /** What a live attempt without a task answers. */
        public static ProviderTask none() {
            return new ProviderTask(null, null, 0);
        }

        public boolean exists() {
            return taskId != null;
        }
    }

    /**
     * {@code POST /internal/jobs/{id}/attempts/{attempt}/claims}: a worker that took the attempt's dispatch record
     * from the share group claims it before it acknowledges the record. From then on the job is the worker's for as
     * long as its lease is renewed ({@link Heartbeat}); a lease that runs out hands the job to another worker. 409
     * {@code attempt_not_live} when the attempt is over, 409 {@code lease_held} while another worker's lease runs: the
     * record is then acknowledged and dropped.
     *
     * @param workerId the claiming worker, as it names itself in its heartbeats
     */
    public record ClaimRequest(String workerId) {
    }

    /**
     * What a claim grants.
     *
     * @param delivery the claim's number within the attempt (1 for the first): the worker's reports carry it, and
     *                 job-service ignores those of an older claim (a worker that lost its lease)
     * @param leaseMillis how long the lease lasts unless renewed, in milliseconds; heartbeat well within it
     * @param suspect  an earlier claim of this attempt ended without an outcome (its worker died or crashed on it):
     *                 a worker runs such a job alone, so that a job that crashes workers cannot take others with it
     */
    public record Claim(int delivery, long leaseMillis, boolean suspect) {
    }

    /** One claimed attempt, as a worker names it in its heartbeat and its releases. */
    public record Lease(UUID jobId, int attempt, int delivery) {
    }

    /**
     * {@code POST /internal/leases/heartbeat}: renews every lease the worker holds, in one call; answers the leases
     * that were not renewed (the job ended, or the lease ran out and the job went to another worker), whose work the
     * worker stops at once.
     */
    public record Heartbeat(String workerId, List<Lease> leases) {
    }

    public record HeartbeatAnswer(List<Lease> lost) {
    }

    /**
     * {@code POST /internal/leases/release}: the worker gives a job back before its lease runs out — draining
     * ({@code crashed} false) or because its runner crashed on it ({@code crashed} true, which counts towards the
     * job's poison limit). The job is dispatched again at once.
     */
    public record Release(String workerId, Lease lease, boolean crashed) {
    }

    /**
     * {@code GET /internal/admin/jobs}: operators' search over every account's jobs, newest first; each filter applies
     * only when given. Deleted jobs are included (an operator looks into what a user deleted too).
     */
    public record JobSearch(UUID accountId, JobStatus status, String model, String provider, String route, Lane lane,
                            Instant createdFrom, Instant createdTo) {
    }

    /** A page of a search; {@code nextCursor} (a job id) asks for the page after it, null at the end. */
    public record JobPage(List<JobView> data, String nextCursor) {
    }

    /**
     * {@code GET /internal/admin/jobs/{id}}: one job's whole record for an operator: its view, who runs or ran it,
     * its current attempt's provider task and lease, and every transition.
     *
     * @param workerId        the worker of the current (or last) attempt
     * @param delivery        how many times the current attempt's dispatch record was handed to a worker
     * @param lostClaims      the current attempt's claims that ended without an outcome (lease ran out, crash)
     * @param provider        the provider of the current attempt's task, null while none was created
     * @param route           the provider route (account) the current attempt creates its task on, null before
     * @param providerTaskId  the provider's task id: what the provider bills
     * @param deletedAt       when its owner deleted it, or null
     * @param image           the stored input image
     * @param webhookUrl      where its owner is told of its changes, or null
     * @param requeuedFrom    the failed job an operator requeued as this one, or null
     * @param requeuedAs      the job this one was requeued as, once it failed, or null
     */
    public record JobRecord(JobView job, String workerId, int delivery, String leaseWorker, Instant leaseExpiresAt,
                            int lostClaims, String provider, String route, String providerTaskId,
                            Integer providerTaskAttempt,
                            Instant providerTaskAt, Instant admittedAt, Instant queueDeadline, Instant deletedAt,
                            boolean promptOptimizer, boolean watermark, List<Transition> transitions,
                            InputImage image, String webhookUrl, UUID requeuedFrom, UUID requeuedAs) {
    }

    /**
     * {@code /internal/pauses}: a paused lane, model or route. Waiting jobs of a paused lane or model are not admitted
     * and a paused route grants no slot until it is resumed; running jobs finish.
     *
     * @param kind     {@code lane}, {@code model} or {@code route}
     * @param mode     {@code queue}: new submits are accepted and wait; {@code refuse}: the gateway answers them 503
     *                 ({@code model_paused}, {@code lane_paused}); a route is always {@code queue}
     * @param pausedBy the operator who paused it
     */
    public record Pause(String kind, String name, String mode, String reason, String pausedBy, Instant pausedAt) {

        public static final String REFUSE = "refuse";
        public static final String QUEUE = "queue";

        /** Whether the gateway refuses new submits of this model on this lane because of this pause. */
        public boolean refuses(String model, Lane lane) {
            return REFUSE.equals(mode) && ("model".equals(kind) && name.equals(model)
                    || "lane".equals(kind) && name.equals(lane.wireName()));
        }
    }

    /** {@code PUT /internal/pauses/{kind}/{name}}. */
    public record PauseRequest(String mode, String reason, String pausedBy) {
    }

    public record PauseList(List<Pause> data) {
    }

    /**
     * {@code GET /internal/admin/overview}: the queues as operators watch them.
     *
     * @param lanes  per lane: jobs waiting for admission, admitted and not yet running, running
     * @param models per model: jobs running
     * @param routes per provider route: open tasks (slots held) and creates in the last minute
     */
    public record Overview(List<LaneLoad> lanes, List<ModelLoad> models, List<RouteLoad> routes) {
    }

    public record LaneLoad(String lane, long waiting, long admitted, long running) {
    }

    /**
     * A model's queue now and its health: its jobs that ended in the last 15 minutes.
     *
     * @param recentErrorCode the commonest error code of those that failed, or null
     */
    public record ModelLoad(String model, long running, long queued, long recentSucceeded, long recentFailed,
                            String recentErrorCode) {
    }

    /**
     * A provider route (account) now: its open tasks and creates against its deployment-wide budget.
     *
     * @param maxConcurrent    the budget's open tasks, null when it has none
     * @param createsPerMinute the budget's creates per minute, null when it has none
     * @param paused           whether an operator paused it (it grants no slot)
     */
    public record RouteLoad(String route, long openTasks, long createsLastMinute, Integer maxConcurrent,
                            Integer createsPerMinute, boolean paused) {
    }

    /**
     * {@code /internal/models}: one model of the catalogue as data. job-service keeps it and seeds it from the compiled
     * {@link dev.i2v.contracts.models.ModelCatalogue} on start (a model an operator edited keeps the operator's values);
     * the gateway offers and checks requests against it, re-reading it every few seconds.
     *
     * @param provider      the adapter that serves it ({@code local}, {@code minimax}, {@code runway}, {@code kling},
     *                      {@code luma}, {@code fal}): code exists only per provider
     * @param providerModel the provider's own model id
     * @param enabled       false: not offered (submits answer 422 unsupported_option), running jobs finish
     * @param updatedBy     the operator of the last edit, or {@code catalogue} for the compiled default
     */
    public record CatalogueModel(String id, String provider, String providerModel, List<Integer> durations,
                                 List<String> resolutions, boolean promptOptimizer, boolean enabled, Instant updatedAt,
                                 String updatedBy) {

        /** As the compiled catalogue describes a model. */
        public ModelSpec spec() {
            return new ModelSpec(id, provider, providerModel, durations, resolutions, promptOptimizer);
        }
    }

    /** {@code PUT /internal/models/{id}}: every field of the model; omitted booleans: prompt optimizer off, enabled. */
    public record CatalogueModelRequest(String provider, String providerModel, List<Integer> durations,
                                        List<String> resolutions, Boolean promptOptimizer, Boolean enabled,
                                        String updatedBy) {
    }

    public record CatalogueList(List<CatalogueModel> data) {
    }
}
