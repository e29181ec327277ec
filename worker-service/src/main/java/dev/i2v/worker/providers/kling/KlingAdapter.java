package dev.i2v.worker.providers.kling;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.worker.providers.ProviderAdapter;
import dev.i2v.worker.providers.ProviderException;
import dev.i2v.worker.providers.ProviderException.Kind;
import dev.i2v.worker.providers.ProviderHttp;

/**
 * Kling: {@code POST /v1/videos/image2video}, {@code GET /v1/videos/image2video/{task_id}}. Answers carry
 * a {@code code} (0 = fine) besides the HTTP status. Kling has no official public SDK; the field names
 * and codes follow the API relays' documentation and are to be checked against a live account.
 * 720P runs in Kling's {@code std} mode, 1080P in {@code pro}.
 */
public final class KlingAdapter implements ProviderAdapter {

    /** The global endpoint; {@code https://api-beijing.klingai.com} serves mainland China. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api-singapore.klingai.com");
    static final int MAX_PROMPT = 2500;

    private final URI baseUrl;
    private final ProviderHttp http;

    public KlingAdapter(URI baseUrl, ProviderHttp http) {
        this.baseUrl = baseUrl;
        this.http = http;
    }

    /** The client for Kling: its bearer token is a JWT made from the two keys. */
    public static ProviderHttp http(String accessKey, String secretKey, int createsPerMinute, Duration timeout,
                                    JsonMapper json) {
        return new ProviderHttp("kling", new KlingToken(accessKey, secretKey, Clock.systemUTC()), createsPerMinute,
                timeout, json, KlingAdapter::errorBody);
    }

    @Override
    public String provider() {
        return "kling";
    }

    @Override
    public String submit(ProviderRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model_name", request.providerModel());
        // Kling wants the bare base64, without the data: prefix
        body.put("image", request.imageUrl() != null ? request.imageUrl()
                : request.imageDataUri().substring(request.imageDataUri().indexOf(',') + 1));
        if (request.prompt() != null && !request.prompt().isBlank()) {
            body.put("prompt", request.prompt().length() <= MAX_PROMPT ? request.prompt()
                    : request.prompt().substring(0, MAX_PROMPT));
        }
        body.put("mode", "1080P".equalsIgnoreCase(request.resolution()) ? "pro" : "std");
        body.put("duration", Integer.toString(request.durationSeconds()));
        if (request.callbackUrl() != null) {
            body.put("callback_url", request.callbackUrl());
        }
        http.awaitCreateRate();
        JsonNode answer = create(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/videos/image2video"))
                .header("Content-Type", "application/json").POST(http.body(body)));
        return http.createdId(answer.path("data").path("task_id"), "task_id");
    }

    @Override
    public TaskState poll(String taskId) {
        JsonNode data = call(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/videos/image2video/"
                + URLEncoder.encode(taskId, StandardCharsets.UTF_8))).GET()).path("data");
        String status = data.path("task_status").asString("");
        return switch (status) {
            case "submitted", "processing" -> new TaskState.Pending(-1);
            case "succeed" -> new TaskState.Succeeded(
                    http.required(data.path("task_result").path("videos").path(0).path("url"), "url"));
            case "failed" -> new TaskState.Failed(new ProviderException(Kind.TRANSIENT, "failed",
                    data.path("task_status_msg").asString("the generation failed")));
            default -> throw new ProviderException(Kind.TRANSIENT, "unknown_status", "unknown status '" + status + "'");
        };
    }

    @Override
    public InputStream download(String resultUrl) {
        return http.download(resultUrl);
    }

    /** A 2xx answer may still carry a non-zero code. */
    private JsonNode call(HttpRequest.Builder request) {
        JsonNode body = http.call(request);
        int code = body.path("code").asInt(0);
        if (code != 0) {
            throw failure(code, body.path("message").asString(""));
        }
        return body;
    }

    /** A task's creation: a refusal in {@code code} created nothing; a lost answer is an unknown outcome. */
    private JsonNode create(HttpRequest.Builder request) {
        JsonNode body = http.create(request);
        int code = body.path("code").asInt(0);
        if (code != 0) {
            throw failure(code, body.path("message").asString(""));
        }
        return body;
    }

    /** A 4xx from Kling carries a code that says more than its status. */
    static ProviderException errorBody(int status, JsonNode body) {
        int code = body.path("code").asInt(0);
        return code == 0 ? null : failure(code, body.path("message").asString(""));
    }

    /** Kling's code ranges: 1000s authentication, 1100s account, 1200s request, 1300s policy and limits, 5000s server. */
    static ProviderException failure(int code, String message) {
        Kind kind;
        if (code >= 1000 && code < 1200) {
            kind = Kind.ACCOUNT;
        } else if (code >= 1200 && code < 1300) {
            kind = Kind.INVALID_INPUT;
        } else if (code == 1300 || code == 1301) {
            kind = Kind.MODERATION;
        } else if (code >= 1302 && code < 1400) {
            kind = Kind.RATE_LIMITED;
        } else {
            kind = Kind.TRANSIENT;
        }
        return new ProviderException(kind, Integer.toString(code), message);
    }
}
