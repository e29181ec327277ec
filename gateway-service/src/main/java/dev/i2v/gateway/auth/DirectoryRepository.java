package dev.i2v.gateway.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DirectoryRepository {

    private static final int MAX = 50;

    private final JdbcClient jdbc;

    DirectoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<UUID> byKeyPrefix(String prefix) {
        return jdbc.sql("select distinct account_id from api_keys where prefix = :prefix limit " + MAX)
                .param("prefix", prefix).query(UUID.class).list();
    }

    List<UUID> bySubject(String subject) {
        return jdbc.sql("select distinct account_id from oidc_identities where subject = :subject limit " + MAX)
                .param("subject", subject).query(UUID.class).list();
    }

    List<UUID> byLabel(String label) {
        return jdbc.sql("""
                        select distinct account_id from api_keys
                         where lower(label) like '%' || lower(:label) || '%' escape '\\' limit :max
                        """).param("max", MAX)
                .param("label", label.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
                .query(UUID.class).list();
    }

    List<AccountDirectory.KeyView> keys(UUID accountId) {
        return jdbc.sql("select prefix, label, created_at, revoked_at, last_used_at from api_keys where account_id = :account "
                        + "order by created_at")
                .param("account", accountId)
                .query((rs, n) -> new AccountDirectory.KeyView(rs.getString("prefix"), rs.getString("label"),
                        instant(rs.getObject("created_at", OffsetDateTime.class)),
                        instant(rs.getObject("revoked_at", OffsetDateTime.class)),
                        instant(rs.getObject("last_used_at", OffsetDateTime.class))))
                .list();
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
