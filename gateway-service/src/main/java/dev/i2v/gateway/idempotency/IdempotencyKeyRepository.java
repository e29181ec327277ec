package dev.i2v.gateway.idempotency;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored keys. Each statement commits on its own: a duplicate must see a claim at once. */
@Repository
class IdempotencyKeyRepository {

    /** What is stored under a key; {@code leaseExpired} only means something while it is not done. */
    record Entry(byte[] fingerprint, boolean done, String responseBody, UUID jobId, boolean leaseExpired) {
    }

    private final JdbcClient jdbc;

    IdempotencyKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the key for a request and its job id, leased for {@code lease}; false when it is already claimed. */
    boolean claim(UUID account, String key, byte[] fingerprint, UUID jobId, Duration ttl, Duration lease) {
        jdbc.sql("delete from idempotency_keys where account_id = :account and key = :key "
                        + "and created_at < now() - make_interval(secs => :ttl)")
                .param("account", account).param("key", key).param("ttl", ttl.toSeconds()).update();
        return jdbc.sql("""
                        insert into idempotency_keys (account_id, key, fingerprint, status, job_id, locked_until)
                        values (:account, :key, :fingerprint, 'in_progress', :job, now() + make_interval(secs => :lease))
                        on conflict do nothing
                        """)
                .param("account", account).param("key", key).param("fingerprint", fingerprint).param("job", jobId)
                .param("lease", lease.toMillis() / 1000.0).update() == 1;
    }

    /**
     * Takes over a claim whose lease ran out (its request's gateway died): true for the one caller that wins it.
     * The stored job id stays, so the taken-over request does what the first would have, at most once.
     */
    boolean takeOver(UUID account, String key, Duration lease) {
        return jdbc.sql("""
                        update idempotency_keys set locked_until = now() + make_interval(secs => :lease)
                         where account_id = :account and key = :key and status = 'in_progress'
                           and (locked_until is null or locked_until < now())
                        """)
                .param("account", account).param("key", key).param("lease", lease.toMillis() / 1000.0).update() == 1;
    }

    Optional<Entry> find(UUID account, String key) {
        return jdbc.sql("select fingerprint, status, response_body, job_id, "
                        + "(locked_until is null or locked_until < now()) as lease_expired from idempotency_keys "
                        + "where account_id = :account and key = :key")
                .param("account", account).param("key", key)
                .query((rs, n) -> new Entry(rs.getBytes("fingerprint"), "done".equals(rs.getString("status")),
                        rs.getString("response_body"), rs.getObject("job_id", UUID.class), rs.getBoolean("lease_expired")))
                .optional();
    }

    void complete(UUID account, String key, int status, String body) {
        jdbc.sql("update idempotency_keys set status = 'done', response_status = :status, response_body = :body "
                        + "where account_id = :account and key = :key")
                .param("account", account).param("key", key).param("status", status).param("body", body).update();
    }

    void release(UUID account, String key) {
        jdbc.sql("delete from idempotency_keys where account_id = :account and key = :key and status = 'in_progress'")
                .param("account", account).param("key", key).update();
    }

    int purgeOlderThan(Duration ttl) {
        return jdbc.sql("delete from idempotency_keys where created_at < now() - make_interval(secs => :ttl)")
                .param("ttl", ttl.toSeconds()).update();
    }
}
