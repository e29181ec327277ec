package dev.i2v.worker.providers.minimax;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.worker.providers.ProviderAdapter;
import dev.i2v.worker.providers.ProviderException;
import dev.i2v.worker.providers.ProviderException.Kind;

/**
 * The MiniMax adapter. Requests go through a token bucket of the account's rate (MiniMax allows about
 * 5 video requests a minute), so a burst of jobs waits its turn instead of being refused.
 */
public final class MiniMaxAdapter implements ProviderAdapter {

    private static final Set<Integer> TRANSIENT = Set.of(1000, 1001, 1024, 1033, 1041);
    private static final Set<Integer> RATE_LIMITED = Set.of(1002, 2045);
    private static final Set<Integer> ACCOUNT = Set.of(1004, 2049, 1008, 2038, 2056);
    private static final Set<Integer> MODERATION = Set.of(1026, 1027);
    private static final Set<Integer> INVALID = Set.of(2013, 1039, 1042);

    private final URI baseUrl;
    private final String apiKey;
    private final JsonMapper json;
    private final Bucket createRate;
    private final Duration timeout;
    private final HttpClient http;

    /** @param createsPerMinute how many tasks the account may create a minute */
    public MiniMaxAdapter(URI baseUrl, String apiKey, int createsPerMinute, Duration timeout, JsonMapper json) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.json = json;
        this.timeout = timeout;
        this.createRate = Bucket.builder().addLimit(Bandwidth.builder().capacity(createsPerMinute)
                .refillGreedy(createsPerMinute, Duration.ofMinutes(1)).build()).build();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public String provider() {
        return "minimax";
    }

    @Override
    public String submit(ProviderRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", request.providerModel());
        body.put("first_frame_image", request.imageDataUri());
        body.put("prompt", request.prompt());
        body.put("prompt_optimizer", request.promptOptimizer());
        body.put("duration", request.durationSeconds());
        body.put("resolution", request.resolution());
        waitForRate();
        JsonNode answer = call(HttpRequest.newBuilder(baseUrl.resolve("/v1/video_generation"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        String task = answer.path("task_id").asString("");
        if (task.isBlank()) {
            throw new ProviderException(Kind.TRANSIENT, "no_task_id", "the create answer had no task_id");
        }
        return task;
    }

    @Override
    public TaskState poll(String taskId) {
        JsonNode answer = call(HttpRequest.newBuilder(baseUrl.resolve("/v1/query/video_generation?task_id=" + encode(taskId))).GET());
        String status = answer.path("status").asString("").toLowerCase(Locale.ROOT);
        switch (status) {
            case "preparing", "queueing", "processing" -> {
                return new TaskState.Pending(-1);
            }
            case "success" -> {
                return new TaskState.Succeeded(downloadUrl(answer.path("file_id").asString("")));
            }
            case "fail", "failed" -> {
                return new TaskState.Failed(new ProviderException(Kind.TRANSIENT, "Fail",
                        "MiniMax reported the generation failed"));
            }
            default -> throw new ProviderException(Kind.TRANSIENT, "unknown_status", "unknown status '" + status + "'");
        }
    }

    @Override
    public InputStream download(String resultUrl) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(resultUrl)).timeout(timeout)
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            response.body().close();
            throw new ProviderException(status == 403 || status == 404 || status == 410 ? Kind.EXPIRED : Kind.TRANSIENT,
                    "HTTP " + status, "downloading the result answered " + status);
        } catch (IOException e) {
            throw new ProviderException(Kind.TRANSIENT, "io", "download failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(Kind.TRANSIENT, "interrupted", "interrupted");
        }
    }

    private String downloadUrl(String fileId) {
        if (fileId.isBlank()) {
            throw new ProviderException(Kind.TRANSIENT, "no_file_id", "success without file_id");
        }
        JsonNode answer = call(HttpRequest.newBuilder(baseUrl.resolve("/v1/files/retrieve?file_id=" + encode(fileId))).GET());
        String url = answer.path("file").path("download_url").asString("");
        if (url.isBlank()) {
            throw new ProviderException(Kind.TRANSIENT, "no_download_url", "file without download_url");
        }
        return url;
    }

    /** One API call: HTTP errors and base_resp codes become typed failures. */
    private JsonNode call(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(timeout).header("Authorization", "Bearer " + apiKey).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderException(Kind.TRANSIENT, "io", "MiniMax unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(Kind.TRANSIENT, "interrupted", "interrupted");
        }
        int status = response.statusCode();
        if (status == 429) {
            throw new ProviderException(Kind.RATE_LIMITED, "HTTP 429", "rate limited",
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        }
        if (status >= 500) {
            throw new ProviderException(Kind.TRANSIENT, "HTTP " + status, "MiniMax answered " + status);
        }
        if (status == 401 || status == 403) {
            throw new ProviderException(Kind.ACCOUNT, "HTTP " + status, "MiniMax refused our key");
        }
        if (status != 200) {
            throw new ProviderException(Kind.INVALID_INPUT, "HTTP " + status, "MiniMax answered " + status);
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (JacksonException e) {
            throw new ProviderException(Kind.TRANSIENT, "malformed", "MiniMax's answer is not JSON");
        }
        checkBaseResp(body.path("base_resp"));
        return body;
    }

    private static void checkBaseResp(JsonNode baseResp) {
        int code = baseResp.path("status_code").asInt(0);
        if (code == 0) {
            return;
        }
        String message = baseResp.path("status_msg").asString("");
        Kind kind = TRANSIENT.contains(code) ? Kind.TRANSIENT : RATE_LIMITED.contains(code) ? Kind.RATE_LIMITED
                : ACCOUNT.contains(code) ? Kind.ACCOUNT : MODERATION.contains(code) ? Kind.MODERATION
                : INVALID.contains(code) ? Kind.INVALID_INPUT : Kind.TRANSIENT;
        throw new ProviderException(kind, Integer.toString(code), message,
                kind == Kind.RATE_LIMITED ? Duration.ofSeconds(12) : null);
    }

    private void waitForRate() {
        try {
            createRate.asBlocking().consume(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(Kind.TRANSIENT, "interrupted", "interrupted while waiting for the rate limit");
        }
    }

    private static Duration retryAfter(String header) {
        try {
            return header == null ? null : Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
