package dev.i2v.credits.grants;

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

@Repository
class LotRepository {

    private final JdbcClient jdbc;

    LotRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the new lot's id, or empty if a grant with this key exists already */
    Optional<Long> insert(UUID account, GrantKind kind, String key, long points, Instant expiresAt, String reason) {
        return jdbc.sql("""
                        insert into grants (account_id, kind, grant_key, points, remaining, expires_at, reason)
                        values (:account, :kind, :key, :points, :points, :expires, :reason)
                        on conflict (account_id, grant_key) do nothing returning id
                        """)
                .param("account", account).param("kind", kind.dbName()).param("key", key).param("points", points)
                .param("expires", utc(expiresAt)).param("reason", reason)
                .query(Long.class).optional();
    }

    boolean exists(UUID account, String key) {
        return jdbc.sql("select count(*) from grants where account_id = :account and grant_key = :key")
                .param("account", account).param("key", key).query(Long.class).single() > 0;
    }

    /** Lots with points left that can be spent at {@code now}, soonest-expiring first (never-expiring last). */
    List<Lot> spendable(UUID account, Instant now) {
        return jdbc.sql("""
                        select * from grants where account_id = :account and remaining > 0
                           and (expires_at is null or expires_at > :now)
                         order by expires_at nulls last, id
                        """)
                .param("account", account).param("now", utc(now)).query(LotRepository::lot).list();
    }

    /** Lots whose expiry has come with points left. */
    List<Lot> due(UUID account, Instant now) {
        return jdbc.sql("select * from grants where account_id = :account and remaining > 0 and expires_at <= :now order by id")
                .param("account", account).param("now", utc(now)).query(LotRepository::lot).list();
    }

    List<UUID> accountsWithDueLots(Instant now, int limit) {
        return jdbc.sql("select distinct account_id from grants where remaining > 0 and expires_at <= :now limit :limit")
                .param("now", utc(now)).param("limit", limit).query(UUID.class).list();
    }

    Optional<Lot> find(long id) {
        return jdbc.sql("select * from grants where id = :id").param("id", id).query(LotRepository::lot).optional();
    }

    void changeRemaining(long lotId, long delta) {
        jdbc.sql("update grants set remaining = remaining + :delta where id = :id").param("delta", delta)
                .param("id", lotId).update();
    }

    void recordAllocations(UUID job, List<Allocation> allocations) {
        for (Allocation a : allocations) {
            jdbc.sql("insert into hold_allocations (job_id, grant_id, points) values (:job, :lot, :points)")
                    .param("job", job).param("lot", a.lotId()).param("points", a.points()).update();
        }
    }

    List<Allocation> allocationsOf(UUID job) {
        return jdbc.sql("select grant_id, points from hold_allocations where job_id = :job order by grant_id")
                .param("job", job).query((rs, n) -> new Allocation(rs.getLong(1), rs.getLong(2))).list();
    }

    /** An earlier debit with this key: what was asked and what was applied (both negative). */
    Optional<Adjustment> adjustment(UUID account, String key) {
        return jdbc.sql("select requested, applied from adjustments where account_id = :account and idempotency_key = :key")
                .param("account", account).param("key", key)
                .query((rs, n) -> new Adjustment(rs.getLong(1), rs.getLong(2))).optional();
    }

    record Adjustment(long requested, long applied) {
    }

    Optional<Lot> findByKey(UUID account, String key) {
        return jdbc.sql("select * from grants where account_id = :account and grant_key = :key")
                .param("account", account).param("key", key).query(LotRepository::lot).optional();
    }

    void recordAdjustment(UUID account, String key, long requested, long applied, String reason) {
        jdbc.sql("insert into adjustments (account_id, idempotency_key, requested, applied, reason) "
                        + "values (:account, :key, :requested, :applied, :reason)")
                .param("account", account).param("key", key).param("requested", requested).param("applied", applied)
                .param("reason", reason).update();
    }

    private static Lot lot(ResultSet rs, int row) throws SQLException {
        OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
        return new Lot(rs.getLong("id"), rs.getString("kind"), rs.getLong("points"), rs.getLong("remaining"),
                expires == null ? null : expires.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
