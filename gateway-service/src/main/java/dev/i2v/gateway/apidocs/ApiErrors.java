package dev.i2v.gateway.apidocs;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Which problems each public operation can answer: the contract's error table, per endpoint. */
final class ApiErrors {

    /** One problem an operation may answer. */
    record Error(int status, String code, String detail) {
    }

    static final Error UNAUTHENTICATED = new Error(401, "unauthenticated", "missing or unknown API key");
    static final Error RATE_LIMITED = new Error(429, "rate_limited", "too many requests; retry after the Retry-After seconds");
    static final Error UNAVAILABLE = new Error(503, "unavailable", "a dependency is unavailable; nothing was changed, try again");
    static final Error NOT_FOUND = new Error(404, "not_found", "no such video");
    static final Error INVALID_REQUEST = new Error(400, "invalid_request", "duration: must be a whole number of seconds");

    private static final List<Error> INTAKE = List.of(
            INVALID_REQUEST,
            new Error(400, "invalid_prompt", "prompt is required (1-2000 characters)"),
            new Error(400, "invalid_image", "the image could not be read: truncated PNG"),
            new Error(400, "invalid_image_url", "image_url must be an https URL of a public address"),
            new Error(400, "invalid_webhook_url", "webhook_url must not point inside a private network (10.0.0.7)"),
            new Error(413, "image_too_large", "the image is 24000000 bytes; the limit is 20971520"),
            new Error(415, "unsupported_image_type", "the image is not JPEG, PNG or WebP by its bytes"),
            new Error(422, "unsupported_option", "model local offers durations [6, 10]"),
            new Error(422, "plan_limit", "the free plan allows resolutions up to 768P"));

    /** Keyed by {@code METHOD path} as the OpenAPI document spells the path. */
    static final Map<String, List<Error>> BY_OPERATION = Map.of(
            "POST /v1/videos", concat(INTAKE, List.of(
                    new Error(402, "insufficient_credits", "30 points are needed; the balance is 10"),
                    new Error(409, "idempotency_key_in_use", "a request with this Idempotency-Key is still running"),
                    new Error(422, "idempotency_key_reused", "this Idempotency-Key was used with a different request"),
                    new Error(429, "concurrency_limit", "the free plan runs 3 jobs at once; 3 are active"),
                    new Error(503, "model_paused", "the model 'kling-v2-1' is paused by the operators; try again later"),
                    new Error(503, "lane_paused", "the lane 'priority' is paused by the operators; try again later"))),
            "POST /v1/videos/quote", INTAKE,
            "GET /v1/videos", List.of(INVALID_REQUEST),
            "GET /v1/videos/{id}", List.of(NOT_FOUND),
            "GET /v1/videos/{id}/events", List.of(NOT_FOUND),
            "POST /v1/videos/{id}/cancel", List.of(NOT_FOUND,
                    new Error(409, "job_not_cancellable", "the job has already succeeded")),
            "DELETE /v1/videos/{id}", List.of(NOT_FOUND),
            "GET /v1/videos/{id}/content", List.of(NOT_FOUND,
                    new Error(409, "output_not_ready", "the video is not ready: the job is running")),
            "GET /v1/credits/history", List.of(INVALID_REQUEST));

    /** Problems every authenticated operation may answer. */
    static final List<Error> EVERYWHERE = List.of(UNAUTHENTICATED, RATE_LIMITED, UNAVAILABLE);

    /** Every operator change: a support token may read but not change. */
    static final Error FORBIDDEN = new Error(403, "forbidden", "the support role may read but not change");

    private ApiErrors() {
    }

    private static List<Error> concat(List<Error> a, List<Error> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
