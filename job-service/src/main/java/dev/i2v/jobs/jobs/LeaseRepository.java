package dev.i2v.jobs.jobs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

import dev.i2v.contracts.api.JobsApi;

/** The lease columns of {@code jobs}: who holds a running attempt, until when, and how many claims it lost. */
@Repository
class LeaseRepository {

    private final JdbcClient jdbc;

    LeaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The lease of a job whose row the caller's transaction has locked. */
    Optional<LeaseRow> find(UUID jobId) {
        return jdbc.sql("select lease_worker, lease_expires_at, lost_claims from jobs where id = :id")
                .param("id", jobId)
                .query((rs, n) -> new LeaseRow(rs.getString("lease_worker"),
                        rs.getObject("lease_expires_at", OffsetDateTime.class), rs.getInt("lost_claims")))
                .optional();
    }

    /** Grants the lease; a first claim of an attempt starts its count of lost claims afresh. */
    void grant(UUID jobId, String worker, Instant until, boolean firstOfAttempt) {
        jdbc.sql("""
                        update jobs set lease_worker = :worker, lease_expires_at = :until,
                               lost_claims = case when :first then 0 else lost_claims end
                         where id = :id""")
                .param("worker", worker).param("until", utc(until)).param("first", firstOfAttempt).param("id", jobId)
                .update();
    }

    /** The lease ended without an outcome; the attempt's dispatch record is written again and waits for a claim. */
    void lost(UUID jobId, boolean counts) {
        jdbc.sql("""
                        update jobs set lease_worker = null, lease_expires_at = null,
                               lost_claims = lost_claims + case when :counts then 1 else 0 end
                         where id = :id""")
                .param("counts", counts).param("id", jobId)
                .update();
    }

    /**
     * Renews, in one statement, those of the worker's leases that are still its own: same job, attempt and
     * delivery, the job running.
     *
     * @return the jobs renewed
     */
    Set<UUID> renew(String worker, List<JobsApi.Lease> leases, Instant until) {
        if (leases.isEmpty()) {
            return Set.of();
        }
        UUID[] ids = leases.stream().map(JobsApi.Lease::jobId).toArray(UUID[]::new);
        Integer[] attempts = leases.stream().map(JobsApi.Lease::attempt).toArray(Integer[]::new);
        Integer[] deliveries = leases.stream().map(JobsApi.Lease::delivery).toArray(Integer[]::new);
        List<UUID> renewed = jdbc.sql("""
                        update jobs j set lease_expires_at = :until
                          from unnest(:ids, :attempts, :deliveries) as l(id, attempt, delivery)
                         where j.id = l.id and j.attempt = l.attempt and j.delivery = l.delivery
                           and j.status = 'running' and j.lease_worker = :worker
                        returning j.id""")
                .param("until", utc(until)).param("worker", worker)
                .param("ids", new SqlArrayValue("uuid", (Object[]) ids))
                .param("attempts", new SqlArrayValue("int4", (Object[]) attempts))
                .param("deliveries", new SqlArrayValue("int4", (Object[]) deliveries))
                .query(UUID.class).list();
        return new HashSet<>(renewed);
    }

    /** Running jobs whose lease ran out before {@code now}, oldest first. */
    List<UUID> expired(Instant now, int limit) {
        return jdbc.sql("""
                        select id from jobs where status = 'running' and lease_expires_at < :now
                         order by lease_expires_at limit :limit""")
                .param("now", utc(now)).param("limit", limit)
                .query(UUID.class).list();
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    /** A job's lease as stored: {@code worker} null while none is held. */
    record LeaseRow(String worker, OffsetDateTime expiresAt, int lostClaims) {

        boolean heldAt(Instant now) {
            return worker != null && expiresAt != null && expiresAt.toInstant().isAfter(now);
        }
    }
}
