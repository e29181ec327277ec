package dev.i2v.jobs.scheduling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.i2v.contracts.Lane;

/** What the scheduler reads of the jobs table: waiting jobs, accounts' admitted jobs, each lane's unclaimed ones. */
@Repository
class AdmissionRepository {

    /** The advisory lock one replica holds for its pass's transaction: passes never overlap. */
    private static final long PASS_LOCK = 0x1_2_7_5_0_0_1L;

    /**
     * Jobs of a lane or model an operator paused wait, unadmitted, until it is resumed (the pauses feature owns the
     * table; reading it here keeps a pass to one query).
     */
    private static final String NOT_PAUSED = " not exists (select 1 from pauses p"
            + " where (p.kind = 'lane' and p.name = jobs.lane) or (p.kind = 'model' and p.name = jobs.model))";

    private final JdbcClient jdbc;

    AdmissionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when another replica's pass holds the lock (its pass admits for everyone). */
    boolean tryLockPass() {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:key)").param("key", PASS_LOCK)
                .query(Boolean.class).single());
    }

    List<AdmissionPlan.Waiting> waiting(int limit) {
        return jdbc.sql("""
                        select id, account_id, lane, parallel_limit, model, turn_weight from jobs
                         where status = 'queued' and admitted_at is null and deleted_at is null
                           and """ + NOT_PAUSED + """
                         order by created_at, id limit :limit""")
                .param("limit", limit)
                .query((rs, n) -> waiting(rs)).list();
    }

    /** The lane's waiting jobs, oldest first. */
    List<AdmissionPlan.Waiting> waiting(Lane lane, int limit) {
        return jdbc.sql("""
                        select id, account_id, lane, parallel_limit, model, turn_weight from jobs
                         where status = 'queued' and admitted_at is null and deleted_at is null and lane = :lane
                           and """ + NOT_PAUSED + """
                         order by created_at, id limit :limit""")
                .param("lane", lane.wireName()).param("limit", limit)
                .query((rs, n) -> waiting(rs)).list();
    }

    private static AdmissionPlan.Waiting waiting(ResultSet rs) throws SQLException {
        return new AdmissionPlan.Waiting(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                Lane.fromWireName(rs.getString("lane")), (Integer) rs.getObject("parallel_limit"),
                rs.getString("model"), rs.getInt("turn_weight"));
    }

    /** When the job was admitted; empty while it waits for admission. */
    Optional<Instant> admittedAt(UUID job) {
        return jdbc.sql("select admitted_at from jobs where id = :id").param("id", job)
                .query((rs, n) -> rs.getTimestamp(1)).optional().map(Timestamp::toInstant);
    }

    /** Waiting jobs of these lanes. */
    int waitingIn(List<Lane> lanes) {
        return lanes.isEmpty() ? 0 : jdbc.sql("""
                        select count(*) from jobs where status = 'queued' and admitted_at is null and deleted_at is null
                           and lane in (:lanes)""")
                .param("lanes", lanes.stream().map(Lane::wireName).toList()).query(Integer.class).single();
    }

    /** Admitted, unclaimed jobs of {@code before} lanes, and of {@code lane} admitted before {@code at}. */
    int unclaimedAhead(List<Lane> before, Lane lane, Instant at, UUID job) {
        var query = jdbc.sql("""
                        select count(*) from jobs
                         where status = 'queued' and admitted_at is not null and next_attempt_at is null and id <> :id
                           and ((lane = :lane and admitted_at <= :at)""" + (before.isEmpty() ? ")" : " or lane in (:before))"))
                .param("id", job).param("lane", lane.wireName()).param("at", Timestamp.from(at));
        if (!before.isEmpty()) {
            query = query.param("before", before.stream().map(Lane::wireName).toList());
        }
        return query.query(Integer.class).single();
    }

    /**
     * Per account: its admitted jobs that have not ended (running, dispatched, or waiting for a retry), relaxed-lane
     * jobs aside (they take no parallel slot).
     */
    Map<UUID, Integer> busy(Collection<UUID> accounts) {
        Map<UUID, Integer> busy = new HashMap<>();
        jdbc.sql("""
                        select account_id, count(*) from jobs
                         where account_id in (:accounts) and status in ('queued', 'running') and admitted_at is not null
                           and lane <> 'relaxed'
                         group by account_id""")
                .param("accounts", accounts)
                .query((rs, n) -> busy.put(rs.getObject(1, UUID.class), rs.getInt(2))).list();
        return busy;
    }

    /**
     * Per account: its newest admissions, newest first, as many as its weight (the scheduler's turns are counted
     * in them: an account's turn was used up at its weight-th newest admission).
     *
     * @param weights per account: its plan's weight
     */
    Map<UUID, List<Instant>> newestAdmissions(Map<UUID, Integer> weights) {
        if (weights.isEmpty()) {
            return Map.of();
        }
        int most = weights.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        Map<UUID, List<Instant>> newest = new HashMap<>();
        jdbc.sql("""
                        select a.id, t.admitted_at from unnest(:ids) as a(id)
                        cross join lateral (select admitted_at from jobs
                                             where account_id = a.id and admitted_at is not null
                                             order by admitted_at desc limit :most) t
                        order by a.id, t.admitted_at desc""")
                .param("ids", new SqlArrayValue("uuid", weights.keySet().toArray()))
                .param("most", most)
                .query((rs, n) -> newest.computeIfAbsent(rs.getObject(1, UUID.class), a -> new ArrayList<>())
                        .add(rs.getTimestamp(2).toInstant())).list();
        return newest;
    }

    /** Per model: its admitted jobs that have not ended (each holds or will ask for a slot of its routes). */
    Map<String, Integer> activeByModel(Collection<String> models) {
        Map<String, Integer> active = new HashMap<>();
        jdbc.sql("""
                        select model, count(*) from jobs
                         where model in (:models) and status in ('queued', 'running') and admitted_at is not null
                         group by model""")
                .param("models", models)
                .query((rs, n) -> active.put(rs.getString(1), rs.getInt(2))).list();
        return active;
    }

    /** Per model: its jobs admitted in the last minute (each makes at least one create). */
    Map<String, Integer> admittedLastMinute(Collection<String> models) {
        Map<String, Integer> admitted = new HashMap<>();
        jdbc.sql("""
                        select model, count(*) from jobs
                         where model in (:models) and admitted_at > now() - interval '1 minute'
                         group by model""")
                .param("models", models)
                .query((rs, n) -> admitted.put(rs.getString(1), rs.getInt(2))).list();
        return admitted;
    }

    /** Per lane: admitted jobs whose dispatch record no worker has claimed yet. */
    Map<Lane, Integer> unclaimed() {
        Map<Lane, Integer> counts = new EnumMap<>(Lane.class);
        jdbc.sql("""
                        select lane, count(*) from jobs
                         where status = 'queued' and admitted_at is not null and next_attempt_at is null
                         group by lane""")
                .query((rs, n) -> counts.put(Lane.fromWireName(rs.getString(1)), rs.getInt(2))).list();
        return counts;
    }
}
