package dev.i2v.worker.providers;

import java.time.Duration;

/** A provider said no, or could not be reached; {@link #kind()} says what that means for the job. */
public class ProviderException extends RuntimeException {

    /** How a failure is treated. */
    public enum Kind {
        /** 5xx, timeouts, unreadable answers: try again. */
        TRANSIENT,
        /** 429 or the provider's rate-limit codes: wait ({@link #retryAfter()}) and try again. */
        RATE_LIMITED,
        /** The input or output was refused by moderation: fail, no charge, do not retry. */
        MODERATION,
        /** The request is invalid for this model: fail, no charge. */
        INVALID_INPUT,
        /** Our key, plan or balance at the provider: fail, no charge, operators must act. */
        ACCOUNT,
        /** A result URL that no longer works: fetch the task again for a fresh one. */
        EXPIRED,
        /**
         * A task's creation was sent and its answer was lost (timed out, the connection dropped, an answer without
         * the task's id): a paid task may exist, so the create is never sent again.
         */
        OUTCOME_UNKNOWN
    }

    private final Kind kind;
    private final String code;
    private final Duration retryAfter;

    public ProviderException(Kind kind, String code, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public ProviderException(Kind kind, String code, String message) {
        this(kind, code, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The provider's own code, e.g. MiniMax {@code 1026} or Runway {@code SAFETY.INPUT.TEXT}. */
    public String code() {
        return code;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
