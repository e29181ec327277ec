package dev.i2v.jobs.scheduling;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.i2v.contracts.Lane;

/** What the scheduler reads of the jobs table: waiting jobs, accounts' admitted jobs, each lane's unclaimed ones. */
@Repository
class AdmissionRepository {

    /** The advisory lock one replica holds for its pass's transaction: passes never overlap. */
    private static final long PASS_LOCK = 0x1_2_7_5_0_0_1L;

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
                        select id, account_id, lane, parallel_limit from jobs
                         where status = 'queued' and admitted_at is null and deleted_at is null
                         order by created_at, id limit :limit""")
                .param("limit", limit)
                .query((rs, n) -> new AdmissionPlan.Waiting(rs.getObject("id", UUID.class),
                        rs.getObject("account_id", UUID.class), Lane.fromWireName(rs.getString("lane")),
                        (Integer) rs.getObject("parallel_limit")))
                .list();
    }

    /** Per account: its admitted jobs that have not ended (running, dispatched, or waiting for a retry). */
    Map<UUID, Integer> busy(Collection<UUID> accounts) {
        Map<UUID, Integer> busy = new HashMap<>();
        jdbc.sql("""
                        select account_id, count(*) from jobs
                         where account_id in (:accounts) and status in ('queued', 'running') and admitted_at is not null
                         group by account_id""")
                .param("accounts", accounts)
                .query((rs, n) -> busy.put(rs.getObject(1, UUID.class), rs.getInt(2))).list();
        return busy;
    }

    Map<UUID, Instant> lastAdmitted(Collection<UUID> accounts) {
        Map<UUID, Instant> last = new HashMap<>();
        jdbc.sql("select account_id, max(admitted_at) from jobs where account_id in (:accounts) group by account_id")
                .param("accounts", accounts)
                .query((rs, n) -> {
                    Timestamp at = rs.getTimestamp(2);
                    return at == null ? null : last.put(rs.getObject(1, UUID.class), at.toInstant());
                }).list();
        return last;
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
