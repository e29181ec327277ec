package dev.i2v.jobs.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.InputImage;
import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.events.VideoOutput;

/**
 * Jobs and their transition history in the {@code jobs} schema. Only {@link JobTransitions} writes through it,
 * so a saved job always comes with its history and messages.
 */
@Repository
class JobRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JobRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Job> find(UUID id) {
        return jdbc.sql("select * from jobs where id = :id").param("id", id).query(this::job).optional();
    }

    /** The job unless its owner deleted it. */
    Optional<Job> findShown(UUID id) {
        return jdbc.sql("select * from jobs where id = :id and deleted_at is null").param("id", id).query(this::job)
                .optional();
    }

    /** Locks the job unless its owner deleted it. */
    Optional<Job> lockShown(UUID id) {
        return jdbc.sql("select * from jobs where id = :id and deleted_at is null for update").param("id", id)
                .query(this::job).optional();
    }

    /** Records that {@code requeued} is the failed job {@code failed} requeued by an operator. */
    void markRequeued(UUID requeued, UUID failed) {
        jdbc.sql("update jobs set requeued_from = :failed where id = :id").param("id", requeued).param("failed", failed)
                .update();
    }

    /** The job a failed job was requeued as, if it was. */
    Optional<UUID> requeuedAs(UUID failed) {
        return jdbc.sql("select id from jobs where requeued_from = :failed").param("failed", failed).query(UUID.class)
                .optional();
    }

    void markDeleted(UUID id, Instant at) {
        jdbc.sql("update jobs set deleted_at = :at where id = :id").param("id", id).param("at", utc(at)).update();
    }

    /** Reads the job and locks its row until the transaction ends. */
    Optional<Job> lock(UUID id) {
        return jdbc.sql("select * from jobs where id = :id for update").param("id", id).query(this::job).optional();
    }

    /** Whether the job is queued and was never admitted (no dispatch record of it was written). */
    boolean waitsForAdmission(UUID id) {
        return jdbc.sql("select status = 'queued' and admitted_at is null from jobs where id = :id").param("id", id)
                .query(Boolean.class).optional().orElse(false);
    }

    /** The job, locked, if it still waits for admission (queued, never admitted, not deleted). */
    Optional<Job> lockWaiting(UUID id) {
        return jdbc.sql("""
                        select * from jobs where id = :id and status = 'queued' and admitted_at is null
                           and deleted_at is null for update""").param("id", id).query(this::job).optional();
    }

    /** Jobs that never started and whose queue deadline passed (a retry's wait is not a wait for a turn). */
    List<UUID> pastQueueDeadline(Instant now, int limit) {
        return jdbc.sql("""
                        select id from jobs where status = 'queued' and attempt = 1 and queue_deadline < :now
                         order by queue_deadline limit :limit""")
                .param("now", utc(now)).param("limit", limit).query(UUID.class).list();
    }

    Optional<String> traceparentOf(UUID id) {
        return jdbc.sql("select traceparent from jobs where id = :id").param("id", id).query(String.class).optional();
    }

    void markAdmitted(UUID id, Instant at) {
        jdbc.sql("update jobs set admitted_at = :at where id = :id").param("id", id).param("at", utc(at)).update();
    }

    /**
     * What the account's plan says about a new job's start.
     *
     * @param parallelLimit its account's jobs that may run at once (null: no limit)
     * @param queueDeadline when it fails with {@code queue_timeout} if it has not started (null: never)
     * @param traceparent   the submit's trace, which its admission continues (null: none)
     * @param turnWeight    how many of its account's jobs may start in one turn of its lane
     */
    record Admission(Integer parallelLimit, Instant queueDeadline, String traceparent, int turnWeight) {
    }

    /** @return false if a job with this id exists already */

    boolean insert(Job job, Admission admission) {
        return jdbc.sql("""
                        insert into jobs (id, account_id, status, model, prompt, duration_seconds, resolution, lane,
                                          cost, image_key, image_content_type, image_width, image_height, progress,
                                          attempt, created_at, webhook_url, prompt_optimizer, parallel_limit,
                                          queue_deadline, traceparent, turn_weight, watermark)
                        values (:id, :account, :status, :model, :prompt, :duration, :resolution, :lane,
                                :cost, :image, :imageType, :imageWidth, :imageHeight, 0,
                                :attempt, :created, :webhook, :optimizer, :parallel, :deadline, :trace, :weight,
                                :watermark)
                        on conflict (id) do nothing
                        """)
                .param("id", job.id()).param("account", job.accountId()).param("status", job.status().wireName())
                .param("model", job.model()).param("prompt", job.prompt()).param("duration", job.durationSeconds())
                .param("resolution", job.resolution()).param("lane", job.lane().wireName()).param("cost", job.cost())
                .param("image", job.image().key()).param("imageType", job.image().contentType())
                .param("imageWidth", job.image().width()).param("imageHeight", job.image().height())
                .param("attempt", job.attempt()).param("created", utc(job.createdAt()))
                .param("webhook", job.webhookUrl()).param("optimizer", job.promptOptimizer())
                .param("parallel", admission.parallelLimit()).param("deadline", utc(admission.queueDeadline()))
                .param("trace", admission.traceparent()).param("weight", admission.turnWeight())
                .param("watermark", job.watermark())
                .update() == 1;
    }

    /** Saves the job's new state. */
    void update(Job job) {
        JobState state = job.state();
        JobState.Queued queued = state instanceof JobState.Queued q ? q : null;
        JobsApi.JobError error = queued != null ? queued.lastError() : state.error();
        VideoOutput output = state instanceof JobState.Succeeded s ? s.output() : null;
        jdbc.sql("""
                        update jobs set status = :status, progress = :progress, attempt = :attempt, delivery = :delivery,
                               worker_id = :worker, output = cast(:output as jsonb), error_code = :code,
                               error_message = :message, started_at = :started, finished_at = :finished,
                               next_attempt_at = :nextAttempt
                         where id = :id
                        """)
                .param("status", job.status().wireName()).param("progress", job.progress())
                .param("attempt", job.attempt()).param("worker", state.workerId())
                .param("output", output == null ? null : json.writeValueAsString(output))
                .param("code", error == null ? null : error.code())
                .param("message", error == null ? null : error.message())
                .param("started", utc(state.startedAt())).param("finished", utc(state.finishedAt()))
                .param("delivery", state.delivery())
                .param("nextAttempt", utc(queued == null ? null : queued.notBefore()))
                .param("id", job.id())
                .update();
    }

    void recordTransition(JobChange change) {
        jdbc.sql("insert into job_transitions (job_id, from_status, to_status, attempt, reason) values (:job, :from, :to, :attempt, :reason)")
                .param("job", change.after().id()).param("from", change.from() == null ? null : change.from().wireName())
                .param("to", change.after().status().wireName()).param("attempt", change.after().attempt())
                .param("reason", change.reason()).update();
    }

    /** Queued retries whose backoff is over, locked for dispatch; other relays skip them. */
    List<Job> lockDueRetries(Instant now, int limit) {
        return jdbc.sql("""
                        select * from jobs where status = :queued and next_attempt_at <= :now
                         order by next_attempt_at limit :limit for update skip locked
                        """)
                .param("queued", JobStatus.QUEUED.wireName()).param("now", utc(now)).param("limit", limit)
                .query(this::job).list();
    }

    /** Running jobs started before {@code startedBefore}. */
    List<UUID> runningSince(Instant startedBefore, int limit) {
        return jdbc.sql("select id from jobs where status = :running and started_at < :before order by started_at limit :limit")
                .param("running", JobStatus.RUNNING.wireName()).param("before", utc(startedBefore)).param("limit", limit).query(UUID.class).list();
    }

    /**
     * The inputs of an ETA for a job of {@code model}: the mean run time of the model's last 50 successes (of any
     * model's while it has none; 10 s on a new system) and how many jobs run now.
     */
    double[] recentRunSecondsAndRunning(String model) {
        return jdbc.sql("""
                        select coalesce((select avg(extract(epoch from finished_at - started_at)) from (
                                   select finished_at, started_at from jobs where status = :succeeded and model = :model
                                    order by finished_at desc limit 50) recent),
                                        (select avg(extract(epoch from finished_at - started_at)) from (
                                   select finished_at, started_at from jobs where status = :succeeded
                                    order by finished_at desc limit 50) recent), 10),
                               (select count(*) from jobs where status = :running)
                        """)
                .param("succeeded", JobStatus.SUCCEEDED.wireName()).param("running", JobStatus.RUNNING.wireName())
                .param("model", model)
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
    }

    List<JobsApi.Transition> transitions(UUID jobId) {
        return jdbc.sql("select from_status, to_status, attempt, reason, at from job_transitions where job_id = :job order by id")
                .param("job", jobId)
                .query((rs, n) -> new JobsApi.Transition(status(rs.getString(1)), status(rs.getString(2)),
                        rs.getInt(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Every account's jobs matching the search, newest first, after the cursor job. */
    List<Job> search(JobsApi.JobSearch search, Job after, int limit) {
        return jdbc.sql("""
                        select * from jobs
                         where (cast(:account as uuid) is null or account_id = :account)
                           and (cast(:status as text) is null or status = :status)
                           and (cast(:model as text) is null or model = :model)
                           and (cast(:provider as text) is null or provider_name = :provider)
                           and (cast(:route as text) is null or provider_route = :route)
                           and (cast(:lane as text) is null or lane = :lane)
                           and (cast(:from as timestamptz) is null or created_at >= :from)
                           and (cast(:to as timestamptz) is null or created_at < :to)
                           and (cast(:afterCreated as timestamptz) is null or (created_at, id) < (:afterCreated, :afterId))
                         order by created_at desc, id desc limit :limit
                        """)
                .param("account", search.accountId())
                .param("status", search.status() == null ? null : search.status().wireName())
                .param("model", search.model()).param("provider", search.provider())
                .param("route", search.route())
                .param("lane", search.lane() == null ? null : search.lane().wireName())
                .param("from", utc(search.createdFrom())).param("to", utc(search.createdTo()))
                .param("afterCreated", after == null ? null : utc(after.createdAt()))
                .param("afterId", after == null ? null : after.id())
                .param("limit", limit)
                .query(this::job).list();
    }

    /** Per lane: jobs waiting for admission, admitted and not running, running (deleted ones aside). */
    List<JobsApi.LaneLoad> laneLoads() {
        return jdbc.sql("""
                        select lane,
                               count(*) filter (where status = 'queued' and admitted_at is null) as waiting,
                               count(*) filter (where status = 'queued' and admitted_at is not null) as admitted,
                               count(*) filter (where status = 'running') as running
                          from jobs where status in ('queued', 'running') and deleted_at is null
                         group by lane order by lane
                        """)
                .query((rs, n) -> new JobsApi.LaneLoad(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    List<JobsApi.ModelLoad> modelLoads() {
        return jdbc.sql("""
                        select model, count(*) filter (where status = 'running'), count(*) filter (where status = 'queued'),
                               count(*) filter (where status = 'succeeded'), count(*) filter (where status = 'failed'),
                               mode() within group (order by error_code) filter (where status = 'failed')
                          from (select model, status, error_code from jobs
                                 where status in ('queued', 'running') and deleted_at is null
                                union all
                                select model, status, error_code from jobs
                                 where finished_at > now() - interval '15 minutes') j
                         group by model order by model
                        """)
                .query((rs, n) -> new JobsApi.ModelLoad(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getString(6))).list();
    }

    /** Per route that has or had traffic: the slots its live attempts hold, and its creates of the last minute. */
    List<RouteTraffic> routeLoads() {
        return jdbc.sql("""
                        select r.route,
                               (select count(*) from provider_route_slots s join jobs j on j.id = s.job_id
                                 where s.route = r.route and j.attempt = s.attempt and j.status in ('queued', 'running')),
                               (select count(*) from provider_route_creates c
                                 where c.route = r.route and c.at > now() - interval '1 minute')
                          from (select route from provider_route_slots union select route from provider_route_creates) r
                         order by r.route
                        """)
                .query((rs, n) -> new RouteTraffic(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    record RouteTraffic(String route, long openTasks, long createsLastMinute) {
    }

    /** What an operator sees of a job beyond its view: the columns of its attempt's lease and provider task. */
    Optional<OperatorDetails> operatorDetails(UUID id) {
        return jdbc.sql("select * from jobs where id = :id").param("id", id)
                .query((rs, n) -> new OperatorDetails(rs.getString("worker_id"), rs.getInt("delivery"),
                        rs.getString("lease_worker"), instant(rs, "lease_expires_at"), rs.getInt("lost_claims"),
                        rs.getString("provider_name"), rs.getString("provider_route"), rs.getString("provider_task_id"),
                        (Integer) rs.getObject("provider_task_attempt"), instant(rs, "provider_task_at"),
                        instant(rs, "admitted_at"), instant(rs, "queue_deadline"), instant(rs, "deleted_at"),
                        rs.getObject("requeued_from", UUID.class)))
                .optional();
    }

    record OperatorDetails(String workerId, int delivery, String leaseWorker, Instant leaseExpiresAt, int lostClaims,
                           String provider, String route, String providerTaskId, Integer providerTaskAttempt,
                           Instant providerTaskAt,
                           Instant admittedAt, Instant queueDeadline, Instant deletedAt, UUID requeuedFrom) {
    }

    /**
     * An account's jobs not deleted, optionally of one status, after the cursor job: newest first, or in creation
     * order when {@code oldestFirst}.
     */
    List<Job> listForAccount(UUID accountId, JobStatus status, Job after, int limit, boolean oldestFirst) {
        String beyond = oldestFirst ? ">" : "<";
        String order = oldestFirst ? "asc" : "desc";
        String sql = """
                select * from jobs where account_id = :account and deleted_at is null
                   and (cast(:status as text) is null or status = :status)
                   and (cast(:afterCreated as timestamptz) is null or (created_at, id) %s (:afterCreated, :afterId))
                 order by created_at %s, id %s limit :limit
                """.formatted(beyond, order, order);
        return jdbc.sql(sql)
                .param("account", accountId).param("status", status == null ? null : status.wireName())
                .param("afterCreated", after == null ? null : utc(after.createdAt()))
                .param("afterId", after == null ? null : after.id())
                .param("limit", limit)
                .query(this::job).list();
    }

    private static JobStatus status(String wireName) {
        return wireName == null ? null : JobStatus.fromWireName(wireName);
    }

    private Job job(ResultSet rs, int row) throws SQLException {
        InputImage image = new InputImage(rs.getString("image_key"), rs.getString("image_content_type"),
                rs.getInt("image_width"), rs.getInt("image_height"));
        return new Job(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), rs.getString("model"),
                rs.getString("prompt"), rs.getInt("duration_seconds"), rs.getString("resolution"),
                Lane.fromWireName(rs.getString("lane")), rs.getLong("cost"), image, rs.getString("webhook_url"),
                rs.getBoolean("prompt_optimizer"), rs.getBoolean("watermark"), instant(rs, "created_at"), rs.getInt("attempt"), state(rs));
    }

    private JobState state(ResultSet rs) throws SQLException {
        String worker = rs.getString("worker_id");
        int delivery = rs.getInt("delivery");
        int progress = rs.getInt("progress");
        String code = rs.getString("error_code");
        JobsApi.JobError error = code == null ? null : new JobsApi.JobError(code, rs.getString("error_message"));
        String output = rs.getString("output");
        return switch (JobStatus.fromWireName(rs.getString("status"))) {
            case QUEUED -> new JobState.Queued(instant(rs, "next_attempt_at"), error);
            case RUNNING -> new JobState.Running(worker, delivery, instant(rs, "started_at"), progress);
            case SUCCEEDED -> new JobState.Succeeded(worker, delivery, instant(rs, "started_at"),
                    instant(rs, "finished_at"), output == null ? null : json.readValue(output, VideoOutput.class));
            case FAILED -> new JobState.Failed(worker, delivery, instant(rs, "started_at"), instant(rs, "finished_at"),
                    progress, error);
            case CANCELLED -> new JobState.Cancelled(worker, delivery, instant(rs, "started_at"),
                    instant(rs, "finished_at"), progress);
        };
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
