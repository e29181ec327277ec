package dev.i2v.jobs.providertasks;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code provider_route_slots} and {@code provider_route_creates}. */
@Repository
class RouteBudgetRepository {

    /** The provider's window and a margin for its rounding; see {@link #fullForMillis}. */
    private static final String WINDOW = "1 minute 1 second";
    /** How long after its grant a call never answered (its worker died) counts as made "now"; see V17. */
    private static final String UNANSWERED = "2 minutes";

    private final JdbcClient jdbc;

    RouteBudgetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises the grants of one route across job-service replicas until the transaction ends. */
    void lock(String route) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('i2v.route-budget'), hashtext(:route))")
                .param("route", route).query((rs, n) -> 1).single();
    }

    boolean holds(String route, UUID jobId, int attempt) {
        return jdbc.sql("select count(*) from provider_route_slots where route = :route and job_id = :id "
                        + "and attempt = :attempt")
                .param("route", route).param("id", jobId).param("attempt", attempt)
                .query(Integer.class).single() > 0;
    }

    /** Slots of the route held by live attempts. */
    int held(String route) {
        return jdbc.sql("""
                        select count(*) from provider_route_slots s
                        join jobs j on j.id = s.job_id and j.attempt = s.attempt
                        where s.route = :route and j.status in ('queued', 'running') and j.deleted_at is null""")
                .param("route", route).query(Integer.class).single();
    }

    void take(String route, UUID jobId, int attempt) {
        jdbc.sql("""
                        insert into provider_route_slots (route, job_id, attempt, granted_at)
                        values (:route, :id, :attempt, clock_timestamp()) on conflict do nothing""")
                .param("route", route).param("id", jobId).param("attempt", attempt).update();
    }

    void release(String route, UUID jobId, int attempt) {
        jdbc.sql("delete from provider_route_slots where route = :route and job_id = :id and attempt = :attempt")
                .param("route", route).param("id", jobId).param("attempt", attempt).update();
    }

    /**
     * How long until the route's creates of the last minute leave room again (milliseconds until the
     * {@code limit}-th newest of them is out of the window); empty while fewer than {@code limit} were made in it.
     * A create counts from its call's answer, and one not answered yet as made now: the provider counted the call
     * when it arrived, before its answer, and the next call granted arrives after its grant — so a minute after the
     * answer the provider's minute is over too, however late the earlier call reached it.
     */
    Optional<Long> fullForMillis(String route, int limit) {
        return jdbc.sql("""
                        select ceil(greatest(0, extract(epoch from made + cast(:window as interval) - clock_timestamp())) * 1000)::bigint
                        from (select coalesce(answered_at, least(clock_timestamp(), at + cast(:unanswered as interval))) as made
                              from provider_route_creates where route = :route) creates
                        where made > clock_timestamp() - cast(:window as interval)
                        order by made desc offset :skip limit 1""")
                .param("route", route).param("skip", limit - 1).param("window", WINDOW)
                .param("unanswered", UNANSWERED).query(Long.class).optional();
    }

    /** A create call granted to the attempt; it counts as made until {@link #answered}. */
    void created(String route, UUID jobId, int attempt) {
        jdbc.sql("""
                        insert into provider_route_creates (route, at, job_id, attempt)
                        values (:route, clock_timestamp(), :id, :attempt)""")
                .param("route", route).param("id", jobId).param("attempt", attempt).update();
    }

    /** The attempt's create call on the route was answered (a task, or a refusal): it counts from now. */
    void answered(String route, UUID jobId, int attempt) {
        jdbc.sql("""
                        update provider_route_creates set answered_at = clock_timestamp()
                        where job_id = :id and attempt = :attempt and route = :route and answered_at is null""")
                .param("route", route).param("id", jobId).param("attempt", attempt).update();
    }

    /** Drops creates older than the window and slots of attempts that ended. */
    int prune() {
        int creates = jdbc.sql("""
                        delete from provider_route_creates
                        where coalesce(answered_at, at + cast(:unanswered as interval)) < clock_timestamp() - interval '2 minutes'""")
                .param("unanswered", UNANSWERED).update();
        int slots = jdbc.sql("""
                        delete from provider_route_slots s where not exists (
                            select 1 from jobs j where j.id = s.job_id and j.attempt = s.attempt
                            and j.status in ('queued', 'running') and j.deleted_at is null)""")
                .update();
        return creates + slots;
    }
}
