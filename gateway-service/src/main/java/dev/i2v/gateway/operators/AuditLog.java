package dev.i2v.gateway.operators;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.gateway.problems.GatewayException;

/**
 * The operators' audit log: every change made through {@code /admin/v1}, with who, when, what, and the values before
 * and after. An action is recorded after the service that owns the data confirmed it; reads are not recorded.
 */
@Service
public class AuditLog {

    private final AuditRepository entries;
    private final JsonMapper json;

    AuditLog(AuditRepository entries, JsonMapper json) {
        this.entries = entries;
        this.json = json;
    }

    /**
     * Records an action. {@code before} and {@code after} are any values the API answers with (records, maps, JSON).
     */
    @Transactional
    public void record(Operator operator, String action, String target, String reason, Object before, Object after) {
        entries.append(operator, action, target, reason, tree(before), tree(after));
    }

    /** A page of entries, newest first, and the cursor of the next page (null at the end). */
    @Transactional(readOnly = true)
    public Page find(AuditQuery query, int limit) {
        if (limit < 1 || limit > 200) {
            throw GatewayException.invalid("invalid_request", "limit must be between 1 and 200");
        }
        List<AuditEntry> page = entries.find(query, limit + 1);
        boolean more = page.size() > limit;
        List<AuditEntry> data = more ? page.subList(0, limit) : page;
        return new Page(data, more ? Long.toString(data.getLast().id()) : null);
    }

    private JsonNode tree(Object value) {
        return value == null ? null : value instanceof JsonNode node ? node : json.valueToTree(value);
    }

    /** @param nextCursor pass as {@code cursor} for the page after this one */
    public record Page(List<AuditEntry> data, String nextCursor) {
    }
}
