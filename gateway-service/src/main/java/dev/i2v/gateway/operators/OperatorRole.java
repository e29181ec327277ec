package dev.i2v.gateway.operators;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an operator may do on {@code /admin/v1}. */
public enum OperatorRole {
    /** Reads accounts, jobs, plans, prices and the audit log; changes nothing. */
    SUPPORT,
    /** Reads and changes everything the admin API offers. */
    ADMIN;

    /** Whether a request of this HTTP method is within the role: support may only read. */
    public boolean allows(String httpMethod) {
        return this == ADMIN || "GET".equals(httpMethod) || "HEAD".equals(httpMethod);
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
