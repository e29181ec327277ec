package dev.i2v.gateway.idempotency;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored keys. Each statement commits on its own: a duplicate must see a claim at once. */
@Repository
class IdempotencyKeyRepository {

    /** What is stored under a key. */
    record Entry(byte[] fingerprint, boolean done, String responseBody) {
    }

    private final JdbcClient jdbc;

    IdempotencyKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the key for a request; false when it is already claimed (and not expired). */
    boolean claim(UUID account, String key, byte[] fingerprint, Duration ttl) {
        jdbc.sql("delete from idempotency_keys where account_id = :account and key = :key "
                        + "and created_at < now() - make_interval(secs => :ttl)")
                .param("account", account).param("key", key).param("ttl", ttl.toSeconds()).update();
        return jdbc.sql("""
                        insert into idempotency_keys (account_id, key, fingerprint, status)
                        values (:account, :key, :fingerprint, 'in_progress')
                        on conflict do nothing
                        """)
                .param("account", account).param("key", key).param("fingerprint", fingerprint).update() == 1;
    }

    Optional<Entry> find(UUID account, String key) {
        return jdbc.sql("select fingerprint, status, response_body from idempotency_keys "
                        + "where account_id = :account and key = :key")
                .param("account", account).param("key", key)
                .query((rs, n) -> new Entry(rs.getBytes("fingerprint"), "done".equals(rs.getString("status")),
                        rs.getString("response_body")))
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
