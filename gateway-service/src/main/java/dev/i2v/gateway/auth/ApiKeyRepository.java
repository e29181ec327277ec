package dev.i2v.gateway.auth;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID accountId, String prefix, byte[] hash, String label) {
        jdbc.sql("insert into api_keys (id, account_id, prefix, key_hash, label) values (:id, :account, :prefix, :hash, :label)")
                .param("id", id).param("account", accountId).param("prefix", prefix).param("hash", hash)
                .param("label", label).update();
    }

    Optional<UUID> activeAccountFor(byte[] hash) {
        return jdbc.sql("select account_id from api_keys where key_hash = :hash and revoked_at is null")
                .param("hash", hash).query(UUID.class).optional();
    }

    /** The key with this hash was accepted at {@code at} (a later use already recorded is kept). */
    void usedAt(byte[] hash, Instant at) {
        jdbc.sql("update api_keys set last_used_at = greatest(coalesce(last_used_at, :at), :at) where key_hash = :hash")
                .param("at", at.atOffset(ZoneOffset.UTC)).param("hash", hash).update();
    }

    /** Revokes the account's key with this visible prefix; false when there is none still active. */
    boolean revoke(UUID accountId, String prefix) {
        return jdbc.sql("update api_keys set revoked_at = now() where account_id = :account and prefix = :prefix "
                        + "and revoked_at is null")
                .param("account", accountId).param("prefix", prefix).update() > 0;
    }
}
