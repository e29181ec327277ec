package dev.i2v.gateway.problems;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Our problems in OpenAI's error envelope, for the OpenAI-compatible door ({@code /openai/v1}):
 * {@code {"error": {"message", "type", "param", "code"}}}. Our {@code code} is kept (clients of that door see the
 * same codes as the native API); the status and {@code type} follow OpenAI's use: a request whose fields it cannot
 * accept is a 400 {@code invalid_request_error}, where ours says 415 or 422 (a body over the size limit stays 413).
 */
public final class OpenAiErrors {

    /** Requests under this path prefix are answered in OpenAI's shapes. */
    public static final String PATH_PREFIX = "/openai/";

    /** The fields a problem carries besides the envelope's own that a client may act on. */
    private static final Set<String> EXTRAS = Set.of("balance", "cost", "limit", "active", "retry_after", "job_status");

    private OpenAiErrors() {
    }

    public static boolean applies(HttpServletRequest request) {
        return request.getRequestURI().startsWith(PATH_PREFIX);
    }

    /** The HTTP status OpenAI would answer for one of ours. */
    public static int status(int ours) {
        return ours == 415 || ours == 422 ? 400 : ours;
    }

    /**
     * The envelope for a problem.
     *
     * @param properties the problem's own properties ({@code code}, {@code param}, {@code balance}, ...)
     */
    public static Map<String, Object> envelope(int ours, String detail, Map<String, Object> properties) {
        Map<String, Object> error = new LinkedHashMap<>();
        String code = properties.get("code") instanceof String c ? c : null;
        error.put("message", detail == null ? "request failed" : detail);
        error.put("type", type(ours));
        error.put("param", properties.get("param") instanceof String p ? p : param(code));
        error.put("code", code);
        properties.forEach((name, value) -> {
            if (EXTRAS.contains(name)) {
                error.put(name, value);
            }
        });
        return Map.of("error", error);
    }

    private static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "insufficient_quota";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    /** The request field a code is about, in the names of OpenAI's create request. */
    private static String param(String code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case "invalid_prompt" -> "prompt";
            case "invalid_image", "invalid_image_url", "image_too_large", "unsupported_image_type" -> "input_reference";
            default -> null;
        };
    }
}
