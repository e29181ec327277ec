package dev.i2v.worker.providers.fal;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.i2v.worker.providers.ProviderAdapter;
import dev.i2v.worker.providers.ProviderException;
import dev.i2v.worker.providers.ProviderException.Kind;
import dev.i2v.worker.providers.ProviderHttp;

/**
 * fal's queue: {@code POST https://queue.fal.run/{app}} answers with the request's own status, result
 * and cancel URLs, which are used as given (fal says not to build them). The queue never drops a
 * request and retries its runners itself. Our task id is the status URL; the result URL sits beside it.
 * Inputs follow fal's common image-to-video schema ({@code prompt}, {@code image_url}); a model with
 * other field names needs its own mapping.
 */
public final class FalAdapter implements ProviderAdapter {

    public static final URI DEFAULT_BASE_URL = URI.create("https://queue.fal.run");

    private final String baseUrl;
    private final ProviderHttp http;

    public FalAdapter(URI baseUrl, ProviderHttp http) {
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.http = http;
    }

    @Override
    public String provider() {
        return "fal";
    }

    @Override
    public String submit(ProviderRequest request) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("prompt", request.prompt() == null ? "" : request.prompt());
        input.put("image_url", request.imageUrl() != null ? request.imageUrl() : request.imageDataUri());
        input.put("resolution", request.resolution().toLowerCase(Locale.ROOT));
        input.put("duration", Integer.toString(request.durationSeconds()));
        http.awaitCreateRate();
        String webhook = request.callbackUrl() == null ? ""
                : "?fal_webhook=" + URLEncoder.encode(request.callbackUrl(), StandardCharsets.UTF_8);
        JsonNode answer = http.create(HttpRequest.newBuilder(URI.create(baseUrl + "/" + request.providerModel() + webhook))
                .header("Content-Type", "application/json").POST(http.body(input)));
        return http.createdId(answer.path("status_url"), "status_url");
    }

    @Override
    public TaskState poll(String statusUrl) {
        JsonNode status = http.call(HttpRequest.newBuilder(URI.create(statusUrl)).GET());
        String state = status.path("status").asString("");
        return switch (state) {
            case "IN_QUEUE", "IN_PROGRESS" -> new TaskState.Pending(-1);
            case "COMPLETED" -> result(status.path("response_url").asString(requestUrl(statusUrl)));
            default -> throw new ProviderException(Kind.TRANSIENT, "unknown_status", "unknown status '" + state + "'");
        };
    }

    @Override
    public void cancel(String statusUrl) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(requestUrl(statusUrl) + "/cancel"))
                    .PUT(HttpRequest.BodyPublishers.noBody()));
        } catch (ProviderException e) {
            // best effort: queued requests are removed, running ones only signalled
        }
    }

    @Override
    public InputStream download(String resultUrl) {
        return http.download(resultUrl);
    }

    /**
     * A completed request's result. A model's own failure (e.g. its content checker) arrives as an error
     * status on the result: 422 is our input, other errors are the runner's.
     */
    private TaskState result(String responseUrl) {
        JsonNode result;
        try {
            result = http.call(HttpRequest.newBuilder(URI.create(responseUrl)).GET());
        } catch (ProviderException e) {
            if (e.kind() == Kind.INVALID_INPUT && e.getMessage().toLowerCase(Locale.ROOT).contains("content")) {
                return new TaskState.Failed(new ProviderException(Kind.MODERATION, e.code(), e.getMessage()));
            }
            if (e.kind() == Kind.INVALID_INPUT) {
                return new TaskState.Failed(e);
            }
            throw e;
        }
        return new TaskState.Succeeded(http.required(result.path("video").path("url"), "video.url"));
    }

    private static String requestUrl(String statusUrl) {
        return statusUrl.replaceAll("/status/?(\\?.*)?$", "");
    }
}
