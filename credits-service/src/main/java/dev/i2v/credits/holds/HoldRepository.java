package dev.i2v.credits.holds;

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
class HoldRepository {

    private final JdbcClient jdbc;

    HoldRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Hold> find(UUID jobId) {
        return jdbc.sql("select * from holds where job_id = :job").param("job", jobId).query(HoldRepository::hold).optional();
    }

    Optional<Hold> lock(UUID jobId) {
        return jdbc.sql("select * from holds where job_id = :job for update").param("job", jobId)
                .query(HoldRepository::hold).optional();
    }

    Hold insert(UUID jobId, UUID accountId, long amount, boolean takesSlot, Instant now, Instant expiresAt) {
        return jdbc.sql("""
                        insert into holds (job_id, account_id, amount, status, created_at, expires_at, takes_slot)
                        values (:job, :account, :amount, 'held', :now, :expires, :slot) returning *
                        """)
                .param("job", jobId).param("account", accountId).param("amount", amount).param("slot", takesSlot)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .param("expires", OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
                .query(HoldRepository::hold).single();
    }

    Hold resolve(UUID jobId, HoldStatus status, Instant now) {
        return jdbc.sql("update holds set status = :status, resolved_at = :now where job_id = :job returning *")
                .param("status", status.dbName()).param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .param("job", jobId).query(HoldRepository::hold).single();
    }

    /** The hold's job exists: the hold no longer expires; the job's end settles it. */
    void bindToJob(UUID jobId) {
        jdbc.sql("update holds set expires_at = null where job_id = :job and status = 'held'").param("job", jobId).update();
    }

    List<UUID> expiredBefore(Instant now, int limit) {
        return jdbc.sql("select job_id from holds where status = 'held' and expires_at < :now order by expires_at limit :limit")
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).param("limit", limit)
                .query(UUID.class).list();
    }

    private static Hold hold(ResultSet rs, int row) throws SQLException {
        OffsetDateTime resolved = rs.getObject("resolved_at", OffsetDateTime.class);
        OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
        return new Hold(rs.getObject("job_id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getLong("amount"), HoldStatus.fromDb(rs.getString("status")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                expires == null ? null : expires.toInstant(),
                resolved == null ? null : resolved.toInstant(), rs.getBoolean("takes_slot"));
    }

    /** The account's open holds that take no parallel slot (relaxed-lane jobs). */
    int openWithoutSlot(UUID accountId) {
        return jdbc.sql("select count(*) from holds where account_id = :account and status = 'held' and not takes_slot")
                .param("account", accountId).query(Integer.class).single();
    }
}
