package dev.i2v.jobs.providertasks;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code provider_route_slots} and {@code provider_route_creates}. */
@Repository
class RouteBudgetRepository {

    /** Margin added to the per-minute window; see {@link #fullForMillis}. */
    static final String MARGIN = "2 seconds";
    private static final String WINDOW = "1 minute " + MARGIN;

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
     * The window is a minute and {@link #MARGIN}: a grant comes before its call reaches the provider, and the first
     * calls of a burst may reach it later than the one granted a minute after them.
     */
    Optional<Long> fullForMillis(String route, int limit) {
        return jdbc.sql("""
                        select ceil(greatest(0, extract(epoch from at + cast(:window as interval) - clock_timestamp())) * 1000)::bigint
                        from provider_route_creates
                        where route = :route and at > clock_timestamp() - cast(:window as interval)
                        order by at desc offset :skip limit 1""")
                .param("route", route).param("skip", limit - 1).param("window", WINDOW)
                .query(Long.class).optional();
    }

    void created(String route) {
        jdbc.sql("insert into provider_route_creates (route, at) values (:route, clock_timestamp())")
                .param("route", route).update();
    }

    /** Drops creates older than the window and slots of attempts that ended. */
    int prune() {
        int creates = jdbc.sql("delete from provider_route_creates where at < clock_timestamp() - interval '2 minutes'")
                .update();
        int slots = jdbc.sql("""
                        delete from provider_route_slots s where not exists (
                            select 1 from jobs j where j.id = s.job_id and j.attempt = s.attempt
                            and j.status in ('queued', 'running') and j.deleted_at is null)""")
                .update();
        return creates + slots;
    }
}
