package dev.i2v.gateway.problems;

import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.i2v.kit.ProblemException;

/** Root of the errors of the public API; codes are those of the public contract. */
public class GatewayException extends ProblemException {

    protected GatewayException(HttpStatus status, String code, String message, Map<String, Object> properties) {
        super(status, code, message, properties);
    }

    public static GatewayException unauthenticated(String message) {
        return new GatewayException(HttpStatus.UNAUTHORIZED, "unauthenticated", message, Map.of());
    }

    /** An operator whose role does not allow the request (support staff changing something, say). */
    public static GatewayException forbidden(String message) {
        return new GatewayException(HttpStatus.FORBIDDEN, "forbidden", message, Map.of());
    }

    /** An operator's action that the job's state does not allow (refunding an unfinished job, or twice). */
    public static GatewayException conflict(String code, String message) {
        return new GatewayException(HttpStatus.CONFLICT, code, message, Map.of());
    }

    /**
     * A submit of a model or lane an operator paused with mode refuse: {@code model_paused} or {@code lane_paused},
     * nothing held or queued; retry later.
     */
    public static GatewayException paused(String kind, String name, String reason) {
        return new GatewayException(HttpStatus.SERVICE_UNAVAILABLE, kind + "_paused", "the " + kind + " '" + name
                + "' is paused by the operators" + (reason == null || reason.isBlank() ? "" : ": " + reason)
                + "; nothing was held or queued, try again later", Map.of(kind, name));
    }

    /** A provider's callback whose signature is missing, stale or wrong (the link alone is not enough for it). */
    public static GatewayException invalidSignature(String message) {
        return new GatewayException(HttpStatus.UNAUTHORIZED, "invalid_signature", message, Map.of());
    }

    public static GatewayException notFound(String what) {
        return new GatewayException(HttpStatus.NOT_FOUND, "not_found", what + " not found", Map.of());
    }

    /** A malformed or out-of-range field; {@code code} is one of the contract's 400 codes. */
    public static GatewayException invalid(String code, String message) {
        return new GatewayException(HttpStatus.BAD_REQUEST, code, message, Map.of());
    }

    /** A field the request named wrongly; {@code param} names it (the OpenAI-compatible door reports it). */
    public static GatewayException invalidParam(String param, String message) {
        return new GatewayException(HttpStatus.BAD_REQUEST, "invalid_request", message, Map.of("param", param));
    }

    public static GatewayException imageTooLarge(String message) {
        return new GatewayException(HttpStatus.PAYLOAD_TOO_LARGE, "image_too_large", message, Map.of());
    }

    public static GatewayException unsupportedImageType() {
        return new GatewayException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_image_type",
                "the image must be JPEG, PNG or WebP (judged by its bytes)", Map.of());
    }

    /** Over the account's request rate; {@code retry_after} seconds until a request is allowed again. */
    public static GatewayException rateLimited(long retryAfterSeconds) {
        return new GatewayException(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                "too many requests; retry in " + retryAfterSeconds + " s", Map.of("retry_after", retryAfterSeconds));
    }

    /** The same Idempotency-Key with a different request. */
    public static GatewayException idempotencyKeyReused(String key) {
        return new GatewayException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused",
                "Idempotency-Key '" + key + "' was used with a different request", Map.of());
    }

    /** A duplicate that waited too long for the first request under its key. */
    public static GatewayException idempotencyKeyInUse(String key) {
        return new GatewayException(HttpStatus.CONFLICT, "idempotency_key_in_use",
                "a request with Idempotency-Key '" + key + "' is still running; retry later", Map.of());
    }

    public static GatewayException unsupportedOption(String message) {
        return new GatewayException(HttpStatus.UNPROCESSABLE_CONTENT, "unsupported_option", message, Map.of());
    }

    public static GatewayException outputNotReady(String status) {
        return new GatewayException(HttpStatus.CONFLICT, "output_not_ready",
                "the video is not ready: the job is " + status, Map.of("job_status", status));
    }

    public static GatewayException unavailable(String what) {
        return new GatewayException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                what + " is unavailable; nothing was changed, try again", Map.of());
    }

    /**
     * A submit whose job may or may not have been recorded (job-service's answer was lost, and it cannot be asked
     * now). Its hold is left for the hold sweeper, which asks job-service later; under an Idempotency-Key the key
     * stays claimed, so a retry after the key's lease resumes the same job instead of making a second one.
     */
    public static final class OutcomeUnknown extends GatewayException {
        OutcomeUnknown(String what) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", what + " is unavailable and did not say whether the "
                    + "video was accepted; retry with the same Idempotency-Key, or list your videos first", Map.of());
        }
    }

    public static GatewayException outcomeUnknown(String what) {
        return new OutcomeUnknown(what);
    }

    /** A refusal of a downstream service that the client must see as it is (402, 429). */
    public static GatewayException relayed(HttpStatus status, String code, String message, Map<String, Object> properties) {
        return new GatewayException(status, code, message, properties);
    }
}
