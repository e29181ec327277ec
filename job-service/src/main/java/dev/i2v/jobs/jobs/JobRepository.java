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

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.events.VideoOutput;

/** Jobs and their transition history in the {@code jobs} schema. */
@Repository
public class JobRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final org.springframework.context.ApplicationEventPublisher events;

    JobRepository(JdbcClient jdbc, JsonMapper json, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<Job> find(UUID id) {
        return jdbc.sql("select * from jobs where id = :id").param("id", id).query(this::job).optional();
    }

    /** Reads the job and locks its row until the transaction ends. */
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

    void markDeleted(UUID id, Instant at) {
        jdbc.sql("update jobs set deleted_at = :at where id = :id").param("id", id).param("at", utc(at)).update();
    }

    public Optional<Job> lock(UUID id) {
        return jdbc.sql("select * from jobs where id = :id for update").param("id", id).query(this::job).optional();
    }

    /** @return false if a job with this id exists already */
    boolean insert(Job job) {
        int rows = jdbc.sql("""
                        insert into jobs (id, account_id, status, model, prompt, duration_seconds, resolution, lane,
                                          cost, image_key, progress, attempt, created_at, webhook_url, prompt_optimizer)
                        values (:id, :account, :status, :model, :prompt, :duration, :resolution, :lane,
                                :cost, :image, 0, :attempt, :created, :webhook, :optimizer)
                        on conflict (id) do nothing
                        """)
                .param("id", job.id()).param("account", job.accountId()).param("status", job.status().wireName())
                .param("model", job.model()).param("prompt", job.prompt()).param("duration", job.durationSeconds())
                .param("resolution", job.resolution()).param("lane", job.lane().wireName()).param("cost", job.cost())
                .param("image", job.imageKey()).param("attempt", job.attempt()).param("created", utc(job.createdAt()))
                .param("webhook", job.webhookUrl()).param("optimizer", job.promptOptimizer())
                .update();
        if (rows == 1) {
            recordTransition(job.id(), null, job.status(), job.attempt(), "submitted");
            events.publishEvent(new JobTransitioned(job, null, "submitted"));
        }
        return rows == 1;
    }

    /** Saves a new version of the job and, if its status changed, the transition. */
    public void update(Job before, Job after, String reason) {
        jdbc.sql("""
                        update jobs set status = :status, progress = :progress, attempt = :attempt, delivery = :delivery,
                               worker_id = :worker, output = cast(:output as jsonb), error_code = :code,
                               error_message = :message, started_at = :started, finished_at = :finished,
                               next_attempt_at = :nextAttempt
                         where id = :id
                        """)
                .param("status", after.status().wireName()).param("progress", after.progress())
                .param("attempt", after.attempt()).param("worker", after.workerId())
                .param("output", after.output() == null ? null : json.writeValueAsString(after.output()))
                .param("code", after.errorCode()).param("message", after.errorMessage())
                .param("started", utc(after.startedAt())).param("finished", utc(after.finishedAt()))
                .param("delivery", after.delivery()).param("nextAttempt", utc(after.nextAttemptAt()))
                .param("id", after.id())
                .update();
        if (before.status() != after.status() || before.delivery() != after.delivery()) {
            recordTransition(after.id(), before.status(), after.status(), after.attempt(), reason);
            events.publishEvent(new JobTransitioned(after, before.status(), reason));
        }
    }

    /** Queued retries whose backoff is over, locked for dispatch; other relays skip them. */
    List<Job> lockDueRetries(Instant now, int limit) {
        return jdbc.sql("""
                        select * from jobs where status = 'queued' and next_attempt_at <= :now
                         order by next_attempt_at limit :limit for update skip locked
                        """)
                .param("now", utc(now)).param("limit", limit).query(this::job).list();
    }

    /** Running jobs started before {@code startedBefore}. */
    List<UUID> runningSince(Instant startedBefore, int limit) {
        return jdbc.sql("select id from jobs where status = 'running' and started_at < :before order by started_at limit :limit")
                .param("before", utc(startedBefore)).param("limit", limit).query(UUID.class).list();
    }

    /**
     * How many queued jobs start before this one: every queued job of a higher lane, and those of its
     * own lane submitted earlier (retries still waiting for their backoff do not count).
     */
    int queuePosition(Job job) {
        return jdbc.sql("""
                        select count(*) from jobs
                         where status = 'queued' and next_attempt_at is null and id <> :id
                           and (array_position(array['priority','standard','relaxed'], lane)
                                  < array_position(array['priority','standard','relaxed'], :lane)
                                or (lane = :lane and (created_at, id) < (:created, :id)))
                        """)
                .param("id", job.id()).param("lane", job.lane().wireName()).param("created", utc(job.createdAt()))
                .query(Integer.class).single();
    }

    /** Mean run time of the last 50 finished jobs and how many run now: the inputs of a simple ETA. */
    double[] recentRunSecondsAndRunning() {
        return jdbc.sql("""
                        select coalesce((select avg(extract(epoch from finished_at - started_at)) from (
                                   select finished_at, started_at from jobs where status = 'succeeded'
                                    order by finished_at desc limit 50) recent), 10),
                               (select count(*) from jobs where status = 'running')
                        """)
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
    }

    List<dev.i2v.contracts.api.JobsApi.Transition> transitions(UUID jobId) {
        return jdbc.sql("select from_status, to_status, attempt, reason, at from job_transitions where job_id = :job order by id")
                .param("job", jobId)
                .query((rs, n) -> new dev.i2v.contracts.api.JobsApi.Transition(rs.getString(1), rs.getString(2),
                        rs.getInt(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
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

    private void recordTransition(UUID jobId, JobStatus from, JobStatus to, int attempt, String reason) {
        jdbc.sql("insert into job_transitions (job_id, from_status, to_status, attempt, reason) values (:job, :from, :to, :attempt, :reason)")
                .param("job", jobId).param("from", from == null ? null : from.wireName()).param("to", to.wireName())
                .param("attempt", attempt).param("reason", reason).update();
    }

    private Job job(ResultSet rs, int row) throws SQLException {
        String output = rs.getString("output");
        return new Job(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                JobStatus.fromWireName(rs.getString("status")), rs.getString("model"), rs.getString("prompt"),
                rs.getInt("duration_seconds"), rs.getString("resolution"), Lane.fromWireName(rs.getString("lane")),
                rs.getLong("cost"), rs.getString("image_key"), rs.getInt("progress"), rs.getInt("attempt"),
                rs.getInt("delivery"), rs.getString("worker_id"),
                output == null ? null : json.readValue(output, VideoOutput.class),
                rs.getString("error_code"), rs.getString("error_message"), instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), instant(rs, "next_attempt_at"),
                rs.getString("webhook_url"), rs.getBoolean("prompt_optimizer"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
