package dev.i2v.worker.providers.runway;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.i2v.worker.providers.AspectRatios;
import dev.i2v.worker.providers.ProviderAdapter;
import dev.i2v.worker.providers.ProviderException;
import dev.i2v.worker.providers.ProviderException.Kind;
import dev.i2v.worker.providers.ProviderHttp;

/**
 * Runway: {@code POST /v1/image_to_video}, {@code GET /v1/tasks/{id}}, {@code DELETE /v1/tasks/{id}}.
 * Request errors are HTTP statuses; generation errors are a FAILED task with a {@code failureCode}.
 * THROTTLED means the task waits in Runway's queue (over our concurrency), so it is just pending.
 */
public final class RunwayAdapter implements ProviderAdapter {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.dev.runwayml.com");
    /** The only API version Runway's SDK pins. */
    static final String API_VERSION = "2024-11-06";
    /** Gen-4 output ratios at 720p. */
    static final List<String> RATIOS = List.of("1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672");
    /** Runway takes data URIs up to 5 MB; bigger images would need its upload API. */
    static final int MAX_DATA_URI = 5 * 1024 * 1024;
    static final int MAX_PROMPT = 1000;

    private final URI baseUrl;
    private final ProviderHttp http;

    public RunwayAdapter(URI baseUrl, ProviderHttp http) {
        this.baseUrl = baseUrl;
        this.http = http;
    }

    @Override
    public String provider() {
        return "runway";
    }

    @Override
    public String submit(ProviderRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", request.providerModel());
        body.put("promptImage", image(request));
        if (request.prompt() != null && !request.prompt().isBlank()) {
            body.put("promptText", truncate(request.prompt()));
        }
        body.put("ratio", AspectRatios.nearest(request.imageWidth(), request.imageHeight(), RATIOS));
        body.put("duration", request.durationSeconds());
        http.awaitCreateRate();
        JsonNode answer = http.create(request(URI.create(baseUrl + "/v1/image_to_video"))
                .header("Content-Type", "application/json").POST(http.body(body)));
        return http.createdId(answer.path("id"), "id");
    }

    @Override
    public TaskState poll(String taskId) {
        JsonNode task = http.call(request(task(taskId)).GET());
        String status = task.path("status").asString("");
        return switch (status) {
            case "PENDING", "THROTTLED" -> new TaskState.Pending(-1);
            case "RUNNING" -> new TaskState.Pending((int) Math.round(task.path("progress").asDouble(-0.01) * 100));
            case "SUCCEEDED" -> new TaskState.Succeeded(http.required(task.path("output").path(0), "output"));
            case "FAILED" -> new TaskState.Failed(failure(task.path("failureCode").asString("INTERNAL"),
                    task.path("failure").asString("the generation failed")));
            case "CANCELLED" -> new TaskState.Failed(new ProviderException(Kind.TRANSIENT, "CANCELLED",
                    "the task was cancelled at Runway"));
            default -> throw new ProviderException(Kind.TRANSIENT, "unknown_status", "unknown status '" + status + "'");
        };
    }

    @Override
    public void cancel(String taskId) {
        try {
            http.send(request(task(taskId)).DELETE());
        } catch (ProviderException e) {
            // best effort: the job is stopping anyway
        }
    }

    @Override
    public InputStream download(String resultUrl) {
        return http.download(resultUrl);
    }

    /** SAFETY.* (inputs or outputs) and a refused prompt are moderation; ASSET.INVALID is our input; the rest may pass on retry. */
    static ProviderException failure(String code, String message) {
        Kind kind = code.startsWith("SAFETY.") || code.startsWith("INPUT_PREPROCESSING.SAFETY") ? Kind.MODERATION
                : code.startsWith("ASSET.INVALID") ? Kind.INVALID_INPUT : Kind.TRANSIENT;
        return new ProviderException(kind, code, message);
    }

    private Object image(ProviderRequest request) {
        if (request.imageUrl() != null) {
            return request.imageUrl();
        }
        if (request.imageDataUri().length() > MAX_DATA_URI) {
            throw new ProviderException(Kind.INVALID_INPUT, "image_too_large",
                    "Runway takes images up to 5 MB unless a public input URL is configured");
        }
        return request.imageDataUri();
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).header("X-Runway-Version", API_VERSION);
    }

    private URI task(String taskId) {
        return URI.create(baseUrl + "/v1/tasks/" + URLEncoder.encode(taskId, StandardCharsets.UTF_8));
    }

    private static String truncate(String prompt) {
        if (prompt.length() <= MAX_PROMPT) {
            return prompt;
        }
        int end = Character.isHighSurrogate(prompt.charAt(MAX_PROMPT - 1)) ? MAX_PROMPT - 1 : MAX_PROMPT;
        return prompt.substring(0, end);
    }
}
