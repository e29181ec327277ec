package dev.i2v.jobs.providertasks;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.i2v.jobs.problems.JobsException;

/** The provider-task columns of {@code jobs}. */
@Repository
class ProviderTaskRepository {

    private final JdbcClient jdbc;

    ProviderTaskRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The job's current attempt creates its provider task on {@code route} (written once per route change). */
    void onRoute(UUID jobId, String route) {
        jdbc.sql("update jobs set provider_route = :route where id = :id and provider_route is distinct from :route")
                .param("id", jobId).param("route", route).update();
    }

    /** The job's row as far as its attempt and task go, locked for the caller's transaction when {@code lock}. */
    Optional<AttemptRow> find(UUID jobId, boolean lock) {
        return jdbc.sql("""
                        select attempt, delivery, status in ('queued', 'running') and deleted_at is null as live,
                               provider_name, provider_task_id, provider_task_attempt, provider_task_delivery,
                               provider_task_lookup_attempt, provider_task_lookup_delivery
                        from jobs where id = :id""" + (lock ? " for update" : ""))
                .param("id", jobId)
                .query((rs, n) -> new AttemptRow(rs.getInt("attempt"), rs.getInt("delivery"), rs.getBoolean("live"),
                        rs.getString("provider_name"), rs.getString("provider_task_id"),
                        (Integer) rs.getObject("provider_task_attempt"), rs.getInt("provider_task_delivery"),
                        (Integer) rs.getObject("provider_task_lookup_attempt"),
                        (Integer) rs.getObject("provider_task_lookup_delivery")))
                .optional();
    }

    void record(UUID jobId, int attempt, String provider, String taskId, int delivery) {
        jdbc.sql("""
                        update jobs set provider_name = :provider, provider_task_id = :task, provider_task_attempt = :attempt,
                               provider_task_delivery = :delivery, provider_task_at = now()
                        where id = :id""")
                .param("provider", provider).param("task", taskId).param("attempt", attempt)
                .param("delivery", delivery).param("id", jobId)
                .update();
    }

    /** Notes that a claim of the attempt looked up its task and found none: from now on it may create one. */
    void lookedUp(UUID jobId, int attempt, int delivery) {
        jdbc.sql("""
                        update jobs set provider_task_lookup_attempt = :attempt, provider_task_lookup_delivery = :delivery
                        where id = :id and (provider_task_lookup_attempt is distinct from :attempt
                                            or provider_task_lookup_delivery < :delivery)""")
                .param("attempt", attempt).param("delivery", delivery).param("id", jobId)
                .update();
    }

    /** A job's current attempt, whether it can still run, and the task recorded for an attempt, if any. */
    record AttemptRow(int attempt, int delivery, boolean live, String provider, String taskId, Integer taskAttempt,
                      int taskDelivery, Integer lookupAttempt, Integer lookupDelivery) {

        boolean isLive(int asked) {
            return live && attempt == asked;
        }

        /** Whether the asking claim is the attempt's latest: an older one lost its lease to another worker. */
        boolean isLive(int asked, Integer askedDelivery) {
            return isLive(asked) && (askedDelivery == null || askedDelivery >= delivery);
        }

        /**
         * Refuses a claim of an attempt that is over ({@code attempt_not_live}) or that lost its lease to a newer
         * claim ({@code delivery_superseded}).
         */
        void checkLive(UUID jobId, int asked, Integer askedDelivery) {
            if (!isLive(asked)) {
                throw new JobsException.AttemptNotLive(jobId, asked);
            }
            if (!isLive(asked, askedDelivery)) {
                throw new JobsException.DeliverySuperseded(jobId, asked, delivery);
            }
        }

        /**
         * Whether a claim newer than {@code askedDelivery} looked up the attempt's task and found none: it may be
         * creating its own, so a task of the older claim would be one too many.
         */
        boolean lookedUpAfter(int asked, int askedDelivery) {
            return lookupAttempt != null && lookupAttempt == asked && lookupDelivery != null
                    && lookupDelivery > askedDelivery;
        }

        boolean hasTaskOf(int asked) {
            return taskId != null && taskAttempt != null && taskAttempt == asked;
        }
    }
}
