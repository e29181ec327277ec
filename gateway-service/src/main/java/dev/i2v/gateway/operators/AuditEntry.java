package dev.i2v.gateway.operators;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * One operator action as the audit log keeps it.
 *
 * @param action what was done, e.g. {@code plan.edit}, {@code account.grant}, {@code job.refund}
 * @param target what it was done to, e.g. {@code plan:sora-plus}, {@code account:<id>}
 * @param before the value before the action (null when it created the thing)
 * @param after  the value after it (null when it removed the thing)
 */
public record AuditEntry(long id, Instant at, String operator, String role, String action, String target,
                         String reason, JsonNode before, JsonNode after) {
}
