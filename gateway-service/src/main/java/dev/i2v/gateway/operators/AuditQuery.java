package dev.i2v.gateway.operators;

import dev.i2v.gateway.problems.GatewayException;

/** Filters of the audit log; a null one matches everything. {@code cursor} pages back from an entry. */
public record AuditQuery(String operator, String action, String target, String cursor) {

    /** The id the page starts below, or null for the newest. */
    Long beforeId() {
        if (cursor == null) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw GatewayException.invalid("invalid_request", "cursor '" + cursor + "' is not valid");
        }
    }
}
