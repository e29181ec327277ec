package dev.i2v.gateway.auth;

import java.util.UUID;

/** The authenticated account of a {@code /v1} request; controllers take it as {@code @RequestAttribute(Caller.ATTRIBUTE)}. */
public record Caller(UUID accountId) {

    public static final String ATTRIBUTE = "i2v.caller";
}
