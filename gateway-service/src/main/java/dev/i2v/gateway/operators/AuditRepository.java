package dev.i2v.gateway.operators;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Repository
class AuditRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long append(Operator operator, String action, String target, String reason, JsonNode before, JsonNode after) {
        return jdbc.sql("""
                        insert into operator_actions (operator, role, action, target, reason, before, after)
                        values (:operator, :role, :action, :target, :reason, cast(:before as jsonb), cast(:after as jsonb))
                        returning id
                        """)
                .param("operator", operator.name()).param("role", operator.role().wireName()).param("action", action)
                .param("target", target).param("reason", reason).param("before", text(before))
                .param("after", text(after)).query(Long.class).single();
    }

    /** Newest first, below {@code beforeId} when given; each filter applies only when not null. */
    List<AuditEntry> find(AuditQuery query, int limit) {
        return jdbc.sql("""
                        select * from operator_actions
                         where (cast(:operator as text) is null or operator = :operator)
                           and (cast(:action as text) is null or action = :action)
                           and (cast(:target as text) is null or target = :target)
                           and (cast(:before_id as bigint) is null or id < :before_id)
                         order by id desc limit :limit
                        """)
                .param("operator", query.operator()).param("action", query.action()).param("target", query.target())
                .param("before_id", query.beforeId()).param("limit", limit).query(this::entry).list();
    }

    private String text(JsonNode node) {
        return node == null || node.isNull() ? null : json.writeValueAsString(node);
    }

    private AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("operator"), rs.getString("role"), rs.getString("action"), rs.getString("target"),
                rs.getString("reason"), node(rs.getString("before")), node(rs.getString("after")));
    }

    private JsonNode node(String text) {
        return text == null ? null : json.readTree(text);
    }
}
